package org.webcallcenter.testing;

import java.util.Arrays;
import java.util.Objects;

/**
 * A test oracle for audio: tone generation, the Goertzel power at one frequency, RMS level, and the dominant
 * frequency among candidates. Independent of the media bundle on purpose (a test must not check code against
 * itself). Samples are doubles with full scale 1.0.
 *
 * <p>Levels are in dBFS with full scale 1.0 for the RMS: {@code 20·log10(rms)}, so a square wave at full scale
 * reads 0 dBFS and a full-scale sine -3.01 dBFS. {@link #toneDbfs} uses the same scale for the component at one
 * frequency (a sine of amplitude A reads {@code 20·log10(A/√2)} whatever else is in the signal).
 */
public final class Tones {
	private Tones() {
	}

	/** @return {@code seconds} of a sine of {@code hz} at {@code sampleRate} with peak {@code amplitude}, phase 0 */
	public static double[] sine(double hz, double sampleRate, double seconds, double amplitude) {
		int n = (int) Math.round(seconds * sampleRate);
		double[] x = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate);
		}
		return x;
	}

	/** @return the peak amplitude of a sine whose RMS level is {@code dbfs} (on this class's scale) */
	public static double amplitude(double dbfs) {
		return Math.sqrt(2) * Math.pow(10, dbfs / 20);
	}

	/** @return the root mean square of the samples (0 for none) */
	public static double rms(double[] x) {
		if (x.length == 0) {
			return 0;
		}
		double sum = 0;
		for (double v : x) {
			sum += v * v;
		}
		return Math.sqrt(sum / x.length);
	}

	/** @return {@code 20·log10(rms)}, negative infinity for silence */
	public static double rmsDbfs(double[] x) {
		return 20 * Math.log10(rms(x));
	}

	/**
	 * The Goertzel algorithm at one frequency (need not be a DFT bin), normalised to the mean square of that
	 * component: a sine of amplitude A at {@code hz} over whole periods gives A²/2.
	 */
	public static double power(double[] x, double sampleRate, double hz) {
		Objects.requireNonNull(x, "x");
		if (x.length == 0) {
			return 0;
		}
		double w = 2 * Math.PI * hz / sampleRate;
		double coeff = 2 * Math.cos(w);
		double s1 = 0;
		double s2 = 0;
		for (double v : x) {
			double s0 = v + coeff * s1 - s2;
			s2 = s1;
			s1 = s0;
		}
		double magnitudeSquared = s1 * s1 + s2 * s2 - coeff * s1 * s2;
		return 2 * magnitudeSquared / ((double) x.length * x.length);
	}

	/** @return the level of the component at {@code hz}: {@code 10·log10(power)} */
	public static double toneDbfs(double[] x, double sampleRate, double hz) {
		return 10 * Math.log10(power(x, sampleRate, hz));
	}

	/** @return the candidate frequency with the greatest {@link #power} */
	public static double dominant(double[] x, double sampleRate, double... candidates) {
		if (candidates.length == 0) {
			throw new IllegalArgumentException("no candidate frequencies");
		}
		double best = candidates[0];
		double bestPower = -1;
		for (double hz : candidates) {
			double p = power(x, sampleRate, hz);
			if (p > bestPower) {
				bestPower = p;
				best = hz;
			}
		}
		return best;
	}

	/** @return the samples from {@code fromSeconds} to {@code toSeconds} (clipped to what there is) */
	public static double[] segment(double[] x, double sampleRate, double fromSeconds, double toSeconds) {
		int from = (int) Math.max(0, Math.min(x.length, Math.round(fromSeconds * sampleRate)));
		int to = (int) Math.max(from, Math.min(x.length, Math.round(toSeconds * sampleRate)));
		return Arrays.copyOfRange(x, from, to);
	}

	/**
	 * G.711 µ-law encoding (ITU-T G.711, the usual 14-bit magnitude with bias 33 form), for feeding sipp's
	 * {@code rtp_stream}; samples beyond ±1.0 are clipped.
	 */
	public static byte[] muLaw(double[] x) {
		byte[] out = new byte[x.length];
		for (int i = 0; i < x.length; i++) {
			out[i] = muLaw(x[i]);
		}
		return out;
	}

	private static byte muLaw(double sample) {
		// 14-bit signed magnitude (G.711 works on 14 bits for mu-law), clipped at 8158 (the top of segment 7)
		int pcm = (int) Math.round(Math.max(-1.0, Math.min(1.0, sample)) * 8191);
		int sign = pcm < 0 ? 0x80 : 0;
		int magnitude = Math.min(Math.abs(pcm), 8158) + 33;
		int segment = 0;
		for (int v = magnitude >> 6; v != 0; v >>= 1) {
			segment++;
		}
		int mantissa = (magnitude >> (segment + 1)) & 0x0F;
		return (byte) ~(sign | (segment << 4) | mantissa);
	}
}
