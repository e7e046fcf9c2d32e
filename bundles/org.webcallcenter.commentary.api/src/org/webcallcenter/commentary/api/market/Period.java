package org.webcallcenter.commentary.api.market;

import java.time.Duration;

/** The length of one bar. Intraday periods are minutes inside the trading sessions; {@link #DAY} is one session day. */
public enum Period {
	MINUTE_1("1 min", Duration.ofMinutes(1)), MINUTE_5("5 min", Duration.ofMinutes(5)),
	MINUTE_15("15 min", Duration.ofMinutes(15)), MINUTE_60("60 min", Duration.ofMinutes(60)), DAY("Daily", Duration.ofDays(1));

	private final String label;
	private final Duration length;

	Period(String label, Duration length) {
		this.label = label;
		this.length = length;
	}

	public String label() {
		return label;
	}

	public Duration length() {
		return length;
	}

	public boolean intraday() {
		return this != DAY;
	}
}
