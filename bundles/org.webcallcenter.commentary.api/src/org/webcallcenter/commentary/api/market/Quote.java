package org.webcallcenter.commentary.api.market;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest state of an instrument.
 *
 * @param symbol        the instrument's symbol
 * @param last          the last traded price
 * @param previousClose the previous session's close, the reference for change
 * @param bid           the best bid (NaN when none)
 * @param ask           the best ask (NaN when none)
 * @param volume        the volume traded today
 * @param time          when the provider produced the quote
 */
public record Quote(String symbol, double last, double previousClose, double bid, double ask, long volume, Instant time) {
	public Quote {
		Objects.requireNonNull(symbol, "symbol");
		Objects.requireNonNull(time, "time");
	}

	public double change() {
		return last - previousClose;
	}

	/** @return the change in percent of the previous close (0 when there is none) */
	public double changePercent() {
		return previousClose > 0 ? change() / previousClose * 100.0 : 0.0;
	}
}
