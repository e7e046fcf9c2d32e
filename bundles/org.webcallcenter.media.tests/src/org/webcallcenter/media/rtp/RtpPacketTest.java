package org.webcallcenter.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private static byte[] payload(int size) {
        byte[] p = new byte[size];
        for (int i = 0; i < size; i++) {
            p[i] = (byte) (i * 7);
        }
        return p;
    }

    @Test
    void roundTripOfPlainPacket() throws Exception {
        RtpPacket packet = RtpPacket.builder().marker(true).payloadType(0).sequenceNumber(65535)
                .timestamp(0xFFFFFFF0L).ssrc(0xDEADBEEFL).payload(payload(160)).build();
        byte[] wire = packet.toBytes();
        assertEquals(172, wire.length);
        assertEquals((byte) 0x80, wire[0]);
        assertEquals((byte) 0x80, wire[1]);
        RtpPacket parsed = RtpPacket.parse(wire);
        assertEquals(packet, parsed);
        assertTrue(parsed.marker());
        assertEquals(65535, parsed.sequenceNumber());
        assertEquals(0xFFFFFFF0L, parsed.timestamp());
        assertEquals(0xDEADBEEFL, parsed.ssrc());
        assertArrayEquals(payload(160), parsed.payload());
        assertEquals(parsed, RtpPacket.parse(ByteBuffer.wrap(wire)));
    }

    @Test
    void roundTripWithCsrcsExtensionAndPadding() throws Exception {
        byte[] ext = { 1, 2, 3, 4, 5, 6, 7, 8 };
        RtpPacket packet = RtpPacket.builder().payloadType(101).sequenceNumber(1).timestamp(8000).ssrc(42)
                .csrcs(7, -1).extension(0xBEDE, ext).payload(payload(4)).padding(4).build();
        byte[] wire = packet.toBytes();
        assertEquals(12 + 8 + 4 + 8 + 4 + 4, wire.length);
        assertEquals((byte) (0x80 | 0x20 | 0x10 | 2), wire[0]);
        assertEquals(4, wire[wire.length - 1]);
        RtpPacket parsed = RtpPacket.parse(wire);
        assertEquals(packet, parsed);
        assertTrue(parsed.hasExtension());
        assertEquals(0xBEDE, parsed.extensionProfile());
        assertArrayEquals(ext, parsed.extensionData());
        assertArrayEquals(new int[] { 7, -1 }, parsed.csrcs());
        assertEquals(4, parsed.paddingLength());
        assertArrayEquals(payload(4), parsed.payload());
    }

    @Test
    void parsesByteBufferWithoutMovingIt() throws Exception {
        byte[] wire = RtpPacket.builder().sequenceNumber(9).payload(payload(3)).build().toBytes();
        ByteBuffer buffer = ByteBuffer.allocate(wire.length + 5);
        buffer.position(5);
        buffer.put(wire);
        buffer.position(5);
        assertEquals(9, RtpPacket.parse(buffer).sequenceNumber());
        assertEquals(5, buffer.position());
    }

    @Test
    void rejectsInvalidHeadersWithClearMessages() {
        byte[] good = RtpPacket.builder().payload(payload(8)).build().toBytes();
        assertMalformed(Arrays.copyOf(good, 11), "shorter than the 12-byte");
        byte[] v1 = good.clone();
        v1[0] = 0x40;
        assertMalformed(v1, "version 1");
        byte[] cc = good.clone();
        cc[0] = (byte) 0x83; // 3 CSRCs = 12 bytes, only 8 follow
        assertMalformed(cc, "CSRC count 3");
        byte[] x = Arrays.copyOf(good, 14);
        x[0] = (byte) 0x90;
        assertMalformed(x, "extension header");
        byte[] xlen = good.clone();
        xlen[0] = (byte) 0x90;
        xlen[14] = 0;
        xlen[15] = 2; // 2 words = 8 bytes, only 4 follow
        assertMalformed(xlen, "declares 2 words");
        byte[] pad0 = good.clone();
        pad0[0] = (byte) 0xA0;
        pad0[pad0.length - 1] = 0;
        assertMalformed(pad0, "padding count is 0");
        byte[] padBig = good.clone();
        padBig[0] = (byte) 0xA0;
        padBig[padBig.length - 1] = 9;
        assertMalformed(padBig, "padding count 9 exceeds");
        byte[] padNoRoom = Arrays.copyOf(good, 12);
        padNoRoom[0] = (byte) 0xA0;
        assertMalformed(padNoRoom, "no byte left");
        assertMalformed(null, "null");
        assertThrows(MalformedPacketException.class, () -> RtpPacket.parse(good, 4, good.length));
        assertThrows(MalformedPacketException.class, () -> RtpPacket.parse((ByteBuffer) null));
    }

    @Test
    void paddingMayConsumeTheWholePayload() throws Exception {
        byte[] wire = RtpPacket.builder().padding(8).build().toBytes();
        RtpPacket parsed = RtpPacket.parse(wire);
        assertEquals(0, parsed.payloadLength());
        assertEquals(8, parsed.paddingLength());
    }

    @Test
    void fuzzedInputOnlyYieldsPacketOrMalformedPacketException() {
        Random random = new Random(0x5EED_3550L);
        byte[] template = RtpPacket.builder().payloadType(8).sequenceNumber(1000).timestamp(160).ssrc(99)
                .csrcs(1, 2).extension(1, new byte[8]).payload(payload(160)).padding(3).build().toBytes();
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            switch (i % 4) {
                case 0 -> {
                    input = new byte[random.nextInt(64)];
                    random.nextBytes(input);
                    if (input.length > 0) {
                        input[0] = (byte) ((input[0] & 0x3F) | 0x80); // version 2, to get past the first check
                    }
                }
                case 1 -> input = Arrays.copyOf(template, random.nextInt(template.length + 1));
                case 2 -> {
                    input = template.clone();
                    for (int flips = random.nextInt(4) + 1; flips > 0; flips--) {
                        input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                default -> {
                    input = new byte[random.nextInt(300)];
                    random.nextBytes(input);
                }
            }
            try {
                RtpPacket packet = RtpPacket.parse(input);
                assertEquals(2, input[0] >> 6 & 3);
                assertTrue(packet.payloadLength() <= input.length - 12);
                parsed++;
            } catch (MalformedPacketException e) {
                assertFalse(e.getMessage().isBlank());
                rejected++;
            } catch (RuntimeException e) {
                fail("iteration " + i + " threw " + e + " for " + Arrays.toString(input), e);
            }
        }
        assertEquals(20_000, parsed + rejected);
        assertTrue(parsed > 1000 && rejected > 1000, "parsed=" + parsed + " rejected=" + rejected);
    }

    @Test
    void builderRejectsOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.builder().payloadType(128));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.builder().sequenceNumber(65536));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.builder().timestamp(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.builder().csrcs(new int[16]));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.builder().extension(0, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.builder().padding(256));
    }

    private static void assertMalformed(byte[] input, String expectedFragment) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> RtpPacket.parse(input));
        assertTrue(e.getMessage().contains(expectedFragment), "message: " + e.getMessage());
    }
}
