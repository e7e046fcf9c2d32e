package org.webcallcenter.media.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The value of an a=rtpmap attribute (RFC 4566 §6): {@code <payload type> <encoding name>/<clock
 * rate>[/<channels>]}.
 *
 * @param payloadType 0..127
 * @param encoding encoding name as written, e.g. "PCMU", "telephone-event"
 * @param clockRate RTP clock rate in Hz, positive
 * @param channels audio channels, 1 unless given
 */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {

    /** Validates the fields. */
    public RtpMap {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " outside 0..127");
        }
        if (encoding == null || encoding.isEmpty() || encoding.indexOf('/') >= 0 || encoding.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("bad encoding name '" + encoding + "'");
        }
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
    }

    /** @return whether this maps the given encoding name (case-insensitive) at the given clock rate */
    public boolean is(String name, int rate) {
        return encoding.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)) && clockRate == rate;
    }

    /** @return the rtpmap parsed from an attribute value, or empty if it is not a valid rtpmap */
    public static Optional<RtpMap> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        int pt = SdpText.parseInt(value.substring(0, space), 127);
        String[] parts = value.substring(space + 1).trim().split("/", -1);
        if (pt < 0 || parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[0].indexOf(' ') >= 0) {
            return Optional.empty();
        }
        int rate = SdpText.parseInt(parts[1], Integer.MAX_VALUE);
        int channels = parts.length == 3 ? SdpText.parseInt(parts[2], 255) : 1;
        if (rate <= 0 || channels <= 0) {
            return Optional.empty();
        }
        return Optional.of(new RtpMap(pt, parts[0], rate, channels));
    }

    /** @return the attribute value, channels only if not 1 */
    @Override
    public String toString() {
        return payloadType + " " + encoding + "/" + clockRate + (channels == 1 ? "" : "/" + channels);
    }
}
