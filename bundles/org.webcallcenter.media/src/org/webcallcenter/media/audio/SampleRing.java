package org.webcallcenter.media.audio;

/**
 * A bounded FIFO of 8 kHz samples between a device thread and a 20 ms frame clock. The writer never waits: when
 * the ring is full the oldest samples are dropped (an overrun), which keeps the delay bounded. The reader never
 * waits: with less than a frame buffered it gets {@code null} (an underrun). Both are counted. The lock is held
 * only to copy samples.
 */
final class SampleRing {
    private final short[] buffer;
    private final int frame;
    private int read;
    private int size;
    private long overruns;
    private long underruns;

    /**
     * @param frame samples per frame returned by {@link #nextFrame()}
     * @param frames capacity in frames
     */
    SampleRing(int frame, int frames) {
        if (frame <= 0 || frames <= 0) {
            throw new IllegalArgumentException("frame and capacity must be positive");
        }
        this.frame = frame;
        this.buffer = new short[frame * frames];
    }

    /** Appends samples, dropping the oldest ones (and counting one overrun) when they do not fit. */
    synchronized void write(short[] samples, int offset, int len) {
        boolean dropped = false;
        if (len > buffer.length) {
            offset += len - buffer.length;
            len = buffer.length;
            dropped = true;
        }
        int excess = size + len - buffer.length;
        if (excess > 0) {
            read = (read + excess) % buffer.length;
            size -= excess;
            dropped = true;
        }
        if (dropped) {
            overruns++;
        }
        int write = (read + size) % buffer.length;
        int first = Math.min(len, buffer.length - write);
        System.arraycopy(samples, offset, buffer, write, first);
        System.arraycopy(samples, offset + first, buffer, 0, len - first);
        size += len;
    }

    /** @return the oldest frame, or {@code null} (counting one underrun) if less than a frame is buffered */
    synchronized short[] nextFrame() {
        if (size < frame) {
            underruns++;
            return null;
        }
        short[] out = new short[frame];
        int first = Math.min(frame, buffer.length - read);
        System.arraycopy(buffer, read, out, 0, first);
        System.arraycopy(buffer, 0, out, first, frame - first);
        read = (read + frame) % buffer.length;
        size -= frame;
        return out;
    }

    synchronized int size() {
        return size;
    }

    synchronized long overruns() {
        return overruns;
    }

    synchronized long underruns() {
        return underruns;
    }
}
