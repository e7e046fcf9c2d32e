package org.webcallcenter.media.playout;

import java.util.Arrays;
import java.util.TreeMap;

import org.webcallcenter.media.codec.G711;
import org.webcallcenter.media.quality.JitterStats;

/**
 * Adaptive playout (de-jitter) buffer for 20 ms G.711 frames.
 *
 * <p>The network delivers RTP packets with variable delay, out of order, duplicated or not at all;
 * the sound card wants exactly one frame every 20 ms. Packets are {@link #insert inserted} as they
 * arrive and keyed by extended RTP sequence number (one packet = one frame; the RTP timestamp feeds
 * the jitter estimate). The audio thread {@link #poll polls} once per frame and always gets a frame:
 * the packet due, or - if it is missing - the last good frame repeated with decreasing gain (a simple
 * form of the waveform-repetition packet loss concealment of ITU-T G.711 Appendix I), fading to silence
 * after {@value #FADE_FRAMES} frames.
 *
 * <p>Adaptation: the interarrival jitter J is estimated as in RFC 3550 §6.4.1 (see {@link JitterStats})
 * and the target delay is {@value #JITTER_MULTIPLIER}·J rounded up to whole frames and clamped to
 * [min, max]. Playout starts (and restarts after the buffer ran dry) once the first packet to arrive has
 * been held for the target delay, so a larger target takes effect at the next underrun. When more than
 * target + one frame of audio is queued (counting queued packets, not the sequence span) on every poll
 * for longer than the shrink hold-off (default {@value #DEFAULT_SHRINK_HOLD_FRAMES} frames = 1 s), one
 * frame is discarded per poll until the queue is back at the target, so the delay shrinks again once the
 * jitter subsides. The hold-off restarts after an underrun and whenever the target delay grows (the
 * jitter estimate is rising): at the start of a jitter burst the target lags behind, and a group of
 * packets delivered together would otherwise look like excess delay and cost real frames.
 *
 * <p>Packets behind the playout point are dropped as late, repeated sequence numbers as duplicates; both
 * are counted. There is no clock inside: callers pass times in milliseconds from any monotonic source,
 * which keeps behaviour deterministic and testable. Not thread-safe: callers synchronise if the network
 * and audio threads differ.
 */
public final class JitterBuffer {

    /** Frame duration in ms. */
    public static final int FRAME_MS = 20;
    /** Samples (= G.711 bytes) per frame at 8 kHz. */
    public static final int SAMPLES_PER_FRAME = 160;
    /** Concealment frames before the output fades to silence. */
    public static final int FADE_FRAMES = 4;
    /** Target delay = this multiple of the jitter estimate (J is a mean deviation, so 4 J covers most). */
    public static final int JITTER_MULTIPLIER = 4;
    /** Default number of polls the queue must stay above target before frames are discarded (1 s). */
    public static final int DEFAULT_SHRINK_HOLD_FRAMES = 50;

    private static final int CLOCK_RATE = 8000;
    private static final int SEQ_MOD = 1 << 16;

    /** Result of {@link JitterBuffer#insert}. */
    public enum InsertResult {
        /** Queued for playout. */
        ACCEPTED,
        /** Its playout time has passed (or it was already concealed); dropped. */
        LATE,
        /** A packet with the same sequence number is queued; dropped. */
        DUPLICATE,
        /** Too far ahead of the playout point to be held; dropped. */
        OVERFLOW
    }

    private final G711.Law law;
    private final int minDelayMs;
    private final int maxDelayMs;
    private final int capacityFrames;
    private final int shrinkHoldFrames;
    private final JitterStats jitter = new JitterStats(CLOCK_RATE);
    private final TreeMap<Long, Entry> queue = new TreeMap<>();

    private boolean started;
    private long highestExt = -1;
    private boolean playing;
    private long nextPlaySeq;
    private int targetDelayMs;
    private byte[] lastFrame;
    private int concealRun;
    /** Consecutive polls with the queue above target + one frame since the last underrun or target growth. */
    private int aboveTargetRun;

    private long played;
    private long concealed;
    private long silence;
    private long lost;
    private long late;
    private long duplicates;
    private long overflows;
    private long discarded;
    private long underruns;

