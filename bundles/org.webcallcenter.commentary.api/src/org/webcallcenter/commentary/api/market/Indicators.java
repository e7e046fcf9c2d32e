package org.webcallcenter.commentary.api.market;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The technical indicators of the charts, as a service. Every result has one value per input bar; positions
 * without enough history hold {@link Double#NaN}.
 */
@ProviderType
public interface Indicators {

	/** The MACD lines: DIF = EMA(fast) - EMA(slow), DEA = EMA(signal) of DIF, histogram = DIF - DEA. */
	record Macd(double[] dif, double[] dea, double[] histogram) {
	}

	/** @return the simple moving average of the last {@code n} values, NaN before the n-th value */
	double[] sma(double[] values, int n);

	/**
	 * @return the exponential moving average with alpha = 2/(n+1), seeded with the simple average of the first
	 *         {@code n} values (the first value at index n-1; NaN before)
	 */
	double[] ema(double[] values, int n);

	/** @return MACD(fast, slow, signal) of closes, EMAs seeded as {@link #ema(double[], int)} */
	Macd macd(double[] closes, int fast, int slow, int signal);

	/**
	 * @return Wilder's RSI: the first average gain/loss is the simple mean of the first {@code n} changes, then
	 *         avg = (prev * (n-1) + current) / n; 100 when there were no losses, 50 when the price did not move at all (first value at index n)
	 */
	double[] rsi(double[] closes, int n);

	/**
	 * @return the intraday average-price line: cumulative traded value / cumulative volume since the first bar of
	 *         the day, with each bar's value estimated as volume x (high+low+close)/3; restarts each day
	 */
	double[] averagePrice(List<Bar> intradayBars);

	static double[] closes(List<Bar> bars) {
		double[] c = new double[bars.size()];
		for (int i = 0; i < c.length; i++) {
			c[i] = bars.get(i).close();
		}
		return c;
	}
}
