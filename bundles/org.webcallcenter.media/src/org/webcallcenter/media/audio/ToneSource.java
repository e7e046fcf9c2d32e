package org.webcallcenter.media.audio;

import org.webcallcenter.media.quality.ToneAnalysis;
import org.webcallcenter.media.session.FrameSource;
import org.webcallcenter.media.session.RtpSession;

/**
 * A <em>test tone</em>: a continuous sine of one frequency and level, as 20 ms frames at 8 kHz. Sent instead of a
 * microphone by the test suites and by the headless softphone; never part of a real call's audio.
 *
 * <p>The level is in dBFS as {@link ToneAnalysis} measures it (0 dBFS = a full-scale sine), so
 * {@code testTone(1000, -20)} has a peak of 3277. The phase runs on across frames. Thread-safe.
 */
public final class ToneSource implements FrameSource {

    private final double hz;
    private final double dbfs;
    private final double amplitude;
    private final double step;
    private double phase;

    private ToneSource(double hz, double dbfs) {
        if (!(hz > 0 && hz < 4000)) {
            throw new IllegalArgumentException("a test tone must be between 0 and 4000 Hz, got " + hz);
        }
        if (!(dbfs <= 0)) {
            throw new IllegalArgumentException("a test tone's level must be at most 0 dBFS, got " + dbfs);
        }
        this.hz = hz;
        this.dbfs = dbfs;
        this.amplitude = ToneAnalysis.FULL_SCALE * Math.pow(10, dbfs / 20);
        this.step = 2 * Math.PI * hz / 8000;
    }

    /**
     * @param hz frequency, below 4000 Hz
     * @param dbfs level, at most 0 dBFS
     */
    public static ToneSource testTone(double hz, double dbfs) {
        return new ToneSource(hz, dbfs);
    }

    @Override
    public synchronized short[] nextFrame() {
        short[] frame = new short[RtpSession.SAMPLES_PER_FRAME];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(phase));
            phase += step;
            if (phase >= 2 * Math.PI) {
                phase -= 2 * Math.PI;
            }
        }
        return frame;
    }

    /** @return the frequency in Hz */
    public double frequency() {
        return hz;
    }

    /** @return the level in dBFS */
    public double levelDbfs() {
        return dbfs;
    }
}
