package org.webcallcenter.commentary.api.market;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One continuous trading window of a day in the exchange's local time, for example 09:30-11:30 and 13:00-15:00 on
 * the Shanghai and Shenzhen exchanges (the lunch break is the gap between two sessions).
 */
public record TradingSession(LocalTime open, LocalTime close) {
	public TradingSession {
		Objects.requireNonNull(open, "open");
		Objects.requireNonNull(close, "close");
		if (!open.isBefore(close)) {
			throw new IllegalArgumentException("A trading session must open before it closes: " + open + "-" + close);
		}
	}

	/** @return whether the time lies in [open, close] (a bar stamped at the close belongs to the session) */
	public boolean contains(LocalTime t) {
		return !t.isBefore(open) && !t.isAfter(close);
	}

	public long minutes() {
		return java.time.Duration.between(open, close).toMinutes();
	}

	@Override
	public String toString() {
		return open + "-" + close;
	}
}
