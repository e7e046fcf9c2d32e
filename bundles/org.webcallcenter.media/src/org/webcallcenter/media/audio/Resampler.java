package org.webcallcenter.media.audio;

import java.util.Arrays;

/**
 * Converts a stream of 16-bit mono samples from one sample rate to another by rational polyphase filtering:
 * conceptually up-sample by L (zero stuffing), low-pass, down-sample by M, computing only the outputs that are
 * kept. The low-pass is a Kaiser-windowed sinc with its cut-off at half the lower of the two rates, a transition
 * band of ±15 % of that half rate and about 70 dB of stop-band attenuation: for 8 kHz this passes the telephone
 * band up to 3.4 kHz and removes what would alias into it (above 4.6 kHz).
 *
 * <p>Streaming: the filter history is kept between calls, so blocks of any size give the same output as one
 * long block. Not thread-safe; one instance per direction of one line.
 */
public final class Resampler {

    private static final double STOPBAND_DB = 70;
    private static final double TRANSITION = 0.15;

    private final int inRate;
    private final int outRate;
    private final int up;
    private final int down;
    private final int taps;
    private final double[][] phases;
    private final double[] history;
    private int head;
    private long inputs;
    private long nextOutput;

    /**
     * @param inRate the rate of the samples given to {@link #process}, in Hz
     * @param outRate the rate of the samples it returns, in Hz
     */
    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        up = outRate / g;
        down = inRate / g;
        double highRate = (double) up * inRate;
        double cutoff = Math.min(inRate, outRate) / 2.0;
        double transition = 2 * TRANSITION * cutoff;
        // Kaiser's estimate of the length for the attenuation and transition width, at the high rate.
        int length = (int) Math.ceil((STOPBAND_DB - 8) / (2.285 * 2 * Math.PI * transition / highRate)) + 1;
        taps = up == down ? 1 : Math.max(1, (length + up - 1) / up);
        phases = design(up, taps, cutoff / highRate);
        history = new double[2 * taps];
    }

    private static double[][] design(int up, int taps, double normalisedCutoff) {
        double[][] result = new double[up][taps];
        if (taps == 1 && up == 1) {
            result[0][0] = 1;
            return result;
        }
        int n = up * taps;
        double centre = (n - 1) / 2.0;
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        double i0Beta = besselI0(beta);
        for (int k = 0; k < n; k++) {
            double t = k - centre;
            double x = 2 * normalisedCutoff * t;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = t / centre;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            // Gain `up` makes up for the zero stuffing, so each phase has unity gain at DC.
            result[k % up][k / up] = up * 2 * normalisedCutoff * sinc * window;
        }
        return result;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** @return the input sample rate in Hz */
    public int inRate() {
        return inRate;
    }

    /** @return the output sample rate in Hz */
    public int outRate() {
        return outRate;
    }

    /** @return the most samples {@link #process} can return for {@code inputLength} input samples */
    public int maxOutput(int inputLength) {
        return (int) (((long) inputLength * up + down - 1) / down) + 1;
    }

    /**
     * Converts {@code len} samples and writes the result to {@code out}.
     *
     * @param out must have room for {@link #maxOutput(int) maxOutput(len)} samples from {@code outOffset}
     * @return how many samples were written
     */
    public int process(short[] in, int offset, int len, short[] out, int outOffset) {
        int written = 0;
        for (int i = 0; i < len; i++) {
            head = head == 0 ? taps - 1 : head - 1;
            history[head] = in[offset + i];
            history[head + taps] = in[offset + i];
            long base = inputs * up;
            inputs++;
            // Outputs at high-rate positions in [base, base + up) use this sample as the newest input.
            while (nextOutput < base + up) {
                double[] h = phases[(int) (nextOutput - base)];
                double acc = 0;
                for (int j = 0; j < taps; j++) {
                    acc += h[j] * history[head + j];
                }
                out[outOffset + written++] = clip(acc);
                nextOutput += down;
            }
        }
        return written;
    }

    /** Converts a block; convenient when the output length does not matter in advance. */
    public short[] process(short[] in) {
        short[] out = new short[maxOutput(in.length)];
        int n = process(in, 0, in.length, out, 0);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static short clip(double v) {
        long r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
