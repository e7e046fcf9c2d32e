package org.webcallcenter.media.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks the analysis against independently computed values. */
class ToneAnalysisTest {

    /** A sine of peak {@code amplitude}; its level is 20·log10(amplitude / 32767) dBFS by definition. */
    private static short[] sine(double hz, double amplitude, int samples, double rate) {
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * n / rate + 0.3));
        }
        return out;
    }

    /** The DFT at one frequency by its definition, summing cosines and sines directly. */
    private static double directDftPower(short[] x, int offset, int len, double hz, double rate) {
        double re = 0;
        double im = 0;
        for (int n = 0; n < len; n++) {
            double angle = 2 * Math.PI * hz * n / rate;
            re += x[offset + n] * Math.cos(angle);
            im -= x[offset + n] * Math.sin(angle);
        }
        return re * re + im * im;
    }

    @Test
    void goertzelPowerEqualsTheDirectDft() {
        // Two tones plus a deterministic pseudo-random noise, evaluated at on-bin and off-bin frequencies.
        short[] x = new short[1000];
        long seed = 12345;
        for (int n = 0; n < x.length; n++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            double noise = ((seed >>> 40) % 2001) - 1000;
            x[n] = (short) Math.round(6000 * Math.sin(2 * Math.PI * 697 * n / 8000.0)
                    + 3000 * Math.cos(2 * Math.PI * 1209 * n / 8000.0) + noise);
        }
        for (double hz : new double[] { 697, 1209, 1000, 333.3, 3999 }) {
            double expected = directDftPower(x, 100, 800, hz, 8000);
            double actual = ToneAnalysis.goertzelPower(x, 100, 800, hz, 8000);
            assertEquals(expected, actual, expected * 1e-9 + 1e-3, "power at " + hz + " Hz");
        }
        assertEquals(directDftPower(x, 0, x.length, 697, 8000), ToneAnalysis.goertzelPower(x, 697, 8000),
                directDftPower(x, 0, x.length, 697, 8000) * 1e-9);
    }

    @Test
    void toneLevelOfASineIsItsPeakRelativeToFullScale() {
        // 1000 Hz fits whole periods; 1234.5 Hz does not (the window must still give the level).
        for (double hz : new double[] { 1000, 1234.5 }) {
            short[] x = sine(hz, 3277, 4000, 8000);
            assertEquals(-20.0, ToneAnalysis.toneLevelDbfs(x, hz, 8000), 0.1, "level of " + hz + " Hz");
            assertEquals(-20.0, ToneAnalysis.rmsDbfs(x), 0.05, "RMS level of " + hz + " Hz");
        }
        short[] at48k = sine(1000, 16384, 9600, 48000);
        assertEquals(-6.02, ToneAnalysis.toneLevelDbfs(at48k, 1000, 48000), 0.1);
    }

    @Test
    void anAbsentToneMeasuresFarBelowThePresentOne() {
        short[] x = sine(1000, 10000, 4000, 8000);
        double present = ToneAnalysis.toneLevelDbfs(x, 1000, 8000);
        double absent = ToneAnalysis.toneLevelDbfs(x, 440, 8000);
        assertTrue(present - absent > 80, "1000 Hz at " + present + " dBFS, 440 Hz at " + absent + " dBFS");
    }

    @Test
    void rmsOfSquareAndSilence() {
        short[] square = new short[800];
        for (int n = 0; n < square.length; n++) {
            square[n] = (short) (n % 20 < 10 ? 32767 : -32767);
        }
        assertEquals(20 * Math.log10(Math.sqrt(2)), ToneAnalysis.rmsDbfs(square), 1e-9);
        assertEquals(Double.NEGATIVE_INFINITY, ToneAnalysis.rmsDbfs(new short[160]));
        assertEquals(Double.NEGATIVE_INFINITY, ToneAnalysis.toneLevelDbfs(new short[160], 1000, 8000));
        assertEquals(Double.NEGATIVE_INFINITY, ToneAnalysis.rmsDbfs(square, 0, 0));
    }

    @Test
    void dominantFrequencyPicksTheStrongestCandidate() {
        short[] x = new short[4000];
        short[] a = sine(440, 2000, x.length, 8000);
        short[] b = sine(1000, 6000, x.length, 8000);
        for (int n = 0; n < x.length; n++) {
            x[n] = (short) (a[n] + b[n]);
        }
        assertEquals(1000, ToneAnalysis.dominantFrequency(x, 8000, 440, 1000, 2000));
        assertEquals(440, ToneAnalysis.dominantFrequency(a, 8000, 440, 1000, 2000));
        assertThrows(IllegalArgumentException.class, () -> ToneAnalysis.dominantFrequency(x, 8000));
        assertThrows(IllegalArgumentException.class, () -> ToneAnalysis.goertzelPower(x, 3990, 20, 1000, 8000));
    }
}
