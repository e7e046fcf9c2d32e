package org.webcallcenter.media.rtcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RTCP source description (RFC 3550 §6.5, PT 202) reduced to what a call needs: one CNAME per chunk
 * (§6.5.1). Items other than CNAME are validated and skipped when parsing.
 *
 * @param chunks at most 31 chunks
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    /** SDES item type of CNAME. */
    public static final int CNAME = 1;

    /**
     * One SDES chunk.
     *
     * @param ssrc the source described
     * @param cname its canonical name (UTF-8, at most 255 bytes), or {@code null} if the chunk had none
     */
    public record Chunk(long ssrc, String cname) {
        /** Validates ranges. */
        public Chunk {
            RtcpFormat.checkU32("SSRC", ssrc);
            if (cname != null && cname.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("CNAME longer than 255 bytes");
            }
        }
    }

    /** Copies and validates the chunk list. */
    public SourceDescription {
        chunks = List.copyOf(chunks);
        if (chunks.size() > 31) {
            throw new IllegalArgumentException("at most 31 SDES chunks, got " + chunks.size());
        }
    }

    /** @return an SDES packet with a single CNAME chunk */
    public static SourceDescription cname(long ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, cname)));
    }

    @Override
    public int packetType() {
        return SDES;
    }

    @Override
    public byte[] toBytes() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Chunk c : chunks) {
            int start = body.size();
            writeInt(body, (int) c.ssrc());
            if (c.cname() != null) {
                byte[] text = c.cname().getBytes(StandardCharsets.UTF_8);
                body.write(CNAME);
                body.write(text.length);
                body.writeBytes(text);
            }
            // End of item list: at least one null octet, then pad the chunk to a 32-bit boundary.
            do {
                body.write(0);
            } while ((body.size() - start) % 4 != 0);
        }
        byte[] b = body.toByteArray();
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(4 + b.length);
        RtcpFormat.header(out, chunks.size(), SDES, 4 + b.length);
        out.put(b);
        return out.array();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
