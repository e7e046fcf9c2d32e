package org.webcallcenter.media.sdp;

import java.util.Objects;

/**
 * One a= line (RFC 4566 §5.13): a property attribute {@code a=name} or a value attribute
 * {@code a=name:value}. Unknown attributes (ICE, DTLS, msid, extmap, ...) are kept as they came.
 *
 * @param name attribute name, non-empty, without ':'
 * @param value attribute value, or null for a property attribute
 */
public record Attribute(String name, String value) {

    /** Validates the name. */
    public Attribute {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf(':') >= 0 || name.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("bad attribute name '" + name + "'");
        }
    }

    /** @return a property attribute */
    public static Attribute property(String name) {
        return new Attribute(name, null);
    }

    /** @return a value attribute */
    public static Attribute of(String name, String value) {
        return new Attribute(name, Objects.requireNonNull(value, "value"));
    }

    /** @return the line without "a=", e.g. "rtpmap:0 PCMU/8000" */
    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }
}
