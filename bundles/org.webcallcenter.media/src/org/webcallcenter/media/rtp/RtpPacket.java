package org.webcallcenter.media.rtp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An RTP data packet: the fixed header, CSRC list, optional header extension, payload and optional
 * padding, as laid out in RFC 3550 §5.1 (fixed header) and §5.3.1 (header extension).
 *
 * <p>{@link #parse(byte[])} is the entry point for every datagram read from the media socket, so it
 * validates strictly (version 2, CSRC list, extension and padding lengths all inside the datagram,
 * padding count non-zero) and reports any problem as a {@link MalformedPacketException} - never an
 * unchecked exception - whatever the input. {@link #toBytes()} produces the wire form.
 *
 * <p>Instances are immutable; the array accessors return copies.
 */
public final class RtpPacket {

    /** The only RTP version this implementation speaks (RFC 3550 §5.1, "V"). */
    public static final int VERSION = 2;
    /** Size of the fixed header without CSRCs. */
    public static final int FIXED_HEADER_SIZE = 12;
    /** At most 15 CSRCs fit the 4-bit CC field. */
    public static final int MAX_CSRC = 15;

    private static final int[] NO_CSRC = new int[0];
    private static final byte[] EMPTY = new byte[0];

    private final boolean marker;
    private final int payloadType;
    private final int sequenceNumber;
    private final long timestamp;
    private final long ssrc;
    private final int[] csrcs;
    private final boolean hasExtension;
    private final int extensionProfile;
    private final byte[] extensionData;
    private final byte[] payload;
    private final int paddingLength;

    private RtpPacket(Builder b) {
        this.marker = b.marker;
        this.payloadType = b.payloadType;
        this.sequenceNumber = b.sequenceNumber;
        this.timestamp = b.timestamp;
        this.ssrc = b.ssrc;
        this.csrcs = b.csrcs.clone();
        this.hasExtension = b.hasExtension;
        this.extensionProfile = b.extensionProfile;
        this.extensionData = b.extensionData.clone();
        this.payload = b.payload.clone();
        this.paddingLength = b.paddingLength;
    }

    /** @return a builder for a packet with the given payload type, sequence number, timestamp and SSRC */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a whole datagram as one RTP packet.
     *
     * @param datagram the received bytes; {@code null} is reported as malformed
     * @throws MalformedPacketException if the bytes are not a valid RTP version 2 packet
     */
    public static RtpPacket parse(byte[] datagram) throws MalformedPacketException {
        if (datagram == null) {
            throw new MalformedPacketException("no datagram (null)");
        }
        return parse(datagram, 0, datagram.length);
    }

    /**
     * Parses the remaining bytes of a buffer as one RTP packet. The buffer's position is not changed.
     *
     * @throws MalformedPacketException if the bytes are not a valid RTP version 2 packet
     */
    public static RtpPacket parse(ByteBuffer buffer) throws MalformedPacketException {
        if (buffer == null) {
            throw new MalformedPacketException("no buffer (null)");
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return parse(bytes, 0, bytes.length);
    }

    /**
     * Parses {@code length} bytes of {@code data} starting at {@code offset} as one RTP packet.
     *
     * @throws MalformedPacketException if the range is invalid or the bytes are not a valid packet
     */
    public static RtpPacket parse(byte[] data, int offset, int length) throws MalformedPacketException {
        if (data == null) {
            throw new MalformedPacketException("no datagram (null)");
        }
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new MalformedPacketException(
                    "range offset=" + offset + " length=" + length + " outside array of " + data.length);
        }
        if (length < FIXED_HEADER_SIZE) {
            throw new MalformedPacketException(
                    "packet of " + length + " bytes is shorter than the 12-byte RTP fixed header");
        }
        int end = offset + length;
        int b0 = data[offset] & 0xFF;
        int version = b0 >>> 6;
        if (version != VERSION) {
            throw new MalformedPacketException("RTP version " + version + ", expected 2");
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0F;
        int b1 = data[offset + 1] & 0xFF;

        Builder b = new Builder();
        b.marker = (b1 & 0x80) != 0;
        b.payloadType = b1 & 0x7F;
        b.sequenceNumber = u16(data, offset + 2);
        b.timestamp = u32(data, offset + 4);
        b.ssrc = u32(data, offset + 8);

        int pos = offset + FIXED_HEADER_SIZE;
        if (end - pos < csrcCount * 4) {
            throw new MalformedPacketException("CSRC count " + csrcCount + " needs " + csrcCount * 4
                    + " bytes but only " + (end - pos) + " follow the fixed header");
        }
        int[] csrcs = new int[csrcCount];
        for (int i = 0; i < csrcCount; i++) {
            csrcs[i] = (int) u32(data, pos);
            pos += 4;
        }
        b.csrcs = csrcs;

        if (extension) {
            if (end - pos < 4) {
                throw new MalformedPacketException("extension bit set but only " + (end - pos)
                        + " bytes left for the 4-byte extension header");
            }
            b.hasExtension = true;
            b.extensionProfile = u16(data, pos);
            int words = u16(data, pos + 2);
            pos += 4;
            if (end - pos < words * 4) {
                throw new MalformedPacketException("header extension declares " + words + " words ("
                        + words * 4 + " bytes) but only " + (end - pos) + " bytes follow");
            }
            b.extensionData = Arrays.copyOfRange(data, pos, pos + words * 4);
            pos += words * 4;
        }

        int payloadEnd = end;
        if (padding) {
            if (end == pos) {
                throw new MalformedPacketException("padding bit set but no byte left for the padding count");
            }
            int count = data[end - 1] & 0xFF;
            if (count == 0) {
                throw new MalformedPacketException("padding bit set but padding count is 0");
            }
            if (count > end - pos) {
                throw new MalformedPacketException("padding count " + count + " exceeds the "
                        + (end - pos) + " bytes after the header");
            }
            payloadEnd = end - count;
            b.paddingLength = count;
        }
        b.payload = Arrays.copyOfRange(data, pos, payloadEnd);
        return new RtpPacket(b);
    }

    /** @return the packet in wire format */
    public byte[] toBytes() {
        int size = FIXED_HEADER_SIZE + csrcs.length * 4 + (hasExtension ? 4 + extensionData.length : 0)
                + payload.length + paddingLength;
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) ((VERSION << 6) | (paddingLength > 0 ? 0x20 : 0) | (hasExtension ? 0x10 : 0)
                | csrcs.length));
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequenceNumber);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
        for (int csrc : csrcs) {
            out.putInt(csrc);
        }
        if (hasExtension) {
            out.putShort((short) extensionProfile);
            out.putShort((short) (extensionData.length / 4));
            out.put(extensionData);
        }
        out.put(payload);
        if (paddingLength > 0) {
            out.position(size - 1);
            out.put((byte) paddingLength);
        }
        return out.array();
    }

    /** @return the marker bit (for audio: first packet of a talkspurt, RFC 3551 §4.1) */
    public boolean marker() {
        return marker;
    }

    /** @return the 7-bit payload type */
    public int payloadType() {
        return payloadType;
    }

    /** @return the 16-bit sequence number, 0..65535 */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** @return the 32-bit media timestamp as an unsigned value */
    public long timestamp() {
        return timestamp;
    }

    /** @return the 32-bit synchronisation source as an unsigned value */
    public long ssrc() {
        return ssrc;
    }

    /** @return a copy of the contributing sources */
    public int[] csrcs() {
        return csrcs.clone();
    }

    /** @return whether the packet carries a header extension (X bit) */
    public boolean hasExtension() {
        return hasExtension;
    }

    /** @return the 16-bit "defined by profile" field of the header extension, 0 without one */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** @return a copy of the header extension body (a multiple of 4 bytes) */
    public byte[] extensionData() {
        return extensionData.clone();
    }

    /** @return a copy of the payload, padding excluded */
    public byte[] payload() {
        return payload.clone();
    }

    /** @return payload size in bytes, without copying */
    public int payloadLength() {
        return payload.length;
    }

    /** @return number of padding bytes including the final count byte, 0 without padding */
    public int paddingLength() {
        return paddingLength;
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof RtpPacket o && marker == o.marker && payloadType == o.payloadType
                && sequenceNumber == o.sequenceNumber && timestamp == o.timestamp && ssrc == o.ssrc
                && Arrays.equals(csrcs, o.csrcs) && hasExtension == o.hasExtension
                && extensionProfile == o.extensionProfile && Arrays.equals(extensionData, o.extensionData)
                && Arrays.equals(payload, o.payload) && paddingLength == o.paddingLength;
    }

    @Override
    public int hashCode() {
        return ((31 * sequenceNumber + Long.hashCode(timestamp)) * 31 + Long.hashCode(ssrc)) * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp + " ssrc=0x"
                + Long.toHexString(ssrc) + (marker ? " M" : "") + " csrc=" + csrcs.length
                + (hasExtension ? " ext=0x" + Integer.toHexString(extensionProfile) + "/"
                        + HexFormat.of().formatHex(extensionData) : "")
                + " payload=" + payload.length + " padding=" + paddingLength + "]";
    }

    private static int u16(byte[] d, int i) {
        return ((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF);
    }

    private static long u32(byte[] d, int i) {
        return ((long) u16(d, i) << 16) | u16(d, i + 2);
    }

    /** Builds packets to send; validates each field's range when set. */
    public static final class Builder {
        private boolean marker;
        private int payloadType;
        private int sequenceNumber;
        private long timestamp;
        private long ssrc;
        private int[] csrcs = NO_CSRC;
        private boolean hasExtension;
        private int extensionProfile;
        private byte[] extensionData = EMPTY;
        private byte[] payload = EMPTY;
        private int paddingLength;

        private Builder() {
        }

        public Builder marker(boolean value) {
            marker = value;
            return this;
        }

        /** @param value 0..127 */
        public Builder payloadType(int value) {
            payloadType = checkRange("payload type", value, 0, 127);
            return this;
        }

        /** @param value 0..65535 */
        public Builder sequenceNumber(int value) {
            sequenceNumber = checkRange("sequence number", value, 0, 0xFFFF);
            return this;
        }

        /** @param value 0..2^32-1 */
        public Builder timestamp(long value) {
            timestamp = checkRange("timestamp", value, 0xFFFFFFFFL);
            return this;
        }

        /** @param value 0..2^32-1 */
        public Builder ssrc(long value) {
            ssrc = checkRange("SSRC", value, 0xFFFFFFFFL);
            return this;
        }

        /** @param values at most 15 contributing sources */
        public Builder csrcs(int... values) {
            if (values.length > MAX_CSRC) {
                throw new IllegalArgumentException("at most 15 CSRCs, got " + values.length);
            }
            csrcs = values.clone();
            return this;
        }

        /**
         * @param profile the 16-bit profile-defined identifier
         * @param data extension body, a multiple of 4 bytes and at most 65535 words
         */
        public Builder extension(int profile, byte[] data) {
            checkRange("extension profile", profile, 0, 0xFFFF);
            if (data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
                throw new IllegalArgumentException("extension data must be a multiple of 4 bytes and at most "
                        + "65535 words, got " + data.length + " bytes");
            }
            hasExtension = true;
            extensionProfile = profile;
            extensionData = data.clone();
            return this;
        }

        public Builder payload(byte[] value) {
            payload = value.clone();
            return this;
        }

        /** @param length padding bytes to append including the count byte, 0..255 (0 = no padding) */
        public Builder padding(int length) {
            paddingLength = checkRange("padding length", length, 0, 255);
            return this;
        }

        public RtpPacket build() {
            return new RtpPacket(this);
        }

        private static int checkRange(String what, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(what + " " + value + " outside " + min + ".." + max);
            }
            return value;
        }

        private static long checkRange(String what, long value, long max) {
            if (value < 0 || value > max) {
                throw new IllegalArgumentException(what + " " + value + " outside 0.." + max);
            }
            return value;
        }
    }
}
