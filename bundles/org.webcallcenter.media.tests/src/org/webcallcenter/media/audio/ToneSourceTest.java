package org.webcallcenter.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.quality.ToneAnalysis;
import org.webcallcenter.media.session.RtpSession;

class ToneSourceTest {

    private static short[] frames(ToneSource source, int count) {
        short[] out = new short[count * RtpSession.SAMPLES_PER_FRAME];
        for (int i = 0; i < count; i++) {
            short[] frame = source.nextFrame();
            assertEquals(RtpSession.SAMPLES_PER_FRAME, frame.length);
            System.arraycopy(frame, 0, out, i * frame.length, frame.length);
        }
        return out;
    }

    @Test
    void theTestToneHasItsFrequencyAndLevel() {
        for (double[] spec : new double[][] { { 1000, -20 }, { 440, -6 }, { 3000, -30 }, { 697, 0 } }) {
            short[] x = frames(ToneSource.testTone(spec[0], spec[1]), 50);
            assertEquals(spec[0], ToneAnalysis.dominantFrequency(x, 8000, 440, 697, 1000, 2000, 3000));
            assertEquals(spec[1], ToneAnalysis.toneLevelDbfs(x, spec[0], 8000), 0.05, "tone level of " + spec[0]);
            assertEquals(spec[1], ToneAnalysis.rmsDbfs(x), 0.05, "RMS level of " + spec[0]);
        }
    }

    @Test
    void thePhaseRunsOnAcrossFrames() {
        // A discontinuity at frame edges would put energy far from the tone.
        short[] x = frames(ToneSource.testTone(1010, -10), 100);
        double tone = ToneAnalysis.toneLevelDbfs(x, 1010, 8000);
        for (double other : new double[] { 50, 1500, 2500, 3500 }) {
            double level = ToneAnalysis.toneLevelDbfs(x, other, 8000);
            assertTrue(tone - level > 70, other + " Hz at " + level + " dBFS");
        }
    }

    @Test
    void rejectsToneOutsideTheBandOrAboveFullScale() {
        assertThrows(IllegalArgumentException.class, () -> ToneSource.testTone(4000, -10));
        assertThrows(IllegalArgumentException.class, () -> ToneSource.testTone(0, -10));
        assertThrows(IllegalArgumentException.class, () -> ToneSource.testTone(1000, 1));
    }
}
