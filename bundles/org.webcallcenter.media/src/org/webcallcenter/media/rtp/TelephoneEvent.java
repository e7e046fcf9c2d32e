package org.webcallcenter.media.rtp;

/**
 * The RTP payload for named telephone events (RFC 4733 §2.3): how DTMF key presses travel in-band
 * as RTP rather than as audio tones, which G.711 would carry but compression and PLC would damage.
 *
 * <p>Wire layout (§2.3, Figure 1), 4 bytes in network order:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The R bit is reserved: sent as zero and ignored on receipt (§2.3.3). Volume is the power level in
 * dBm0 with the sign dropped, 0..63 (§2.3.4). Duration is in RTP timestamp units since the event
 * started (§2.3.5). DTMF digits map to event codes 0..15 as in RFC 4733 §3.2, Table 3.
 *
 * @param event event code 0..255
 * @param end the E bit: this packet reports the end of the event
 * @param volume 0..63, meaning -0 .. -63 dBm0
 * @param duration 0..65535 timestamp units
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    /** Payload size in bytes. */
    public static final int SIZE = 4;

    private static final String DTMF_DIGITS = "0123456789*#ABCD";

    /** Validates field ranges. */
    public TelephoneEvent {
        if (event < 0 || event > 255) {
            throw new IllegalArgumentException("event " + event + " outside 0..255");
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("volume " + volume + " outside 0..63");
        }
        if (duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("duration " + duration + " outside 0..65535");
        }
    }

    /**
     * Decodes the first 4 bytes of an RTP payload.
     *
     * @throws MalformedPacketException if the payload is null or shorter than 4 bytes
     */
    public static TelephoneEvent decode(byte[] payload) throws MalformedPacketException {
        if (payload == null || payload.length < SIZE) {
            throw new MalformedPacketException("telephone-event payload needs 4 bytes, got "
                    + (payload == null ? "null" : payload.length));
        }
        int flags = payload[1] & 0xFF;
        return new TelephoneEvent(payload[0] & 0xFF, (flags & 0x80) != 0, flags & 0x3F,
                ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF));
    }

    /** @return the 4-byte payload, R bit zero */
    public byte[] encode() {
        return new byte[] { (byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >>> 8),
                (byte) duration };
    }

    /** @return whether the event code is one of the 16 DTMF events */
    public boolean isDtmf() {
        return event < DTMF_DIGITS.length();
    }

    /**
     * @return the DTMF character of this event
     * @throws IllegalStateException if the event is not a DTMF event
     */
    public char digit() {
        if (!isDtmf()) {
            throw new IllegalStateException("event " + event + " is not a DTMF event");
        }
        return DTMF_DIGITS.charAt(event);
    }

    /**
     * Maps a DTMF key to its event code (RFC 4733 §3.2 Table 3): '0'..'9' to 0..9, '*' to 10, '#' to 11,
     * 'A'..'D' (either case) to 12..15.
     *
     * @throws IllegalArgumentException for any other character
     */
    public static int eventCode(char digit) {
        int code = DTMF_DIGITS.indexOf(Character.toUpperCase(digit));
        if (code < 0) {
            throw new IllegalArgumentException("'" + digit + "' is not a DTMF digit");
        }
        return code;
    }

    /**
     * Maps a DTMF event code back to its key.
     *
     * @throws IllegalArgumentException if the code is outside 0..15
     */
    public static char digitOf(int eventCode) {
        if (eventCode < 0 || eventCode >= DTMF_DIGITS.length()) {
            throw new IllegalArgumentException("event " + eventCode + " is not a DTMF event");
        }
        return DTMF_DIGITS.charAt(eventCode);
    }
}