    private record Entry(byte[] payload, long arrivalMs) {
    }

    /**
     * @param law the G.711 law of the payloads (needed to scale concealment frames and make silence)
     * @param minDelayMs lower bound of the target delay, at least one frame
     * @param maxDelayMs upper bound of the target delay
     */
    public JitterBuffer(G711.Law law, int minDelayMs, int maxDelayMs) {
        this(law, minDelayMs, maxDelayMs, DEFAULT_SHRINK_HOLD_FRAMES);
    }

    /**
     * @param law the G.711 law of the payloads (needed to scale concealment frames and make silence)
     * @param minDelayMs lower bound of the target delay, at least one frame
     * @param maxDelayMs upper bound of the target delay
     * @param shrinkHoldFrames polls the queue must stay above target + one frame before frames are
     *        discarded to shrink the delay; 0 shrinks at once
     */
    public JitterBuffer(G711.Law law, int minDelayMs, int maxDelayMs, int shrinkHoldFrames) {
        if (law == null) {
            throw new IllegalArgumentException("law is required");
        }
        if (minDelayMs < FRAME_MS || maxDelayMs < minDelayMs) {
            throw new IllegalArgumentException(
                    "need " + FRAME_MS + " <= min <= max, got min=" + minDelayMs + " max=" + maxDelayMs);
        }
        if (shrinkHoldFrames < 0) {
            throw new IllegalArgumentException("shrinkHoldFrames must be >= 0, got " + shrinkHoldFrames);
        }
        this.shrinkHoldFrames = shrinkHoldFrames;
        this.law = law;
        this.minDelayMs = minDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.capacityFrames = 2 * maxDelayMs / FRAME_MS + 8;
        this.targetDelayMs = minDelayMs;
    }

    /**
     * Offers a received packet.
     *
     * @param sequence 16-bit RTP sequence number
     * @param rtpTimestamp RTP timestamp (8 kHz units)
     * @param payload one frame of G.711 code words (copied)
     * @param arrivalMs arrival time in ms
     * @return what happened to the packet
     */
    public InsertResult insert(int sequence, long rtpTimestamp, byte[] payload, long arrivalMs) {
        long ext = unwrap(sequence & 0xFFFF);
        if (started && ext < nextPlaySeq) {
            late++;
            return InsertResult.LATE;
        }
        if (queue.containsKey(ext)) {
            duplicates++;
            return InsertResult.DUPLICATE;
        }
        long reference = started ? nextPlaySeq : queue.isEmpty() ? ext : queue.firstKey();
        if (ext - reference >= capacityFrames) {
            overflows++;
            return InsertResult.OVERFLOW;
        }
        jitter.onPacket(sequence, rtpTimestamp, arrivalMs * 1000);
        updateTarget();
        queue.put(ext, new Entry(payload.clone(), arrivalMs));
        highestExt = Math.max(highestExt, ext);
        return InsertResult.ACCEPTED;
    }

    /**
     * Returns the frame to play now. Call once per {@value #FRAME_MS} ms.
     *
     * @param nowMs current time in ms, same clock as the arrival times
     */
    public PlayoutFrame poll(long nowMs) {
        if (!playing) {
            if (queue.isEmpty() || nowMs - earliestArrival() < targetDelayMs) {
                return started ? conceal(nextPlaySeq) : silenceFrame(-1, false);
            }
            long first = queue.firstKey();
            if (started && first > nextPlaySeq) {
                lost += first - nextPlaySeq; // never arrived while we were waiting
            }
            nextPlaySeq = first;
            playing = true;
            started = true;
        }
        if (queue.isEmpty()) {
            playing = false;
            underruns++;
            aboveTargetRun = 0;
            return conceal(nextPlaySeq);
        }
        // Count frames actually queued, not the sequence span: a packet that overtook others must not
        // make the buffer look deeper than it is. Only shrink once it has stayed too deep for the hold-off.
        boolean tooDeep = queue.size() * FRAME_MS > targetDelayMs + FRAME_MS;
        aboveTargetRun = tooDeep ? aboveTargetRun + 1 : 0;
        if (tooDeep && aboveTargetRun > shrinkHoldFrames && queue.containsKey(nextPlaySeq)
                && queue.containsKey(nextPlaySeq + 1)) {
            queue.remove(nextPlaySeq);
            discarded++;
            nextPlaySeq++;
        }
        long seq = nextPlaySeq++;
        Entry entry = queue.remove(seq);
        if (entry == null) {
            lost++;
            return conceal(seq);
        }
        played++;
        concealRun = 0;
        lastFrame = entry.payload();
        return new PlayoutFrame(PlayoutFrame.Kind.PACKET, entry.payload().clone(), (int) (seq & 0xFFFF));
    }

