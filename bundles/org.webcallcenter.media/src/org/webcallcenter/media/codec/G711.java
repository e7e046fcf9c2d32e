package org.webcallcenter.media.codec;

/**
 * ITU-T G.711 companding of narrowband telephone audio: 16-bit linear PCM to 8-bit µ-law or A-law
 * code words and back.
 *
 * <p>The softphone sends and receives G.711 as RTP payload types 0 (PCMU) and 8 (PCMA) (RFC 3551
 * §4.5.14), so this is the codec every call uses. Encoding follows the segment (chord) and step
 * structure of G.711 Tables 1a/1b (µ-law) and 2a/2b (A-law): 8 segments of 16 quantisation steps, the
 * step doubling from one segment to the next. The 16-bit input is treated as the 14-bit (µ-law) or
 * 13-bit (A-law) linear range of the Recommendation scaled up by 4 or 8, which is the usual convention
 * for 16-bit PCM. Transmitted code words include the even-bit inversion of A-law and the full
 * inversion of µ-law, so the byte values are the ones seen on the wire.
 *
 * <p>Decoding uses 256-entry tables built once from the decision/reconstruction values (each code maps
 * to the midpoint of its quantisation interval); encoding is computed arithmetically.
 */
public final class G711 {

    /** The two G.711 laws, with their static RTP payload types from RFC 3551 Table 4. */
    public enum Law {
        /** µ-law (North America, Japan), RTP payload type 0 "PCMU". */
        MU_LAW(0),
        /** A-law (Europe and most of the rest of the world), RTP payload type 8 "PCMA". */
        A_LAW(8);

        private final int payloadType;

        Law(int payloadType) {
            this.payloadType = payloadType;
        }

        /** @return the static RTP payload type of this law (RFC 3551 §6, Table 4) */
        public int payloadType() {
            return payloadType;
        }

        /** @return the code word for a 16-bit linear sample */
        public byte encode(int linear) {
            return this == MU_LAW ? G711.linearToUlaw(linear) : G711.linearToAlaw(linear);
        }

        /** @return the 16-bit linear value a code word decodes to */
        public short decode(byte code) {
            return this == MU_LAW ? G711.ulawToLinear(code) : G711.alawToLinear(code);
        }

        /** @return the code word that decodes to (near) zero, used to build silence frames */
        public byte silence() {
            return encode(0);
        }
    }

    /** µ-law bias added before segment search (33 in 14-bit units, 132 at 16-bit scale). */
    private static final int ULAW_BIAS = 0x84;
    /** Largest magnitude that still fits in µ-law segment 7 once the bias is added. */
    private static final int ULAW_CLIP = 32635;

    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_DECODE[code] = computeUlaw(code);
            ALAW_DECODE[code] = computeAlaw(code);
        }
    }

    private G711() {
    }

    /**
     * Encodes a 16-bit linear sample to µ-law (G.711 §3, Table 2a). Inputs outside the µ-law range
     * (|x| &gt; 32635) saturate to the largest code.
     *
     * @param linear sample; values outside the 16-bit range are clamped first
     * @return the transmitted µ-law byte
     */
    public static byte linearToUlaw(int linear) {
        int pcm = clamp16(linear);
        int mask;
        if (pcm < 0) {
            pcm = -pcm;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (pcm > ULAW_CLIP) {
            pcm = ULAW_CLIP;
        }
        pcm += ULAW_BIAS;
        // Segment = position of the highest set bit above bit 7 (pcm is at least 132, at most 32767).
        int segment = 31 - Integer.numberOfLeadingZeros(pcm) - 7;
        int mantissa = (pcm >> (segment + 3)) & 0x0F;
        return (byte) (((segment << 4) | mantissa) ^ mask);
    }

    /**
     * Encodes a 16-bit linear sample to A-law (G.711 §2, Table 1a). Negative values use the
     * one's-complement magnitude as in the Recommendation's decision levels, so the code is symmetric.
     *
     * @param linear sample; values outside the 16-bit range are clamped first
     * @return the transmitted A-law byte (even bits inverted)
     */
    public static byte linearToAlaw(int linear) {
        int pcm = clamp16(linear);
        int mask;
        if (pcm >= 0) {
            mask = 0xD5; // sign bit 1 for positive, then invert even bits (0x55)
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int v = pcm >> 3; // 12-bit magnitude, 0..4095
        int segment = v < 32 ? 0 : 31 - Integer.numberOfLeadingZeros(v) - 4;
        int mantissa = segment == 0 ? (v >> 1) & 0x0F : (v >> segment) & 0x0F;
        return (byte) (((segment << 4) | mantissa) ^ mask);
    }

    /**
     * Decodes a µ-law byte (table lookup).
     *
     * @return the 16-bit linear reconstruction value
     */
    public static short ulawToLinear(byte code) {
        return ULAW_DECODE[code & 0xFF];
    }

    /**
     * Decodes an A-law byte (table lookup).
     *
     * @return the 16-bit linear reconstruction value
     */
    public static short alawToLinear(byte code) {
        return ALAW_DECODE[code & 0xFF];
    }

    /**
     * Size of the quantisation step of the segment a code word belongs to, at 16-bit scale. A decoded
     * value is within half a step of every input that encodes to the code (except for µ-law inputs
     * beyond the clip level).
     */
    public static int stepSize(Law law, byte code) {
        if (law == Law.MU_LAW) {
            int segment = ((~code) >> 4) & 0x07;
            return 8 << segment;
        }
        int segment = ((code ^ 0x55) >> 4) & 0x07;
        return segment == 0 ? 16 : 16 << (segment - 1);
    }

    private static short computeUlaw(int code) {
        int u = ~code & 0xFF;
        int segment = (u >> 4) & 0x07;
        int magnitude = ((((u & 0x0F) << 3) + ULAW_BIAS) << segment) - ULAW_BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static short computeAlaw(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int segment = (a >> 4) & 0x07;
        int magnitude = (a & 0x0F) << 4;
        if (segment == 0) {
            magnitude += 8;
        } else {
            magnitude = (magnitude + 0x108) << (segment - 1);
        }
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    private static int clamp16(int value) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
