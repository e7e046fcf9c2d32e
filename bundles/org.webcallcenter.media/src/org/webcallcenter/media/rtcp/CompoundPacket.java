package org.webcallcenter.media.rtcp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.webcallcenter.media.rtp.MalformedPacketException;

/**
 * A compound RTCP packet: one UDP datagram holding several RTCP packets (RFC 3550 §6.1).
 *
 * <p>{@link #parse(byte[], int, int)} checks the datagram the way RFC 3550 Appendix A.2 recommends and
 * then each packet's inner structure: version 2 everywhere, the first packet an SR or RR, the padding
 * bit only on the last packet, packet lengths adding up to the datagram exactly, report counts and SDES
 * chunks fitting their packets, SDES item lists terminated. Every problem is a
 * {@link MalformedPacketException}; no input makes it throw an unchecked exception.
 *
 * @param packets the RTCP packets in order (the first must be an SR or RR to be sent)
 */
public record CompoundPacket(List<RtcpPacket> packets) {

    /** Copies and validates the list. */
    public CompoundPacket {
        packets = List.copyOf(packets);
        if (packets.isEmpty() || !(packets.get(0) instanceof SenderReport || packets.get(0) instanceof ReceiverReport)) {
            throw new IllegalArgumentException("a compound RTCP packet starts with an SR or RR");
        }
    }

