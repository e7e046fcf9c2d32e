package org.webcallcenter.commentary.core.internal;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.TradingSession;

/** Trading hours, time zones and currencies of the exchanges the tools know, and the exchange of a symbol suffix. */
final class Exchanges {
	record Exchange(String code, ZoneId zone, String currency, double tickSize, List<TradingSession> sessions) {
	}

	private static final TradingSession SH_MORNING = new TradingSession(LocalTime.of(9, 30), LocalTime.of(11, 30));
	private static final TradingSession SH_AFTERNOON = new TradingSession(LocalTime.of(13, 0), LocalTime.of(15, 0));

	static final Exchange SSE = new Exchange("SSE", ZoneId.of("Asia/Shanghai"), "CNY", 0.01, List.of(SH_MORNING, SH_AFTERNOON));
	static final Exchange SZSE = new Exchange("SZSE", ZoneId.of("Asia/Shanghai"), "CNY", 0.01, List.of(SH_MORNING, SH_AFTERNOON));
	static final Exchange HKEX = new Exchange("HKEX", ZoneId.of("Asia/Hong_Kong"), "HKD", 0.05,
			List.of(new TradingSession(LocalTime.of(9, 30), LocalTime.of(12, 0)), new TradingSession(LocalTime.of(13, 0), LocalTime.of(16, 0))));
	static final Exchange NASDAQ = new Exchange("NASDAQ", ZoneId.of("America/New_York"), "USD", 0.01,
			List.of(new TradingSession(LocalTime.of(9, 30), LocalTime.of(16, 0))));
	static final Exchange NYSE = new Exchange("NYSE", ZoneId.of("America/New_York"), "USD", 0.01, NASDAQ.sessions());

	private Exchanges() {
	}

	/** @return the exchange by code, or the exchange a symbol's suffix names (.SH, .SS, .SZ, .HK), else NASDAQ-like US hours */
	static Exchange of(String code, String symbol) {
		String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
		switch (c) {
		case "SSE", "SH":
			return SSE;
		case "SZSE", "SZ":
			return SZSE;
		case "HKEX", "HK":
			return HKEX;
		case "NYSE":
			return NYSE;
		case "NASDAQ", "US":
			return NASDAQ;
		default:
			break;
		}
		String s = symbol.toUpperCase(Locale.ROOT);
		if (s.endsWith(".SH") || s.endsWith(".SS")) {
			return SSE;
		}
		if (s.endsWith(".SZ")) {
			return SZSE;
		}
		if (s.endsWith(".HK")) {
			return HKEX;
		}
		return NASDAQ;
	}

	static Instrument instrument(String symbol, String name, Exchange e) {
		return new Instrument(symbol, name, e.code(), e.currency(), e.tickSize(), e.zone(), e.sessions());
	}

	/** HKEX spread table (the price steps of its cash market), for the simulated feed's Hong Kong instrument. */
	static double hkTick(double price) {
		if (price < 0.25) {
			return 0.001;
		} else if (price < 0.5) {
			return 0.005;
		} else if (price < 10) {
			return 0.01;
		} else if (price < 20) {
			return 0.02;
		} else if (price < 100) {
			return 0.05;
		} else if (price < 200) {
			return 0.1;
		} else if (price < 500) {
			return 0.2;
		} else if (price < 1000) {
			return 0.5;
		} else if (price < 2000) {
			return 1;
		} else if (price < 5000) {
			return 2;
		}
		return 5;
	}
}