    private long earliestArrival() {
        long earliest = Long.MAX_VALUE;
        for (Entry e : queue.values()) {
            earliest = Math.min(earliest, e.arrivalMs());
        }
        return earliest;
    }

    private PlayoutFrame conceal(long seq) {
        concealRun++;
        if (lastFrame == null || concealRun > FADE_FRAMES) {
            return silenceFrame((int) (seq & 0xFFFF), true);
        }
        double gain = 1.0 - (double) concealRun / (FADE_FRAMES + 1);
        byte[] out = new byte[lastFrame.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = law.encode((int) Math.round(law.decode(lastFrame[i]) * gain));
        }
        concealed++;
        return new PlayoutFrame(PlayoutFrame.Kind.CONCEALMENT, out, (int) (seq & 0xFFFF));
    }

    private PlayoutFrame silenceFrame(int seq, boolean count) {
        if (count) {
            silence++;
        }
        byte[] out = new byte[SAMPLES_PER_FRAME];
        Arrays.fill(out, law.silence());
        return new PlayoutFrame(PlayoutFrame.Kind.SILENCE, out, seq);
    }

    private void updateTarget() {
        double wanted = JITTER_MULTIPLIER * jitter.jitterMillis();
        int frames = (int) Math.ceil(wanted / FRAME_MS - 1e-9);
        int newTarget = Math.max(minDelayMs, Math.min(maxDelayMs, frames * FRAME_MS));
        if (newTarget > targetDelayMs) {
            aboveTargetRun = 0; // jitter rising: the queue depth is not yet known to be excessive
        }
        targetDelayMs = newTarget;
    }

    /** Extends a 16-bit sequence number to the 64-bit value closest to the reference point. */
    private long unwrap(int seq) {
        long reference = highestExt >= 0 ? highestExt : SEQ_MOD; // start away from 0 so early wraps stay positive
        long candidate = (reference & ~0xFFFFL) | seq;
        if (candidate - reference > SEQ_MOD / 2) {
            candidate -= SEQ_MOD;
        } else if (reference - candidate > SEQ_MOD / 2) {
            candidate += SEQ_MOD;
        }
        return candidate;
    }

    /** @return the current target delay in ms, between min and max */
    public int targetDelayMs() {
        return targetDelayMs;
    }

    /** @return the jitter estimate in ms (RFC 3550) */
    public double jitterMillis() {
        return jitter.jitterMillis();
    }

    /** @return audio queued from the playout point to the newest packet, in ms */
    public int bufferedMs() {
        if (queue.isEmpty()) {
            return 0;
        }
        long from = started ? nextPlaySeq : queue.firstKey();
        return (int) ((queue.lastKey() - from + 1) * FRAME_MS);
    }

    /** @return frames played from packets */
    public long playedFrames() {
        return played;
    }

    /** @return concealment frames produced (last frame repeated at reduced gain) */
    public long concealedFrames() {
        return concealed;
    }

    /** @return silence frames produced after playout started (concealment faded out) */
    public long silenceFrames() {
        return silence;
    }

    /** @return sequence positions that were skipped because their packet never arrived in time */
    public long lostPackets() {
        return lost;
    }

    /** @return packets dropped because their playout time had passed */
    public long latePackets() {
        return late;
    }

    /** @return packets dropped as duplicates */
    public long duplicatePackets() {
        return duplicates;
    }

    /** @return packets dropped because they were too far ahead */
    public long overflowPackets() {
        return overflows;
    }

    /** @return frames discarded to shrink the delay towards the target */
    public long discardedFrames() {
        return discarded;
    }

    /** @return times the buffer ran dry during playout and had to rebuffer */
    public long underruns() {
        return underruns;
    }
}
