package org.webcallcenter.media.rtcp;

/**
 * One RTCP packet inside a compound packet (RFC 3550 §6.1). Packet types this implementation does
 * not interpret (BYE, APP, RTPFB, ...) are kept as {@link Other}.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, RtcpPacket.Other {

    /** Packet type of a sender report. */
    int SR = 200;
    /** Packet type of a receiver report. */
    int RR = 201;
    /** Packet type of source description. */
    int SDES = 202;

    /** @return the 8-bit packet type */
    int packetType();

    /** @return the packet in wire format (a multiple of 4 bytes, never padded) */
    byte[] toBytes();

    /**
     * An RTCP packet of a type not interpreted here, kept verbatim (without padding).
     *
     * @param packetType the packet type
     * @param count the 5-bit count/subtype field
     * @param body the bytes after the 4-byte header (a multiple of 4)
     */
    record Other(int packetType, int count, byte[] body) implements RtcpPacket {

        /** Copies the body and validates sizes. */
        public Other {
            if (packetType < 0 || packetType > 255 || count < 0 || count > 31 || body.length % 4 != 0
                    || body.length / 4 > 0xFFFF) {
                throw new IllegalArgumentException("bad RTCP packet: type " + packetType + " count " + count
                        + " body " + body.length + " bytes");
            }
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public byte[] toBytes() {
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(4 + body.length);
            RtcpFormat.header(out, count, packetType, 4 + body.length);
            out.put(body);
            return out.array();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Other x && x.packetType == packetType && x.count == count
                    && java.util.Arrays.equals(x.body, body);
        }

        @Override
        public int hashCode() {
            return packetType * 31 + java.util.Arrays.hashCode(body);
        }
    }
}
