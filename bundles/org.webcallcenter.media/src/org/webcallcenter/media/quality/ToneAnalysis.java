package org.webcallcenter.media.quality;

/**
 * Measures tones and levels in 16-bit PCM: the power of one frequency (Goertzel), the level of a tone and of
 * the whole signal in dBFS, and which of a few candidate frequencies dominates. Used by tests to check what was
 * received, and as the level meter of the audio path.
 *
 * <p>Levels follow AES17: 0 dBFS is the RMS of a full-scale sine (peak 32767), so a sine of peak {@code A}
 * measures {@code 20·log10(A / 32767)} dBFS whether it is measured as a tone or as a whole signal. Silence
 * measures {@link Double#NEGATIVE_INFINITY}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ToneAnalysis {

    /** Peak of a full-scale 16-bit sample. */
    public static final double FULL_SCALE = 32767;

    private ToneAnalysis() {
    }

    /**
     * The squared magnitude of the discrete-time Fourier transform at {@code hz}, by the Goertzel algorithm
     * without a window: {@code |Σ x[n]·e^(-i·2π·hz·n/sampleRate)|²} over {@code len} samples from {@code offset}.
     */
    public static double goertzelPower(short[] pcm, int offset, int len, double hz, double sampleRate) {
        checkRange(pcm, offset, len);
        double w = 2 * Math.PI * hz / sampleRate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int n = 0; n < len; n++) {
            double s0 = pcm[offset + n] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        // |X|² of the final state (exact for non-integer bins too): s1² + s2² - coeff·s1·s2.
        return Math.max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2);
    }

    /** {@link #goertzelPower(short[], int, int, double, double)} over the whole array. */
    public static double goertzelPower(short[] pcm, double hz, double sampleRate) {
        return goertzelPower(pcm, 0, pcm.length, hz, sampleRate);
    }

    /**
     * The level in dBFS of the sine component at {@code hz}. The samples are weighted by a Hann window, so a
     * tone that does not fit a whole number of periods into the block still measures its own level and leaks
     * little into frequencies more than a few bins ({@code sampleRate / len}) away.
     */
    public static double toneLevelDbfs(short[] pcm, double hz, double sampleRate) {
        int len = pcm.length;
        if (len < 2) {
            return Double.NEGATIVE_INFINITY;
        }
        double w = 2 * Math.PI * hz / sampleRate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        double windowSum = 0;
        for (int n = 0; n < len; n++) {
            double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / (len - 1));
            windowSum += window;
            double s0 = pcm[n] * window + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = Math.max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2);
        double amplitude = 2 * Math.sqrt(power) / windowSum;
        return toDb(amplitude / FULL_SCALE);
    }

    /** The RMS level of the samples in dBFS (AES17: a full-scale sine is 0 dBFS, a full-scale square +3). */
    public static double rmsDbfs(short[] pcm, int offset, int len) {
        checkRange(pcm, offset, len);
        if (len == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int n = 0; n < len; n++) {
            double s = pcm[offset + n];
            sum += s * s;
        }
        return toDb(Math.sqrt(sum / len) * Math.sqrt(2) / FULL_SCALE);
    }

    /** {@link #rmsDbfs(short[], int, int)} over the whole array. */
    public static double rmsDbfs(short[] pcm) {
        return rmsDbfs(pcm, 0, pcm.length);
    }

    /**
     * The candidate with the highest tone level (Hann-windowed, as {@link #toneLevelDbfs}); the candidates should
     * be further apart than a few bins ({@code sampleRate / pcm.length}).
     *
     * @throws IllegalArgumentException if there are no candidates
     */
    public static double dominantFrequency(short[] pcm, double sampleRate, double... candidates) {
        if (candidates.length == 0) {
            throw new IllegalArgumentException("no candidate frequencies");
        }
        double best = candidates[0];
        double bestLevel = Double.NEGATIVE_INFINITY;
        for (double hz : candidates) {
            double level = toneLevelDbfs(pcm, hz, sampleRate);
            if (level > bestLevel) {
                bestLevel = level;
                best = hz;
            }
        }
        return best;
    }

    private static double toDb(double ratio) {
        return ratio <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(ratio);
    }

    private static void checkRange(short[] pcm, int offset, int len) {
        if (offset < 0 || len < 0 || offset + len > pcm.length) {
            throw new IllegalArgumentException("range " + offset + "+" + len + " outside " + pcm.length + " samples");
        }
    }
}
