package org.webcallcenter.media.rtcp;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes on the wire.
 *
 * @param ssrc source this block reports on, 0..2^32-1
 * @param fractionLost fraction lost since the previous report, 8-bit fixed point 0..255
 * @param cumulativeLost cumulative packets lost, signed 24-bit (-2^23..2^23-1)
 * @param extendedHighestSequence extended highest sequence number received, 0..2^32-1
 * @param jitter interarrival jitter in timestamp units, 0..2^32-1
 * @param lastSr middle 32 bits of the NTP timestamp of the last SR received from the source (LSR), 0 if none
 * @param delaySinceLastSr delay since that SR in 1/65536 s (DLSR), 0..2^32-1
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
        long jitter, long lastSr, long delaySinceLastSr) {

    /** Size of a report block on the wire. */
    public static final int SIZE = 24;

    /** Validates field ranges. */
    public ReportBlock {
        RtcpFormat.checkU32("SSRC", ssrc);
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost " + fractionLost + " outside 0..255");
        }
        if (cumulativeLost < -0x800000 || cumulativeLost > 0x7FFFFF) {
            throw new IllegalArgumentException("cumulative lost " + cumulativeLost + " outside signed 24 bits");
        }
        RtcpFormat.checkU32("extended highest sequence", extendedHighestSequence);
        RtcpFormat.checkU32("jitter", jitter);
        RtcpFormat.checkU32("LSR", lastSr);
        RtcpFormat.checkU32("DLSR", delaySinceLastSr);
    }

    /** Clamps a cumulative loss count to the signed 24-bit field, as RFC 3550 §6.4.1 asks. */
    public static int clampCumulativeLost(long lost) {
        return (int) Math.max(-0x800000L, Math.min(0x7FFFFFL, lost));
    }

    /**
     * Round-trip time from this block received at {@code arrivalNtpMiddle} (RFC 3550 §6.4.1:
     * A - LSR - DLSR).
     *
     * @param arrivalNtpMiddle middle 32 bits of the NTP time the report arrived (A)
     * @return RTT in 1/65536 s, or -1 if the block carries no LSR (no SR received yet by the peer);
     *         tiny negative results from rounding on fast links are reported as 0
     */
    public long roundTrip(long arrivalNtpMiddle) {
        if (lastSr == 0) {
            return -1;
        }
        int rtt = (int) (arrivalNtpMiddle - lastSr - delaySinceLastSr);
        if (rtt < 0) {
            // Wrapped or rounded below zero; a few units (tens of µs) is loopback rounding, more is nonsense.
            return rtt > -65536 / 100 ? 0 : -1;
        }
        return rtt;
    }

    void write(java.nio.ByteBuffer out) {
        out.putInt((int) ssrc);
        out.putInt((fractionLost << 24) | (cumulativeLost & 0xFFFFFF));
        out.putInt((int) extendedHighestSequence);
        out.putInt((int) jitter);
        out.putInt((int) lastSr);
        out.putInt((int) delaySinceLastSr);
    }

    static ReportBlock read(byte[] d, int i) {
        int lost = (int) RtcpFormat.u32(d, i + 4) & 0xFFFFFF;
        if ((lost & 0x800000) != 0) {
            lost |= 0xFF000000; // sign-extend 24 bits
        }
        return new ReportBlock(RtcpFormat.u32(d, i), d[i + 4] & 0xFF, lost, RtcpFormat.u32(d, i + 8),
                RtcpFormat.u32(d, i + 12), RtcpFormat.u32(d, i + 16), RtcpFormat.u32(d, i + 20));
    }
}
