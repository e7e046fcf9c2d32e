package org.webcallcenter.commentary.core.internal;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.Indicators;

/**
 * The chart indicators. Conventions (the ones Chinese trading terminals and most charting packages use):
 * EMAs are seeded with the simple average of the first n values; MACD is (12, 26, 9) with DIF = EMA12 - EMA26,
 * DEA = EMA9 of DIF seeded the same way over the first 9 DIF values, histogram = DIF - DEA (some Chinese terminals
 * draw 2 x (DIF - DEA); we do not double it); RSI is Wilder's smoothing.
 */
@Component(service = Indicators.class)
public final class IndicatorsComponent implements Indicators {

	@Override
	public double[] sma(double[] values, int n) {
		check(n);
		double[] out = nan(values.length);
		double sum = 0;
		for (int i = 0; i < values.length; i++) {
			sum += values[i];
			if (i >= n) {
				sum -= values[i - n];
			}
			if (i >= n - 1) {
				out[i] = sum / n;
			}
		}
		return out;
	}

	@Override
	public double[] ema(double[] values, int n) {
		check(n);
		double[] out = nan(values.length);
		int start = firstFinite(values);
		if (start < 0 || values.length - start < n) {
			return out;
		}
		double sum = 0;
		for (int i = start; i < start + n; i++) {
			sum += values[i];
		}
		double alpha = 2.0 / (n + 1);
		double prev = sum / n;
		out[start + n - 1] = prev;
		for (int i = start + n; i < values.length; i++) {
			prev = alpha * values[i] + (1 - alpha) * prev;
			out[i] = prev;
		}
		return out;
	}

	@Override
	public Macd macd(double[] closes, int fast, int slow, int signal) {
		if (fast >= slow) {
			throw new IllegalArgumentException("MACD's fast length must be shorter than its slow length");
		}
		double[] f = ema(closes, fast);
		double[] s = ema(closes, slow);
		double[] dif = nan(closes.length);
		for (int i = 0; i < closes.length; i++) {
			if (!Double.isNaN(s[i])) {
				dif[i] = f[i] - s[i];
			}
		}
		double[] dea = ema(dif, signal);
		double[] hist = nan(closes.length);
		for (int i = 0; i < closes.length; i++) {
			if (!Double.isNaN(dea[i])) {
				hist[i] = dif[i] - dea[i];
			}
		}
		return new Macd(dif, dea, hist);
	}

	@Override
	public double[] rsi(double[] closes, int n) {
		check(n);
		double[] out = nan(closes.length);
		if (closes.length <= n) {
			return out;
		}
		double gain = 0;
		double loss = 0;
		for (int i = 1; i <= n; i++) {
			double d = closes[i] - closes[i - 1];
			gain += Math.max(d, 0);
			loss += Math.max(-d, 0);
		}
		gain /= n;
		loss /= n;
		out[n] = rsi(gain, loss);
		for (int i = n + 1; i < closes.length; i++) {
			double d = closes[i] - closes[i - 1];
			gain = (gain * (n - 1) + Math.max(d, 0)) / n;
			loss = (loss * (n - 1) + Math.max(-d, 0)) / n;
			out[i] = rsi(gain, loss);
		}
		return out;
	}

	private static double rsi(double gain, double loss) {
		if (loss == 0) {
			return gain == 0 ? 50.0 : 100.0;
		}
		return 100.0 - 100.0 / (1.0 + gain / loss);
	}

	@Override
	public double[] averagePrice(List<Bar> bars) {
		double[] out = nan(bars.size());
		double value = 0;
		double volume = 0;
		LocalDate day = null;
		for (int i = 0; i < out.length; i++) {
			Bar b = bars.get(i);
			if (!b.time().toLocalDate().equals(day)) {
				day = b.time().toLocalDate();
				value = 0;
				volume = 0;
			}
			value += b.volume() * (b.high() + b.low() + b.close()) / 3.0;
			volume += b.volume();
			out[i] = volume > 0 ? value / volume : b.close();
		}
		return out;
	}

	private static void check(int n) {
		if (n < 1) {
			throw new IllegalArgumentException("An indicator length must be at least 1");
		}
	}

	private static int firstFinite(double[] v) {
		for (int i = 0; i < v.length; i++) {
			if (!Double.isNaN(v[i])) {
				return i;
			}
		}
		return -1;
	}

	private static double[] nan(int n) {
		double[] a = new double[n];
		Arrays.fill(a, Double.NaN);
		return a;
	}
}