    /** @return all packets concatenated, ready to send */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packets.forEach(p -> out.writeBytes(p.toBytes()));
        return out.toByteArray();
    }

    /** @return the first sender report, if any */
    public Optional<SenderReport> senderReport() {
        return packets.stream().filter(SenderReport.class::isInstance).map(SenderReport.class::cast).findFirst();
    }

    /** @return the report blocks of all SRs and RRs */
    public List<ReportBlock> reportBlocks() {
        List<ReportBlock> blocks = new ArrayList<>();
        for (RtcpPacket p : packets) {
            if (p instanceof SenderReport sr) {
                blocks.addAll(sr.reports());
            } else if (p instanceof ReceiverReport rr) {
                blocks.addAll(rr.reports());
            }
        }
        return blocks;
    }

    /** @return the CNAME of {@code ssrc} from the SDES packets, if present */
    public Optional<String> cname(long ssrc) {
        return packets.stream().filter(SourceDescription.class::isInstance)
                .flatMap(p -> ((SourceDescription) p).chunks().stream())
                .filter(c -> c.ssrc() == ssrc && c.cname() != null).map(SourceDescription.Chunk::cname).findFirst();
    }

    /** Parses a whole datagram. */
    public static CompoundPacket parse(byte[] datagram) throws MalformedPacketException {
        if (datagram == null) {
            throw new MalformedPacketException("no datagram (null)");
        }
        return parse(datagram, 0, datagram.length);
    }

    /** Parses {@code length} bytes at {@code offset} as one compound packet. */
    public static CompoundPacket parse(byte[] data, int offset, int length) throws MalformedPacketException {
        if (data == null) {
            throw new MalformedPacketException("no datagram (null)");
        }
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new MalformedPacketException(
                    "range offset=" + offset + " length=" + length + " outside array of " + data.length);
        }
        if (length < 8) {
            throw new MalformedPacketException("RTCP datagram of " + length + " bytes is shorter than an empty RR");
        }
        if (length % 4 != 0) {
            throw new MalformedPacketException("RTCP datagram of " + length + " bytes is not a multiple of 4");
        }
        int end = offset + length;
        int pos = offset;
        List<RtcpPacket> packets = new ArrayList<>();
        while (pos < end) {
            if (end - pos < 4) {
                throw new MalformedPacketException("truncated RTCP header at byte " + (pos - offset));
            }
            int b0 = data[pos] & 0xFF;
            if (b0 >>> 6 != 2) {
                throw new MalformedPacketException("RTCP version " + (b0 >>> 6) + " at byte " + (pos - offset)
                        + ", expected 2");
            }
            boolean padding = (b0 & 0x20) != 0;
            int count = b0 & 0x1F;
            int type = data[pos + 1] & 0xFF;
            int size = (RtcpFormat.u16(data, pos + 2) + 1) * 4;
            if (size > end - pos) {
                throw new MalformedPacketException("RTCP packet type " + type + " declares " + size
                        + " bytes but only " + (end - pos) + " remain");
            }
            if (packets.isEmpty() && type != RtcpPacket.SR && type != RtcpPacket.RR) {
                throw new MalformedPacketException("compound RTCP packet starts with type " + type
                        + ", expected SR (200) or RR (201)");
            }
            int bodyEnd = pos + size;
            if (padding) {
                if (bodyEnd != end) {
                    throw new MalformedPacketException("padding bit set on RTCP packet type " + type
                            + " that is not the last in the compound packet");
                }
                int pad = data[bodyEnd - 1] & 0xFF;
                if (pad == 0 || pad > size - 4) {
                    throw new MalformedPacketException("RTCP padding count " + pad + " invalid for a "
                            + size + "-byte packet");
                }
                bodyEnd -= pad;
            }
            packets.add(parseOne(data, pos, bodyEnd, type, count));
            pos += size;
        }
        return new CompoundPacket(packets);
    }

    private static RtcpPacket parseOne(byte[] d, int start, int end, int type, int count)
            throws MalformedPacketException {
        int body = end - start - 4;
        switch (type) {
            case RtcpPacket.SR -> {
                int need = 24 + count * ReportBlock.SIZE;
                if (body < need) {
                    throw new MalformedPacketException("SR with " + count + " report blocks needs " + need
                            + " bytes after the header, has " + body);
                }
                int p = start + 4;
                long ntp = (RtcpFormat.u32(d, p + 4) << 32) | RtcpFormat.u32(d, p + 8);
                return new SenderReport(RtcpFormat.u32(d, p), ntp, RtcpFormat.u32(d, p + 12),
                        RtcpFormat.u32(d, p + 16), RtcpFormat.u32(d, p + 20), blocks(d, p + 24, count));
            }
            case RtcpPacket.RR -> {
                int need = 4 + count * ReportBlock.SIZE;
                if (body < need) {
                    throw new MalformedPacketException("RR with " + count + " report blocks needs " + need
                            + " bytes after the header, has " + body);
                }
                return new ReceiverReport(RtcpFormat.u32(d, start + 4), blocks(d, start + 8, count));
            }
            case RtcpPacket.SDES -> {
                return parseSdes(d, start + 4, end, count);
            }
            default -> {
                // Unpadded body of an uninterpreted packet; keep it whole-word.
                int words = body / 4;
                byte[] bytes = java.util.Arrays.copyOfRange(d, start + 4, start + 4 + words * 4);
                return new RtcpPacket.Other(type, count, bytes);
            }
        }
    }

    /** Strict UTF-8 decoding, so a CNAME re-encodes to the same (at most 255) bytes. */
    private static String utf8(byte[] d, int p, int len) throws MalformedPacketException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(d, p, len)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException("SDES CNAME is not valid UTF-8: " + e);
        }
    }

    private static List<ReportBlock> blocks(byte[] d, int p, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.read(d, p + i * ReportBlock.SIZE));
        }
        return blocks;
    }

    private static SourceDescription parseSdes(byte[] d, int p, int end, int count)
            throws MalformedPacketException {
        List<SourceDescription.Chunk> chunks = new ArrayList<>(count);
        int chunkStart = p;
        for (int i = 0; i < count; i++) {
            if (end - chunkStart < 8) {
                throw new MalformedPacketException("SDES chunk " + i + " of " + count + " truncated");
            }
            long ssrc = RtcpFormat.u32(d, chunkStart);
            int q = chunkStart + 4;
            String cname = null;
            while (true) {
                if (q >= end) {
                    throw new MalformedPacketException("SDES chunk " + i + " has no terminating null item");
                }
                int itemType = d[q] & 0xFF;
                if (itemType == 0) {
                    q++;
                    break;
                }
                if (end - q < 2) {
                    throw new MalformedPacketException("SDES item type " + itemType + " truncated");
                }
                int len = d[q + 1] & 0xFF;
                if (end - q - 2 < len) {
                    throw new MalformedPacketException("SDES item type " + itemType + " declares " + len
                            + " bytes but only " + (end - q - 2) + " remain");
                }
                if (itemType == SourceDescription.CNAME && cname == null) {
                    cname = utf8(d, q + 2, len);
                }
                q += 2 + len;
            }
            // Skip the remaining null padding up to the next 32-bit boundary; it must be zeros.
            while ((q - chunkStart) % 4 != 0) {
                if (q >= end || d[q] != 0) {
                    throw new MalformedPacketException("SDES chunk " + i + " not null-padded to 32 bits");
                }
                q++;
            }
            chunks.add(new SourceDescription.Chunk(ssrc, cname));
            chunkStart = q;
        }
        return new SourceDescription(chunks);
    }
}
