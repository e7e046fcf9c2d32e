package org.webcallcenter.media.rtcp;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * RTCP sender report (RFC 3550 §6.4.1, PT 200). Profile-specific extensions after the report blocks
 * are accepted when parsing and dropped.
 *
 * @param ssrc sender's SSRC
 * @param ntpTimestamp 64-bit NTP timestamp of the report (seconds since 1900 in the high 32 bits)
 * @param rtpTimestamp the same instant in RTP timestamp units, 0..2^32-1
 * @param packetCount RTP data packets sent, 0..2^32-1 (wraps)
 * @param octetCount payload octets sent, 0..2^32-1 (wraps)
 * @param reports at most 31 reception report blocks
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reports) implements RtcpPacket {

    /** Validates ranges and copies the block list. */
    public SenderReport {
        RtcpFormat.checkU32("SSRC", ssrc);
        RtcpFormat.checkU32("RTP timestamp", rtpTimestamp);
        RtcpFormat.checkU32("packet count", packetCount);
        RtcpFormat.checkU32("octet count", octetCount);
        reports = List.copyOf(reports);
        if (reports.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks, got " + reports.size());
        }
    }

    @Override
    public int packetType() {
        return SR;
    }

    @Override
    public byte[] toBytes() {
        int size = 28 + ReportBlock.SIZE * reports.size();
        ByteBuffer out = ByteBuffer.allocate(size);
        RtcpFormat.header(out, reports.size(), SR, size);
        out.putInt((int) ssrc);
        out.putLong(ntpTimestamp);
        out.putInt((int) rtpTimestamp);
        out.putInt((int) packetCount);
        out.putInt((int) octetCount);
        reports.forEach(r -> r.write(out));
        return out.array();
    }

    /** @return the middle 32 bits of the NTP timestamp, what receivers echo as LSR */
    public long ntpMiddle() {
        return NtpTime.middle32(ntpTimestamp);
    }
}
