package org.webcallcenter.media.playout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.codec.G711.Law;
import org.webcallcenter.media.playout.JitterBuffer.InsertResult;
import org.webcallcenter.media.playout.PlayoutFrame.Kind;

class JitterBufferTest {

    private static final Law LAW = Law.MU_LAW;

    /** A recognisable frame per sequence number: a constant sample level derived from it. */
    private static byte[] frame(int seq) {
        byte[] f = new byte[JitterBuffer.SAMPLES_PER_FRAME];
        for (int i = 0; i < f.length; i++) {
            f[i] = LAW.encode((i % 2 == 0 ? 1 : -1) * (2000 + 10 * (seq % 500)));
        }
        return f;
    }

    private static double energy(byte[] samples) {
        double sum = 0;
        for (byte b : samples) {
            sum += Math.pow(LAW.decode(b), 2);
        }
        return sum;
    }

    /**
     * Drives a buffer through a schedule: packets (seq -> arrival ms) are inserted in arrival order,
     * and the buffer is polled every 20 ms at 10 ms past each frame boundary, from t = 10 on.
     */
    private static final class Simulation {
        final JitterBuffer buffer = new JitterBuffer(LAW, 40, 200);
        final TreeMap<Long, List<Integer>> arrivals = new TreeMap<>();
        final List<PlayoutFrame> frames = new ArrayList<>();
        final List<Integer> targets = new ArrayList<>();
        final List<InsertResult> results = new ArrayList<>();
        int firstSeq;

        Simulation(int firstSeq) {
            this.firstSeq = firstSeq;
        }

        Simulation send(int index, long arrivalMs) {
            arrivals.computeIfAbsent(arrivalMs, t -> new ArrayList<>()).add(index);
            return this;
        }

        /** Packet index i (sequence firstSeq + i) sent on time and arriving at 20 i + delay. */
        Simulation steady(int fromIndex, int toIndex, long delayMs) {
            for (int i = fromIndex; i < toIndex; i++) {
                send(i, 20L * i + delayMs);
            }
            return this;
        }

        Simulation run(long untilMs) {
            for (long t = 10; t <= untilMs; t += 20) {
                while (!arrivals.isEmpty() && arrivals.firstKey() <= t) {
                    var entry = arrivals.pollFirstEntry();
                    for (int index : entry.getValue()) {
                        int seq = (firstSeq + index) & 0xFFFF;
                        results.add(buffer.insert(seq, 160L * index, frame(seq), entry.getKey()));
                    }
                }
                frames.add(buffer.poll(t));
                targets.add(buffer.targetDelayMs());
            }
            return this;
        }

