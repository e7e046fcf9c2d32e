package org.webcallcenter.media.rtcp;

/** Shared wire helpers of the RTCP package. */
final class RtcpFormat {

    private RtcpFormat() {
    }

    static int u16(byte[] d, int i) {
        return ((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF);
    }

    static long u32(byte[] d, int i) {
        return ((long) u16(d, i) << 16) | u16(d, i + 2);
    }

    static long checkU32(String what, long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(what + " " + value + " outside 0..2^32-1");
        }
        return value;
    }

    /** First 32-bit word of an RTCP packet: V=2, P, count, PT, length in words minus one. */
    static void header(java.nio.ByteBuffer out, int count, int type, int totalBytes) {
        out.put((byte) (0x80 | count));
        out.put((byte) type);
        out.putShort((short) (totalBytes / 4 - 1));
    }
}
