package org.webcallcenter.commentary.api.market;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One OHLCV bar. The time is the exchange's local time: the start of the day for daily bars, the end of the minute
 * for intraday bars (the convention of most Chinese and US vendors: the 09:31 bar covers 09:30-09:31).
 */
public record Bar(LocalDateTime time, double open, double high, double low, double close, long volume) {
	public Bar {
		Objects.requireNonNull(time, "time");
		for (double v : new double[] { open, high, low, close }) {
			if (!Double.isFinite(v) || v < 0) {
				throw new IllegalArgumentException("Prices must be finite and not negative at " + time);
			}
		}
		if (high < low) {
			throw new IllegalArgumentException("High " + high + " is below low " + low + " at " + time);
		}
		if (open > high || close > high || open < low || close < low) {
			throw new IllegalArgumentException("Open and close must lie between low and high at " + time);
		}
		if (volume < 0) {
			throw new IllegalArgumentException("Volume must not be negative at " + time);
		}
	}

	public boolean rising() {
		return close >= open;
	}
}
