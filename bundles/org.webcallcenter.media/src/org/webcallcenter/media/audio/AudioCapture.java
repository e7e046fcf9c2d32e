package org.webcallcenter.media.audio;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.TargetDataLine;

import org.webcallcenter.media.session.RtpSession;

/**
 * Captures from a javax.sound device as 20 ms frames of 8 kHz mono 16-bit PCM. A reader thread
 * ({@code wcc-audio-capture-N}) reads the line in 20 ms chunks, converts to mono and to 8 kHz (a {@link Resampler}
 * when the device runs at another rate) and fills a ring of {@value #RING_FRAMES} frames; {@link #nextFrame()}
 * takes from the ring and never waits. When the consumer falls behind the oldest audio is dropped, so the delay
 * stays bounded.
 */
public final class AudioCapture implements AudioInput {

    /** Capacity of the ring between the reader thread and {@link #nextFrame()}, in 20 ms frames. */
    public static final int RING_FRAMES = 8;
    private static final int LINE_BUFFER_MS = 100;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String device;
    private final TargetDataLine line;
    private final Resampler resampler;
    private final SampleRing ring = new SampleRing(RtpSession.SAMPLES_PER_FRAME, RING_FRAMES);
    private final Thread reader;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private AudioCapture(String device, TargetDataLine line) {
        this.device = device;
        this.line = line;
        int rate = Math.round(line.getFormat().getSampleRate());
        this.resampler = rate == 8000 ? null : new Resampler(rate, 8000);
        this.reader = new Thread(this::readLoop, "wcc-audio-capture-" + IDS.incrementAndGet());
        reader.setDaemon(true);
    }

    /** Opens the device (by mixer name; {@link AudioDevices#SYSTEM_DEFAULT} for the default) at any usable rate. */
    public static AudioCapture open(String device) throws AudioDeviceException {
        return open(device, AudioDevices.DEVICE_RATES);
    }

    /**
     * Opens the device at the first of {@code deviceRates} it accepts and starts capturing.
     *
     * @throws AudioDeviceException naming the device when it is not connected, busy or offers no usable format
     */
    public static AudioCapture open(String device, List<Integer> deviceRates) throws AudioDeviceException {
        TargetDataLine line = AudioDevices.open(TargetDataLine.class, device, deviceRates, LINE_BUFFER_MS);
        AudioCapture capture = new AudioCapture(device, line);
        line.start();
        capture.reader.start();
        return capture;
    }

    private void readLoop() {
        AudioFormat format = line.getFormat();
        int channels = format.getChannels();
        int chunkFrames = Math.round(format.getSampleRate() / 50);
        byte[] bytes = new byte[chunkFrames * format.getFrameSize()];
        short[] mono = new short[chunkFrames];
        short[] converted = resampler == null ? mono : new short[resampler.maxOutput(chunkFrames)];
        try {
            while (running) {
                int read = line.read(bytes, 0, bytes.length);
                int frames = read / format.getFrameSize();
                if (frames <= 0) {
                    // Stopped or the device went away: do not spin.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    continue;
                }
                AudioDevices.toMono(bytes, frames, channels, mono);
                if (resampler == null) {
                    ring.write(mono, 0, frames);
                } else {
                    ring.write(converted, 0, resampler.process(mono, 0, frames, converted, 0));
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public short[] nextFrame() {
        return ring.nextFrame();
    }

    @Override
    public long underruns() {
        return ring.underruns();
    }

    @Override
    public long overruns() {
        return ring.overruns();
    }

    /** @return the format the device line was opened with (rate and channels before conversion) */
    public AudioFormat deviceFormat() {
        return line.getFormat();
    }

    /** @return the device name this capture was opened with ({@code ""} for the system default) */
    public String device() {
        return device;
    }

    /** @return why the reader thread stopped early, or {@code null} */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        line.stop();
        line.flush();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.close();
    }
}
