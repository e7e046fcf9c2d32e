package org.webcallcenter.media.audio;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.SourceDataLine;

import org.webcallcenter.media.session.RtpSession;

/**
 * A started playback line taking 8 kHz mono samples, converted to the device's rate and channels. {@link #write}
 * waits for room in the line's buffer, which paces the writing thread; {@link #stop()} from another thread releases
 * it.
 */
final class PcmOutput implements AutoCloseable {
    private final SourceDataLine line;
    private final Resampler resampler;
    private final int channels;
    private short[] converted = new short[0];
    private byte[] bytes = new byte[0];
    private long written;
    private volatile boolean stopped;

    private PcmOutput(SourceDataLine line) {
        this.line = line;
        AudioFormat format = line.getFormat();
        int rate = Math.round(format.getSampleRate());
        this.resampler = rate == 8000 ? null : new Resampler(8000, rate);
        this.channels = format.getChannels();
    }

    static PcmOutput open(String device, List<Integer> rates, int bufferMillis) throws AudioDeviceException {
        SourceDataLine line = AudioDevices.open(SourceDataLine.class, device, rates, bufferMillis);
        line.start();
        return new PcmOutput(line);
    }

    AudioFormat format() {
        return line.getFormat();
    }

    /** Writes 8 kHz samples, waiting while the line's buffer is full. */
    void write(short[] pcm, int len) {
        short[] samples = pcm;
        int count = len;
        if (resampler != null) {
            int max = resampler.maxOutput(len);
            if (converted.length < max) {
                converted = new short[max];
            }
            count = resampler.process(pcm, 0, len, converted, 0);
            samples = converted;
        }
        int size = count * channels * 2;
        if (bytes.length < size) {
            bytes = new byte[size];
        }
        AudioDevices.fromMono(samples, count, channels, bytes);
        line.write(bytes, 0, size);
        written += count;
    }

    /**
     * Writes silence until the line is really playing: its frame position has advanced by {@code millis} worth of
     * frames no faster than real time. Through ALSA's PulseAudio plugin a new line sometimes starts in a state where
     * every write is accepted at once and its frame position jumps to what was written, yet nothing reaches the
     * sound server: a short signal written then is lost whole, and the position says it was played. Silence written
     * meanwhile is all that is lost. Gives up at {@code deadline} (a {@link System#nanoTime()} instant) so a stuck
     * device does not hold the caller; a {@link #stop()} from another thread ends it too.
     *
     * @return whether the line was seen playing in real time before the deadline
     */
    boolean prime(int millis, long deadline) {
        short[] silence = new short[RtpSession.SAMPLES_PER_FRAME];
        double framesPerNano = line.getFormat().getSampleRate() / 1e9;
        long needed = Math.round(millis * 1e6 * framesPerNano);
        long slack = Math.round(TimeUnit.MILLISECONDS.toNanos(20) * framesPerNano);
        write(silence, silence.length);
        long since = System.nanoTime();
        long from = line.getLongFramePosition();
        while (!stopped && System.nanoTime() - deadline < 0) {
            write(silence, silence.length);
            long now = System.nanoTime();
            long advanced = line.getLongFramePosition() - from;
            if (advanced > Math.round((now - since) * framesPerNano) + slack) {
                // Faster than real time: what is written is thrown away. Measure again from here.
                since = now;
                from += advanced;
            } else if (advanced >= needed) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until what was written has been played: the line's frame position has reached it and
     * {@code notBefore} (a {@link System#nanoTime()} instant) has passed. {@code drain()} alone is not enough:
     * through ALSA's PulseAudio plugin it can return while the audio is still queued. Gives up at {@code deadline}
     * so a stuck device does not hold the caller.
     */
    void awaitPlayed(long notBefore, long deadline) {
        line.drain();
        while (System.nanoTime() - deadline < 0) {
            if (line.getLongFramePosition() >= written && System.nanoTime() - notBefore >= 0) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** Stops the line; a {@link #write} waiting in another thread returns. */
    void stop() {
        stopped = true;
        line.stop();
    }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
