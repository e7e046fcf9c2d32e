package org.webcallcenter.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.rtp.MalformedPacketException;

class CompoundPacketTest {

    private static final ReportBlock BLOCK = new ReportBlock(0xCAFEBABEL, 12, -5, 0x1_0005L, 33, 0x12345678L,
            0x10000L);

    private static CompoundPacket srWithCname() {
        SenderReport sr = new SenderReport(0xDEADBEEFL, 0xE1234567_89ABCDEFL, 160_000, 1000, 160_000,
                List.of(BLOCK));
        return new CompoundPacket(List.of(sr, SourceDescription.cname(0xDEADBEEFL, "agent42@10.0.0.7")));
    }

    private static void assertMalformed(byte[] bytes, String fragment) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> CompoundPacket.parse(bytes));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void senderReportWithCnameRoundTripsAndMatchesTheRfcLayout() throws Exception {
        CompoundPacket packet = srWithCname();
        byte[] wire = packet.toBytes();
        // SR: 4 header + 24 sender info + 24 block; SDES: 4 header + 4 SSRC + 2 + 16 text + 2 null = 28.
        assertEquals(52 + 28, wire.length);
        assertEquals((byte) 0x81, wire[0]);
        assertEquals((byte) 200, wire[1]);
        assertEquals(12, wire[3]); // length in words minus one
        assertEquals((byte) 0x81, wire[52]);
        assertEquals((byte) 202, wire[53]);
        assertEquals(6, wire[55]);
        assertEquals((byte) 0xFF, wire[28 + 5]); // cumulative lost -5 in 24-bit two's complement
        CompoundPacket parsed = CompoundPacket.parse(wire);
        assertEquals(packet, parsed);
        assertEquals("agent42@10.0.0.7", parsed.cname(0xDEADBEEFL).orElseThrow());
        assertEquals(List.of(BLOCK), parsed.reportBlocks());
        assertEquals(-5, parsed.reportBlocks().get(0).cumulativeLost());
        assertEquals(0x456789ABL, parsed.senderReport().orElseThrow().ntpMiddle());
    }

    @Test
    void receiverReportRoundTrips() throws Exception {
        CompoundPacket packet = new CompoundPacket(List.of(new ReceiverReport(7, List.of(BLOCK, BLOCK)),
                SourceDescription.cname(7, "x")));
        CompoundPacket parsed = CompoundPacket.parse(packet.toBytes());
        assertEquals(packet, parsed);
        assertEquals(2, parsed.reportBlocks().size());
        assertTrue(parsed.senderReport().isEmpty());
        CompoundPacket empty = new CompoundPacket(List.of(new ReceiverReport(9, List.of())));
        assertEquals(8, empty.toBytes().length);
        assertEquals(empty, CompoundPacket.parse(empty.toBytes()));
    }

    @Test
    void unknownPacketTypesAndPaddingOnTheLastPacketAreAccepted() throws Exception {
        byte[] rr = new ReceiverReport(1, List.of()).toBytes();
        // BYE (203) with one SSRC plus 4 bytes of padding (P bit, last byte = 4).
        byte[] bye = { (byte) 0xA1, (byte) 203, 0, 2, 0, 0, 0, 1, 0, 0, 0, 4 };
        byte[] wire = Arrays.copyOf(rr, rr.length + bye.length);
        System.arraycopy(bye, 0, wire, rr.length, bye.length);
        CompoundPacket parsed = CompoundPacket.parse(wire);
        assertEquals(2, parsed.packets().size());
        RtcpPacket.Other other = (RtcpPacket.Other) parsed.packets().get(1);
        assertEquals(203, other.packetType());
        assertEquals(1, other.count());
        assertEquals(4, other.body().length);
    }

    @Test
    void sdesSkipsOtherItemsAndKeepsChunksWithoutCname() throws Exception {
        byte[] rr = new ReceiverReport(1, List.of()).toBytes();
        // SDES, 2 chunks: (ssrc 5: NAME "ab", CNAME "c", end) and (ssrc 6: end + 3 pad).
        byte[] sdes = { (byte) 0x82, (byte) 202, 0, 5, 0, 0, 0, 5, 2, 2, 'a', 'b', 1, 1, 'c', 0, 0, 0, 0, 6, 0, 0,
                0, 0 };
        byte[] wire = Arrays.copyOf(rr, rr.length + sdes.length);
        System.arraycopy(sdes, 0, wire, rr.length, sdes.length);
        CompoundPacket parsed = CompoundPacket.parse(wire);
        SourceDescription sd = (SourceDescription) parsed.packets().get(1);
        assertEquals(List.of(new SourceDescription.Chunk(5, "c"), new SourceDescription.Chunk(6, null)), sd.chunks());
    }

    @Test
    void rejectsInvalidCompoundPacketsWithClearMessages() {
        byte[] good = srWithCname().toBytes();
        assertMalformed(Arrays.copyOf(good, 4), "shorter than an empty RR");
        assertMalformed(Arrays.copyOf(good, 10), "not a multiple of 4");
        byte[] v1 = good.clone();
        v1[0] = 0x41;
        assertMalformed(v1, "version 1");
        assertMalformed(Arrays.copyOfRange(good, 52, good.length), "starts with type 202");
        byte[] tooLong = good.clone();
        tooLong[3] = 40;
        assertMalformed(tooLong, "declares 164 bytes");
        byte[] paddedFirst = good.clone();
        paddedFirst[0] |= 0x20;
        assertMalformed(paddedFirst, "not the last");
        byte[] tooManyBlocks = good.clone();
        tooManyBlocks[0] = (byte) 0x82;
        assertMalformed(tooManyBlocks, "SR with 2 report blocks");
        byte[] unterminated = good.clone();
        unterminated[good.length - 2] = (byte) 'x'; // item type x, length 0, then the end
        assertMalformed(unterminated, "no terminating null item");
        byte[] badUtf8 = good.clone();
        badUtf8[62] = (byte) 0xFF;
        assertMalformed(badUtf8, "not valid UTF-8");
        byte[] zeroPad = good.clone();
        zeroPad[52] |= 0x20; // padding on the last packet, count byte is the null terminator = 0
        assertMalformed(zeroPad, "padding count 0");
    }

    @Test
    void fuzzedInputOnlyYieldsPacketOrMalformedPacketException() {
        Random random = new Random(0x5EED_3550L);
        byte[] template = srWithCname().toBytes();
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            switch (i % 4) {
                case 0 -> {
                    input = new byte[random.nextInt(24) * 4];
                    random.nextBytes(input);
                    if (input.length > 0) {
                        input[0] = (byte) ((input[0] & 0x1F) | 0x80);
                        input[1] = (byte) (200 + random.nextInt(2));
                    }
                }
                case 1 -> input = Arrays.copyOf(template, random.nextInt(template.length + 1));
                case 2 -> {
                    input = template.clone();
                    for (int flips = random.nextInt(3) + 1; flips > 0; flips--) {
                        input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                default -> {
                    input = new byte[random.nextInt(200)];
                    random.nextBytes(input);
                }
            }
            try {
                CompoundPacket packet = CompoundPacket.parse(input);
                assertFalse(packet.packets().isEmpty());
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
    void roundTripTimeIsArrivalMinusLsrMinusDlsr() {
        // RFC 3550 §6.4.1 example: A = 0xb710:8000 (46864.500 s), LSR = 0xb705:2000 (46853.125 s),
        // DLSR = 0x0005:4000 (5.250 s) -> RTT = 0x0006:2000 (6.125 s).
        ReportBlock block = new ReportBlock(1, 0, 0, 0, 0, 0xB7052000L, 0x00054000L);
        assertEquals(0x00062000L, block.roundTrip(0xB7108000L));
        assertEquals(6125.0, NtpTime.shortUnitsToMillis(block.roundTrip(0xB7108000L)), 1e-9);
        assertEquals(-1, new ReportBlock(1, 0, 0, 0, 0, 0, 0).roundTrip(0xB7108000L), "no LSR yet");
        // Wrap of the middle 32 bits between LSR and A.
        assertEquals(0x20, new ReportBlock(1, 0, 0, 0, 0, 0xFFFFFFF0L, 0x10).roundTrip(0x20));
        // Rounding a hair below zero on loopback reads as 0, a large negative value as unknown.
        assertEquals(0, new ReportBlock(1, 0, 0, 0, 0, 100, 3).roundTrip(101));
        assertEquals(-1, new ReportBlock(1, 0, 0, 0, 0, 100, 65536).roundTrip(101));
    }

    @Test
    void ntpConversionAndValidation() {
        long ntp = NtpTime.fromUnixNanos(1_500_000_000L);
        assertEquals(NtpTime.UNIX_EPOCH_OFFSET_SECONDS + 1, ntp >>> 32);
        assertEquals(0x80000000L, ntp & 0xFFFFFFFFL);
        assertEquals(((NtpTime.UNIX_EPOCH_OFFSET_SECONDS + 1) & 0xFFFF) << 16 | 0x8000, NtpTime.middle32(ntp));
        assertEquals(65536, NtpTime.toShortUnits(1_000_000_000L));
        assertEquals(-0x800000, ReportBlock.clampCumulativeLost(-1L << 40));
        assertEquals(0x7FFFFF, ReportBlock.clampCumulativeLost(1L << 40));
        assertThrows(IllegalArgumentException.class, () -> new ReportBlock(1, 256, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReportBlock(1, 0, 0x800000, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new CompoundPacket(List.of(SourceDescription.cname(1, "x"))));
    }
}
