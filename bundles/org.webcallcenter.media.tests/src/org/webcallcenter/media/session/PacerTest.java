package org.webcallcenter.media.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long MS = 1_000_000L;
    private static final long PERIOD = 20 * MS;

    /** Fake monotonic clock whose sleeps always overshoot by 0..3 ms, like a busy OS scheduler. */
    private static final class OversleepingClock implements Pacer.Clock {
        final Random random = new Random(0xD81F7L);
        long now = 5_000 * MS; // arbitrary origin, as System.nanoTime() has
        long totalOversleep;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            long over = random.nextInt(3 * 1000 + 1) * 1000L;
            totalOversleep += over;
            now += nanos + over;
        }
    }

    @Test
    void framesFollowTheAbsoluteScheduleWithoutCumulativeDrift() throws Exception {
        OversleepingClock clock = new OversleepingClock();
        Pacer pacer = new Pacer(clock, PERIOD, 5);
        long start = clock.now;
        for (int n = 0; n < 3000; n++) {
            assertEquals(n, pacer.awaitNext());
            long lateness = clock.now - (start + n * PERIOD);
            assertTrue(lateness >= 0 && lateness <= 3 * MS, "frame " + n + " sent " + lateness + " ns late");
            clock.now += 2 * MS; // the work of encoding and sending one frame
        }
        assertEquals(start + 2999 * PERIOD, pacer.deadline(2999));
        // Sleeping a fixed 20 ms per frame would be this far behind by now; the pacer is within 3 ms.
        assertTrue(clock.totalOversleep > 2_000 * MS, "oversleep " + clock.totalOversleep);
        assertEquals(0, pacer.skipped());
    }

    @Test
    void catchesUpShortDelaysAndSkipsLongStalls() throws Exception {
        OversleepingClock clock = new OversleepingClock();
        Pacer pacer = new Pacer(clock, PERIOD, 5);
        long start = clock.now;
        for (int n = 0; n <= 10; n++) {
            assertEquals(n, pacer.awaitNext());
        }
        // 3 periods of delay: the missed frames go out back to back, without sleeping.
        clock.now = start + 10 * PERIOD + 3 * PERIOD + MS;
        long before = clock.now;
        assertEquals(11, pacer.awaitNext());
        assertEquals(12, pacer.awaitNext());
        assertEquals(13, pacer.awaitNext());
        assertEquals(before, clock.now, "no sleep while behind");
        assertEquals(14, pacer.awaitNext());
        assertTrue(clock.now >= start + 14 * PERIOD);
        // A one-second stall: jump to the current frame instead of a burst of 50 packets.
        clock.now = start + 14 * PERIOD + 1000 * MS;
        assertEquals(64, pacer.awaitNext());
        assertEquals(49, pacer.skipped());
        assertEquals(65, pacer.awaitNext());
        assertTrue(clock.now >= start + 65 * PERIOD);
    }

    @Test
    void interruptStopsTheWait() {
        Pacer pacer = new Pacer(Pacer.SYSTEM, 10_000 * MS, 1);
        assertThrows(IllegalArgumentException.class, () -> new Pacer(Pacer.SYSTEM, 0, 1));
        assertThrows(InterruptedException.class, () -> {
            pacer.awaitNext();
            Thread.currentThread().interrupt();
            pacer.awaitNext();
        });
        assertTrue(!Thread.interrupted(), "interrupt status consumed by the exception");
    }
}
