package org.webcallcenter.media.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitterStatsTest {

    private static final long FRAME_US = 20_000;

    @Test
    void perfectlyPacedStreamHasNoJitterOrLoss() {
        JitterStats stats = new JitterStats(8000);
        for (int i = 0; i < 100; i++) {
            stats.onPacket(i, 160L * i, 5_000_000 + FRAME_US * i);
        }
        assertEquals(0, stats.jitter());
        assertEquals(100, stats.expected());
        assertEquals(0, stats.cumulativeLost());
        assertEquals(0, stats.fractionLost());
    }

    @Test
    void alternatingDelayConvergesToTheDelayVariation() {
        JitterStats stats = new JitterStats(8000);
        // every other packet 10 ms late: |D| = 10 ms = 80 timestamp units for every pair
        for (int i = 0; i < 300; i++) {
            stats.onPacket(i, 160L * i, FRAME_US * i + (i % 2) * 10_000);
        }
        assertEquals(80, stats.jitter(), 1);
        assertEquals(10.0, stats.jitterMillis(), 0.1);
    }

    @Test
    void jitterFollowsTheRfcRecursion() {
        JitterStats stats = new JitterStats(8000);
        stats.onPacket(0, 0, 0);
        stats.onPacket(1, 160, 30_000); // 10 ms late: D = 80 -> J = 80/16 = 5
        assertEquals(5, stats.jitter());
        stats.onPacket(2, 320, 40_000); // back on time: D = -80 -> J = 5 + (80 - 5)/16 = 9.6875
        assertEquals(9, stats.jitter());
        assertEquals(9.6875 / 8, stats.jitterMillis(), 1e-9);
    }

    @Test
    void sequenceWrapExtendsTheHighestSequenceAndCountsLoss() {
        JitterStats stats = new JitterStats(8000);
        int received = 0;
        for (int i = 0; i < 100; i++) {
            int seq = (65500 + i) & 0xFFFF;
            if (i == 10 || i == 35 || i == 36 || i == 37 || i == 60) {
                continue; // lost, both sides of the wrap
            }
            stats.onPacket(seq, 160L * i, FRAME_US * i);
            received++;
        }
        assertEquals(95, received);
        assertEquals(65536 + 63, stats.extendedHighestSequence());
        assertEquals(100, stats.expected());
        assertEquals(5, stats.cumulativeLost());
        assertEquals(5 * 256 / 100, stats.fractionLost());
        assertEquals(0, stats.jitter(), "lost packets do not create jitter");
    }

    @Test
    void reorderingAcrossTheWrapIsNotLoss() {
        JitterStats stats = new JitterStats(8000);
        int[] order = { 65533, 65535, 65534, 1, 0, 2, 4, 3, 5 };
        for (int seq : order) {
            int index = (seq - 65533) & 0xFFFF;
            stats.onPacket(seq, 160L * index, FRAME_US * index + (seq == 65534 || seq == 0 || seq == 3 ? 25_000 : 0));
        }
        assertEquals(9, stats.expected());
        assertEquals(0, stats.cumulativeLost());
        assertEquals(65536 + 5, stats.extendedHighestSequence());
        assertTrue(stats.jitter() > 0, "late packets show up as jitter");
    }

    @Test
    void fractionLostCoversOnlyTheLastInterval() {
        JitterStats stats = new JitterStats(8000);
        for (int i = 0; i < 100; i++) {
            if (i % 4 != 1) {
                stats.onPacket(i, 160L * i, FRAME_US * i);
            }
        }
        assertEquals(64, stats.fractionLost()); // 25 of 100 = 0.25 * 256
        for (int i = 100; i < 200; i++) {
            stats.onPacket(i, 160L * i, FRAME_US * i);
        }
        assertEquals(0, stats.fractionLost());
        assertEquals(25, stats.cumulativeLost());
    }

    @Test
    void duplicatesCanMakeCumulativeLossNegative() {
        JitterStats stats = new JitterStats(8000);
        stats.onPacket(10, 0, 0);
        stats.onPacket(11, 160, FRAME_US);
        stats.onPacket(11, 160, FRAME_US + 1000);
        assertEquals(-1, stats.cumulativeLost());
        assertEquals(0, stats.fractionLost());
    }

    @Test
    void wildJumpIsIgnoredUnlessConfirmed() {
        JitterStats stats = new JitterStats(8000);
        stats.onPacket(1000, 0, 0);
        stats.onPacket(1001, 160, FRAME_US);
        assertFalse(stats.onPacket(40_000, 320, 2 * FRAME_US), "single wild packet is discarded");
        assertEquals(1001, stats.extendedHighestSequence());
        assertTrue(stats.onPacket(40_001, 480, 3 * FRAME_US), "next in line confirms a restart");
        assertEquals(40_001, stats.extendedHighestSequence());
        assertEquals(1, stats.expected());
        assertEquals(0, stats.cumulativeLost());
    }
}
