package org.webcallcenter.media.audio;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sound.sampled.AudioFormat;

/**
 * Plays 20 ms frames of 8 kHz mono 16-bit PCM on a javax.sound device. {@link #play(short[])} only queues the
 * frame (at most {@value #QUEUE_FRAMES} wait; when the queue is full the frame is dropped and counted), so the
 * caller's playout thread never waits for the device. A writer thread ({@code wcc-audio-playback-N}) converts
 * each frame to the device's rate and channels and writes it to the line, whose buffer paces it.
 */
public final class AudioPlayback implements AudioOutput {

    /** Frames that may wait for the device before new ones are dropped. */
    public static final int QUEUE_FRAMES = 5;
    private static final int LINE_BUFFER_MS = 80;
    private static final int PRIME_MS = 100;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String device;
    private final PcmOutput output;
    private final BlockingQueue<short[]> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private AudioPlayback(String device, PcmOutput output) {
        this.device = device;
        this.output = output;
        this.writer = new Thread(this::writeLoop, "wcc-audio-playback-" + IDS.incrementAndGet());
        writer.setDaemon(true);
    }

    /** Opens the device (by mixer name; {@link AudioDevices#SYSTEM_DEFAULT} for the default) at any usable rate. */
    public static AudioPlayback open(String device) throws AudioDeviceException {
        return open(device, AudioDevices.DEVICE_RATES);
    }

    /**
     * Opens the device at the first of {@code deviceRates} it accepts and starts the writer.
     *
     * @throws AudioDeviceException naming the device when it is not connected, busy or offers no usable format
     */
    public static AudioPlayback open(String device, List<Integer> deviceRates) throws AudioDeviceException {
        AudioPlayback playback = new AudioPlayback(device, PcmOutput.open(device, deviceRates, LINE_BUFFER_MS));
        playback.writer.start();
        return playback;
    }

    private void writeLoop() {
        try {
            // A new line may swallow what is written while its position says played; paced writes of 20 ms can keep
            // it so for the whole call. Silence written as fast as the line takes it gets it playing (PcmOutput.prime);
            // frames played meanwhile wait in the queue or are dropped and counted.
            output.prime(PRIME_MS, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
            while (running) {
                short[] frame = queue.poll(100, TimeUnit.MILLISECONDS);
                if (frame != null && running) {
                    output.write(frame, frame.length);
                    frames.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public void play(short[] pcm) {
        if (!running || !queue.offer(pcm)) {
            drops.incrementAndGet();
        }
    }

    @Override
    public long frames() {
        return frames.get();
    }

    @Override
    public long drops() {
        return drops.get();
    }

    /** @return the format the device line was opened with (rate and channels after conversion) */
    public AudioFormat deviceFormat() {
        return output.format();
    }

    /** @return the device name this playback was opened with ({@code ""} for the system default) */
    public String device() {
        return device;
    }

    /** @return why the writer thread stopped early, or {@code null} */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        output.stop();
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.close();
    }
}