        List<Integer> playedSequences() {
            return frames.stream().filter(f -> f.kind() == Kind.PACKET).map(PlayoutFrame::sequence).toList();
        }
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(i & 0xFFFF);
        }
        return list;
    }

    @Test
    void inOrderStreamPlaysEveryFrameAfterTheMinimumDelay() {
        Simulation sim = new Simulation(0).steady(0, 100, 0).run(2030); // last frame due at 20*99 + 50
        assertEquals(range(0, 100), sim.playedSequences());
        // first packet arrives at 0; playout starts at the first poll >= 40 ms, i.e. t = 50
        assertEquals(Kind.SILENCE, sim.frames.get(0).kind());
        assertEquals(-1, sim.frames.get(0).sequence());
        assertEquals(Kind.PACKET, sim.frames.get(2).kind());
        assertArrayEquals(frame(0), sim.frames.get(2).samples());
        assertEquals(0, sim.buffer.lostPackets());
        assertEquals(0, sim.buffer.concealedFrames());
        assertEquals(0, sim.buffer.latePackets());
        assertEquals(40, sim.buffer.targetDelayMs());
    }

    @Test
    void sequenceNumbersWrapAround() {
        Simulation sim = new Simulation(65530).steady(0, 20, 0).run(500);
        assertEquals(range(65530, 65550), sim.playedSequences());
        assertEquals(0, sim.buffer.lostPackets());
    }

    @Test
    void reorderedPacketsArePlayedInSequence() {
        Simulation sim = new Simulation(100);
        for (int i = 0; i < 60; i++) {
            int partner = i % 2 == 0 ? i + 1 : i - 1; // every pair swapped in flight
            sim.send(i, 20L * partner);
        }
        sim.run(1230); // last frame due at 20*59 + 50
        assertEquals(range(100, 160), sim.playedSequences());
        assertEquals(0, sim.buffer.lostPackets());
        assertEquals(0, sim.buffer.latePackets());
        assertEquals(0, sim.buffer.concealedFrames());
    }

    @Test
    void lostPacketsAreConcealedWithFadingRepeatsThenSilence() {
        Simulation sim = new Simulation(0);
        for (int i = 0; i < 80; i++) {
            boolean lost = i == 10 || i >= 30 && i < 40;
            if (!lost) {
                sim.send(i, 20L * i);
            }
        }
        sim.run(1630); // last frame due at 20*79 + 50
        List<Integer> expected = range(0, 80);
        expected.removeIf(s -> s == 10 || s >= 30 && s < 40);
        assertEquals(expected, sim.playedSequences());
        assertEquals(11, sim.buffer.lostPackets());

        // single loss: one concealment frame at the lost position, quieter than the frame it repeats
        int at10 = indexOfSequence(sim, 10, Kind.CONCEALMENT);
        assertEquals(9, sim.frames.get(at10 - 1).sequence());
        assertTrue(energy(sim.frames.get(at10).samples()) < energy(frame(9)));
        assertEquals(Kind.PACKET, sim.frames.get(at10 + 1).kind());

        // ten lost in a row: FADE_FRAMES repeats with decreasing energy, then silence until packet 40
        int start = indexOfSequence(sim, 29, Kind.PACKET) + 1;
        double previous = energy(frame(29));
        for (int k = 0; k < JitterBuffer.FADE_FRAMES; k++) {
            PlayoutFrame f = sim.frames.get(start + k);
            assertEquals(Kind.CONCEALMENT, f.kind(), "frame " + k + " after the loss");
            assertTrue(energy(f.samples()) < previous, "gain must decrease");
            previous = energy(f.samples());
        }
        for (int k = JitterBuffer.FADE_FRAMES; k < 10; k++) {
            PlayoutFrame f = sim.frames.get(start + k);
            assertEquals(Kind.SILENCE, f.kind());
            assertEquals(0, energy(f.samples()));
        }
        assertEquals(40, sim.frames.get(start + 10).sequence());
        assertEquals(1 + JitterBuffer.FADE_FRAMES, sim.buffer.concealedFrames());
        assertEquals(10 - JitterBuffer.FADE_FRAMES, sim.buffer.silenceFrames());
    }

    @Test
    void latePacketsAreDroppedAndCounted() {
        Simulation sim = new Simulation(0).steady(0, 50, 0).steady(51, 80, 0);
        sim.send(50, 1100); // due at t = 1050
        sim.run(1700);
        assertEquals(1, sim.buffer.latePackets());
        assertEquals(1, sim.buffer.lostPackets());
        assertTrue(sim.results.contains(InsertResult.LATE));
        assertTrue(!sim.playedSequences().contains(50));
        assertEquals(79, sim.playedSequences().size());
    }

    @Test
    void duplicatesAreDroppedAndCounted() {
        JitterBuffer buffer = new JitterBuffer(LAW, 40, 200);
        assertEquals(InsertResult.ACCEPTED, buffer.insert(7, 0, frame(7), 0));
        assertEquals(InsertResult.DUPLICATE, buffer.insert(7, 0, frame(7), 5));
        assertEquals(1, buffer.duplicatePackets());
        assertEquals(InsertResult.OVERFLOW, buffer.insert(7 + 1000, 160_000, frame(1), 10));
    }

    @Test
    void burstJitterGrowsTheTargetDelayWhichShrinksAgainWhenCalm() {
        Simulation sim = new Simulation(1000).steady(0, 100, 0);
        for (int i = 100; i < 200; i++) {
            sim.send(i, 20L * (i - i % 5 + 4)); // held back and delivered five at a time
        }
        sim.steady(200, 600, 0).run(12_100);

        int calmBefore = sim.targets.get(99);
        int peak = sim.targets.subList(100, 210).stream().max(Integer::compare).orElseThrow();
        int calmAfter = sim.targets.get(sim.targets.size() - 1);
        assertEquals(40, calmBefore);
        assertTrue(peak >= 100, "target should grow with burst jitter, peak " + peak);
        assertEquals(40, calmAfter, "target should shrink back once jitter subsides");

        // Playout followed the target: no concealment once adapted (second half of the burst),
        // and frames were discarded afterwards to bring the delay back down.
        long concealedLateInBurst = sim.frames.subList(160, 215).stream().filter(f -> f.kind() != Kind.PACKET)
                .count();
        assertEquals(0, concealedLateInBurst);
        assertTrue(sim.buffer.discardedFrames() > 0);
        assertTrue(sim.buffer.bufferedMs() <= calmAfter + JitterBuffer.FRAME_MS);
        assertEquals(0, sim.buffer.latePackets());
    }

    /**
     * The first groups of a jitter burst arrive after an underrun, while the target delay is still
     * small: the queue briefly holds a whole group, which used to look like "too much delay" and cost
     * real frames. Shrinking is held off after an underrun, so every packet of the burst is played.
     */
    @Test
    void burstStartDoesNotDiscardRealFrames() {
        Simulation sim = new Simulation(2000).steady(0, 100, 0);
        for (int i = 100; i < 130; i++) {
            sim.send(i, 20L * (i - i % 5 + 4)); // held back and delivered five at a time
        }
        sim.steady(130, 160, 0).run(3_600); // ends after the delay grew by the burst

        assertEquals(0, sim.buffer.discardedFrames(), "no real frame may be dropped at the burst start");
        assertEquals(range(2000, 2160), sim.playedSequences());
        assertEquals(0, sim.buffer.latePackets());
        assertTrue(sim.buffer.underruns() > 0, "the burst must have run the buffer dry");
    }

    @Test
    void shrinksOnlyAfterTheQueueStayedAboveTargetForTheHoldTime() {
        int hold = 5;
        JitterBuffer buffer = new JitterBuffer(LAW, 40, 200, hold);
        for (int i = 0; i < 20; i++) { // 400 ms of audio at once: far above any target
            buffer.insert(i, 160L * i, frame(i), 0);
        }
        long t = 210; // past the target delay, so playout starts on the first poll
        for (int k = 0; k < hold; k++, t += 20) {
            assertEquals(k, buffer.poll(t).sequence());
        }
        assertEquals(0, buffer.discardedFrames(), "must hold off shrinking for the configured frames");
        assertEquals(hold + 1, buffer.poll(t).sequence(), "then one frame is discarded per poll");
        assertEquals(1, buffer.discardedFrames());
    }

    @Test
    void zeroHoldShrinksAtOnceAsBefore() {
        JitterBuffer buffer = new JitterBuffer(LAW, 40, 200, 0);
        for (int i = 0; i < 20; i++) {
            buffer.insert(i, 160L * i, frame(i), 0);
        }
        assertEquals(1, buffer.poll(210).sequence());
        assertEquals(1, buffer.discardedFrames());
        assertThrows(IllegalArgumentException.class, () -> new JitterBuffer(LAW, 40, 200, -1));
    }

    @Test
    void rejectsInvalidConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new JitterBuffer(LAW, 10, 200));
        assertThrows(IllegalArgumentException.class, () -> new JitterBuffer(LAW, 100, 60));
        assertThrows(IllegalArgumentException.class, () -> new JitterBuffer(null, 40, 200));
    }

    private static int indexOfSequence(Simulation sim, int seq, Kind kind) {
        for (int i = 0; i < sim.frames.size(); i++) {
            if (sim.frames.get(i).sequence() == seq && sim.frames.get(i).kind() == kind) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " frame for sequence " + seq);
    }
}
