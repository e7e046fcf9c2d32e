package org.webcallcenter.media.sdp;

import java.util.Optional;

/** Media direction attributes (RFC 4566 §6, RFC 3264 §5.1), from the point of view of the describer. */
public enum Direction {
    /** a=sendrecv, the default. */
    SENDRECV(true, true),
    /** a=sendonly: the describer sends but does not want to receive, e.g. when putting a call on hold. */
    SENDONLY(true, false),
    /** a=recvonly: the describer receives only. */
    RECVONLY(false, true),
    /** a=inactive: no media either way. */
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    Direction(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** @return whether the describer sends media */
    public boolean sends() {
        return sends;
    }

    /** @return whether the describer receives media */
    public boolean receives() {
        return receives;
    }

    /** @return the attribute name, e.g. "sendonly" */
    public String attributeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the direction with the given send/receive capabilities */
    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /** @return the direction seen from the other side: sendonly and recvonly swap (RFC 3264 §6.1) */
    public Direction reverse() {
        return of(receives, sends);
    }

    /** @return the direction allowing only what both this and {@code other} allow */
    public Direction intersect(Direction other) {
        return of(sends && other.sends, receives && other.receives);
    }

    /** @return the direction named by an attribute name (case-sensitive as in RFC 4566), if any */
    public static Optional<Direction> fromAttribute(String name) {
        for (Direction d : values()) {
            if (d.attributeName().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
