package org.webcallcenter.media.quality;

/**
 * Receiver statistics for one RTP source, as reported in RTCP receiver report blocks: interarrival
 * jitter (RFC 3550 §6.4.1, computed as in Appendix A.8), and cumulative packets lost and fraction lost
 * derived from extended sequence numbers (Appendix A.1 for the sequence-number bookkeeping, A.3 for the
 * loss computation).
 *
 * <p>The caller supplies each packet's arrival time, so the class has no clock and results are
 * reproducible. Departures from Appendix A.1: the first packet initialises the source immediately
 * (no MIN_SEQUENTIAL probation, the signalling already told us the source exists); a jump of more than
 * {@value #MAX_DROPOUT} or a step back of more than {@value #MAX_MISORDER} is treated as a restart
 * when the next packet confirms it, exactly as A.1 does. As in RFC 3550, duplicates count as received,
 * so cumulative loss can be negative.
 *
 * <p>Not thread-safe: feed it from the thread that reads the socket.
 */
public final class JitterStats {

    /** Largest forward sequence jump still accepted as loss (A.1). */
    public static final int MAX_DROPOUT = 3000;
    /** Largest backward sequence step still accepted as reordering (A.1). */
    public static final int MAX_MISORDER = 100;
    private static final int RTP_SEQ_MOD = 1 << 16;

    private final int clockRate;

    private boolean initialised;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private long badSeq = RTP_SEQ_MOD + 1L;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private boolean haveTransit;
    private double lastTransit;
    private double jitter;

    /**
     * @param clockRate RTP timestamp units per second of the payload format (8000 for G.711)
     */
    public JitterStats(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * Records one received data packet.
     *
     * @param sequence the 16-bit RTP sequence number
     * @param rtpTimestamp the packet's 32-bit RTP timestamp
     * @param arrivalMicros arrival time in microseconds on any monotonic clock
     * @return {@code false} if the packet was discarded as a wild sequence jump (A.1 "bad_seq")
     */
    public boolean onPacket(int sequence, long rtpTimestamp, long arrivalMicros) {
        int seq = sequence & 0xFFFF;
        if (!initialised) {
            initSequence(seq);
            initialised = true;
        } else if (!updateSequence(seq)) {
            return false;
        }
        received++;
        updateJitter(rtpTimestamp & 0xFFFFFFFFL, arrivalMicros);
        return true;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1L;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    /** RFC 3550 A.1 update_seq without the probation branch. */
    private boolean updateSequence(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (delta <= RTP_SEQ_MOD - MAX_MISORDER) {
            // Very large jump: accept only if the next packet continues from here (peer restarted).
            if (seq == badSeq) {
                initSequence(seq);
                haveTransit = false;
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: duplicate or reordered packet within MAX_MISORDER, counted as received
        return true;
    }

    /** RFC 3550 A.8: J(i) = J(i-1) + (|D(i-1,i)| - J(i-1)) / 16, all in timestamp units. */
    private void updateJitter(long rtpTimestamp, long arrivalMicros) {
        double arrival = arrivalMicros * (clockRate / 1_000_000.0);
        double transit = arrival - rtpTimestamp;
        if (haveTransit) {
            double d = transit - lastTransit;
            // Timestamps wrap at 2^32; a difference of more than half the range is a wrap, not jitter.
            if (d > 0x80000000L) {
                d -= 0x100000000L;
            } else if (d < -0x80000000L) {
                d += 0x100000000L;
            }
            jitter += (Math.abs(d) - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** @return the interarrival jitter in timestamp units, as put in an RTCP report (truncated) */
    public long jitter() {
        return (long) jitter;
    }

    /** @return the interarrival jitter in milliseconds */
    public double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }

    /** @return the extended highest sequence number received: cycles in the high bits, seq in the low 16 */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** @return packets received, duplicates included */
    public long received() {
        return received;
    }

    /** @return packets expected so far (A.3): extended highest minus first sequence, plus one */
    public long expected() {
        return initialised ? extendedHighestSequence() - baseSeq + 1 : 0;
    }

    /** @return cumulative number of packets lost (A.3); negative if duplicates outnumber losses */
    public long cumulativeLost() {
        return expected() - received;
    }

    /**
     * Fraction of packets lost since the previous call (or since the start), as the 8-bit fixed-point
     * value of an RTCP report block (A.3): lost/expected * 256, 0 when nothing was lost or duplicates
     * made up for it. Each call starts a new interval, as each report does.
     *
     * @return 0..255
     */
    public int fractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }
}
