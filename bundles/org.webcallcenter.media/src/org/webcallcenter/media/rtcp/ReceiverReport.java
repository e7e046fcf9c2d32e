package org.webcallcenter.media.rtcp;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * RTCP receiver report (RFC 3550 §6.4.2, PT 201). Profile-specific extensions after the report blocks
 * are accepted when parsing and dropped.
 *
 * @param ssrc reporter's SSRC
 * @param reports at most 31 reception report blocks
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {

    /** Validates ranges and copies the block list. */
    public ReceiverReport {
        RtcpFormat.checkU32("SSRC", ssrc);
        reports = List.copyOf(reports);
        if (reports.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks, got " + reports.size());
        }
    }

    @Override
    public int packetType() {
        return RR;
    }

    @Override
    public byte[] toBytes() {
        int size = 8 + ReportBlock.SIZE * reports.size();
        ByteBuffer out = ByteBuffer.allocate(size);
        RtcpFormat.header(out, reports.size(), RR, size);
        out.putInt((int) ssrc);
        reports.forEach(r -> r.write(out));
        return out.array();
    }
}
