package org.webcallcenter.commentary.ui.internal;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import org.webcallcenter.commentary.api.chart.Indicator;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.Indicators;
import org.webcallcenter.commentary.api.market.Instrument;

/** The numbers a chart draws: bars and their indicators, computed once per data change (not per frame). */
final class ChartModel {
	final Instrument instrument;
	final List<Bar> bars;
	final double[][] ma = new double[4][];
	final Indicators.Macd macd;
	final double[] rsi;
	final double[] average;
	final boolean intraday;

	ChartModel(Instrument instrument, List<Bar> bars, boolean intraday, Indicators ind) {
		this.instrument = instrument;
		this.bars = List.copyOf(bars);
		this.intraday = intraday;
		double[] closes = Indicators.closes(bars);
		Indicator[] mas = { Indicator.MA5, Indicator.MA10, Indicator.MA20, Indicator.MA60 };
		for (int i = 0; i < 4; i++) {
			ma[i] = ind.sma(closes, mas[i].maLength());
		}
		macd = ind.macd(closes, 12, 26, 9);
		rsi = ind.rsi(closes, 14);
		average = intraday ? ind.averagePrice(bars) : null;
	}

	int size() {
		return bars.size();
	}

	/** @return the index of the bar at or just before the time (0 when before the first) */
	int indexOf(LocalDateTime t) {
		int lo = 0;
		int hi = bars.size() - 1;
		while (lo < hi) {
			int mid = (lo + hi + 1) >>> 1;
			if (bars.get(mid).time().isAfter(t)) {
				hi = mid - 1;
			} else {
				lo = mid;
			}
		}
		return Math.max(0, lo);
	}

	/** @return whether a session or day break lies between bar i-1 and bar i (intraday only) */
	boolean breakBefore(int i) {
		if (!intraday || i <= 0 || i >= bars.size()) {
			return false;
		}
		LocalDateTime a = bars.get(i - 1).time();
		LocalDateTime b = bars.get(i).time();
		return !a.toLocalDate().equals(b.toLocalDate())
				|| instrument.sessionIndex(a.toLocalTime().minusSeconds(1)) != instrument.sessionIndex(b.toLocalTime().minusSeconds(1));
	}

	String price(double p) {
		if (Double.isNaN(p)) {
			return "-";
		}
		int decimals = instrument.tickSize() >= 1 ? 0 : instrument.tickSize() >= 0.1 ? 1 : instrument.tickSize() >= 0.01 ? 2 : 3;
		return String.format(Locale.ROOT, "%." + decimals + "f", p);
	}

	static String number(double v, int decimals) {
		return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
	}

	/** The values at bar i as the crosshair shows them, in order. */
	java.util.LinkedHashMap<String, String> values(int i) {
		java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
		Bar b = bars.get(i);
		m.put("Time", intraday ? b.time().toString().replace('T', ' ') : b.time().toLocalDate().toString());
		m.put("O", price(b.open()));
		m.put("H", price(b.high()));
		m.put("L", price(b.low()));
		m.put("C", price(b.close()));
		m.put("V", String.format(Locale.ROOT, "%,d", b.volume()));
		m.put("MA5", price(ma[0][i]));
		m.put("MA10", price(ma[1][i]));
		m.put("MA20", price(ma[2][i]));
		m.put("MA60", price(ma[3][i]));
		if (average != null) {
			m.put("AVG", price(average[i]));
		}
		m.put("DIF", number(macd.dif()[i], 3));
		m.put("DEA", number(macd.dea()[i], 3));
		m.put("MACD", number(macd.histogram()[i], 3));
		m.put("RSI14", number(rsi[i], 2));
		return m;
	}
}
