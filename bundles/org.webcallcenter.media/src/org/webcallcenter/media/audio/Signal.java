package org.webcallcenter.media.audio;

import java.time.Duration;
import java.util.List;

import org.webcallcenter.media.quality.ToneAnalysis;

/**
 * A short audible signal for the agent (ring, call-offered beep): tones and pauses in sequence, rendered at 8 kHz.
 * Each tone fades in and out over {@value #RAMP_MS} ms so it does not click.
 *
 * @param name what the signal is, for logs
 * @param segments tones and pauses, played in order
 */
public record Signal(String name, List<Segment> segments) {

    /** Fade in and out of every tone, in milliseconds. */
    public static final int RAMP_MS = 5;

    /**
     * One tone or pause.
     *
     * @param hz frequency of the tone; 0 for a pause
     * @param dbfs level of the tone in dBFS (as {@link ToneAnalysis} measures it); ignored for a pause
     * @param duration how long it lasts
     */
    public record Segment(double hz, double dbfs, Duration duration) {
        public Segment {
            if (hz < 0 || hz >= 4000) {
                throw new IllegalArgumentException("frequency must be 0 (pause) or below 4000 Hz, got " + hz);
            }
            if (dbfs > 0) {
                throw new IllegalArgumentException("level must be at most 0 dBFS, got " + dbfs);
            }
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative duration " + duration);
            }
        }

        public static Segment tone(double hz, double dbfs, Duration duration) {
            return new Segment(hz, dbfs, duration);
        }

        public static Segment pause(Duration duration) {
            return new Segment(0, 0, duration);
        }
    }

    public Signal {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a signal needs at least one segment");
        }
    }

    /** The call-offered beep before an auto-answered customer is connected: 2 × 100 ms of 880 Hz, 300 ms in all. */
    public static Signal callOffered() {
        return new Signal("call offered", List.of(
                Segment.tone(880, -12, Duration.ofMillis(100)),
                Segment.pause(Duration.ofMillis(100)),
                Segment.tone(880, -12, Duration.ofMillis(100))));
    }

    /** One cycle of the ringer: two 400 ms bursts of 440 Hz 200 ms apart, then 2 s quiet (3 s per cycle). */
    public static Signal ring() {
        return new Signal("ring", List.of(
                Segment.tone(440, -10, Duration.ofMillis(400)),
                Segment.pause(Duration.ofMillis(200)),
                Segment.tone(440, -10, Duration.ofMillis(400)),
                Segment.pause(Duration.ofMillis(2000))));
    }

    /** @return the total duration of the segments */
    public Duration duration() {
        Duration total = Duration.ZERO;
        for (Segment s : segments) {
            total = total.plus(s.duration());
        }
        return total;
    }

    /** @return the signal as 8 kHz mono samples */
    public short[] render() {
        int total = 0;
        for (Segment s : segments) {
            total += samples(s);
        }
        short[] out = new short[total];
        int at = 0;
        int ramp = 8 * RAMP_MS;
        for (Segment s : segments) {
            int n = samples(s);
            if (s.hz() > 0) {
                double amplitude = ToneAnalysis.FULL_SCALE * Math.pow(10, s.dbfs() / 20);
                double step = 2 * Math.PI * s.hz() / 8000;
                for (int i = 0; i < n; i++) {
                    double gain = Math.min(1, Math.min(i, n - 1 - i) / (double) ramp);
                    out[at + i] = (short) Math.round(gain * amplitude * Math.sin(step * i));
                }
            }
            at += n;
        }
        return out;
    }

    private static int samples(Segment s) {
        return (int) (s.duration().toNanos() * 8000 / 1_000_000_000L);
    }
}
