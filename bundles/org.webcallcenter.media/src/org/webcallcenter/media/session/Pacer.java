package org.webcallcenter.media.session;

/**
 * Paces periodic work (one audio frame per period) on a monotonic clock without cumulative drift:
 * frame {@code n} is due at {@code start + n * period}, however late the previous wake-up was. Sleeping
 * "one period" after each frame would instead add every oversleep to all later frames.
 *
 * <p>If the caller falls more than {@code maxLateFrames} periods behind (the process was suspended, a
 * debugger stopped it), the missed frames are skipped rather than sent in a burst; {@link #skipped()}
 * counts them. Frame indices keep counting real time, so RTP timestamps derived from them stay true.
 *
 * <p>Not thread-safe: one pacer per thread.
 */
public final class Pacer {

    /** The time source and the way to wait, injectable for tests. */
    public interface Clock {
        /** @return monotonic time in nanoseconds (like {@link System#nanoTime()}) */
        long nanoTime();

        /** Waits about {@code nanos} (more or less is fine: the pacer re-reads the clock). */
        void sleepNanos(long nanos) throws InterruptedException;
    }

    /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
    public static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    private final Clock clock;
    private final long periodNanos;
    private final long maxLateFrames;
    private boolean started;
    private long startNanos;
    private long next;
    private long skipped;

    /**
     * @param clock time source
     * @param periodNanos frame period, positive
     * @param maxLateFrames how many periods behind schedule are caught up by sending immediately, at least 1
     */
    public Pacer(Clock clock, long periodNanos, int maxLateFrames) {
        if (periodNanos <= 0 || maxLateFrames < 1) {
            throw new IllegalArgumentException("need period > 0 and maxLateFrames >= 1");
        }
        this.clock = clock;
        this.periodNanos = periodNanos;
        this.maxLateFrames = maxLateFrames;
    }

    /**
     * Waits until the next frame is due and returns its index. The first call returns 0 at once and
     * fixes the start of the schedule.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public long awaitNext() throws InterruptedException {
        long now = clock.nanoTime();
        if (!started) {
            started = true;
            startNanos = now;
            return next++;
        }
        while (true) {
            long due = deadline(next);
            long wait = due - now;
            if (wait <= 0) {
                break;
            }
            clock.sleepNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            now = clock.nanoTime();
        }
        if (now - deadline(next) >= maxLateFrames * periodNanos) {
            long current = (now - startNanos) / periodNanos;
            skipped += current - next;
            next = current;
        }
        return next++;
    }

    /** @return when frame {@code n} is due, on the clock's time line */
    public long deadline(long n) {
        return startNanos + n * periodNanos;
    }

    /** @return frames skipped because the caller fell too far behind */
    public long skipped() {
        return skipped;
    }
}
