package org.webcallcenter.commentary.api.market;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A tradable instrument as a provider knows it.
 *
 * @param symbol   the provider's symbol, unique within the provider, for example {@code 600519.SH} or {@code AAPL}
 * @param name     the display name
 * @param exchange the exchange code (SSE, SZSE, HKEX, NASDAQ, ...), which also selects the price colours
 * @param currency ISO 4217 code
 * @param tickSize the smallest price step (0.01 for A-shares; may vary with price elsewhere, this is the typical one)
 * @param zone     the exchange's time zone; bar times are local times in this zone
 * @param sessions the trading sessions of a day, in order, not overlapping (intraday charts break between them)
 */
public record Instrument(String symbol, String name, String exchange, String currency, double tickSize, ZoneId zone,
		List<TradingSession> sessions) {

	public Instrument {
		Objects.requireNonNull(symbol, "symbol");
		if (symbol.isBlank()) {
			throw new IllegalArgumentException("An instrument needs a symbol");
		}
		name = name == null || name.isBlank() ? symbol : name;
		exchange = exchange == null ? "" : exchange;
		currency = currency == null ? "" : currency;
		if (!(tickSize > 0)) {
			throw new IllegalArgumentException("Tick size must be positive for " + symbol);
		}
		Objects.requireNonNull(zone, "zone");
		sessions = List.copyOf(sessions);
		for (int i = 1; i < sessions.size(); i++) {
			if (sessions.get(i).open().isBefore(sessions.get(i - 1).close())) {
				throw new IllegalArgumentException("Trading sessions of " + symbol + " overlap or are out of order");
			}
		}
	}

	/** @return the price rounded to this instrument's tick size */
	public double roundToTick(double price) {
		return Math.round(price / tickSize) * tickSize;
	}

	/** @return the session containing the time, or -1 outside trading hours */
	public int sessionIndex(LocalTime t) {
		for (int i = 0; i < sessions.size(); i++) {
			if (sessions.get(i).contains(t)) {
				return i;
			}
		}
		return -1;
	}

	public PriceConvention convention() {
		return PriceConvention.of(exchange);
	}
}
