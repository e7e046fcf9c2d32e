package org.webcallcenter.commentary.api.chart;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.webcallcenter.commentary.api.internal.Json;
import org.webcallcenter.commentary.api.market.Period;

/**
 * What a chart shows: instrument, period, indicators, drawings and the visible range.
 *
 * @param provider   the id of the provider the data came from (a customer page labels simulated data from it)
 * @param symbol     the instrument's symbol
 * @param period     the bar length
 * @param indicators the overlays and panes shown
 * @param trendLines the expert's drawings
 * @param from       the first visible bar's time, or null for "the latest bars"
 * @param to         the last visible bar's time, or null for "up to the latest bar"
 */
public record ChartState(String provider, String symbol, Period period, Set<Indicator> indicators,
		List<TrendLine> trendLines, LocalDateTime from, LocalDateTime to) {

	/** The JSON form's version: a reader rejects versions it does not know. */
	public static final int FORMAT = 1;

	public ChartState {
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(symbol, "symbol");
		Objects.requireNonNull(period, "period");
		indicators = indicators == null || indicators.isEmpty() ? Set.of()
				: java.util.Collections.unmodifiableSet(EnumSet.copyOf(indicators));
		trendLines = trendLines == null ? List.of() : List.copyOf(trendLines);
	}

	/** @return the default chart of an instrument: volume, MA 5/10/20/60, MACD and RSI; intraday adds the average price */
	public static ChartState of(String provider, String symbol, Period period) {
		Set<Indicator> set = EnumSet.of(Indicator.VOLUME, Indicator.MA5, Indicator.MA10, Indicator.MA20,
				Indicator.MA60, Indicator.MACD, Indicator.RSI);
		if (period.intraday()) {
			set.add(Indicator.AVERAGE_PRICE);
		}
		return new ChartState(provider, symbol, period, set, List.of(), null, null);
	}

	public ChartState withTrendLines(List<TrendLine> lines) {
		return new ChartState(provider, symbol, period, indicators, lines, from, to);
	}

	public ChartState withRange(LocalDateTime first, LocalDateTime last) {
		return new ChartState(provider, symbol, period, indicators, trendLines, first, last);
	}

	/** @return the JSON form, stable field order, times as ISO-8601 local date-times of the exchange */
	public String toJson() {
		return Json.write(toMap());
	}

	public Map<String, Object> toMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("format", FORMAT);
		m.put("provider", provider);
		m.put("symbol", symbol);
		m.put("period", period.name());
		m.put("indicators", indicators.stream().map(Enum::name).toList());
		List<Object> lines = new ArrayList<>();
		for (TrendLine t : trendLines) {
			Map<String, Object> l = new LinkedHashMap<>();
			l.put("time1", t.time1().toString());
			l.put("price1", t.price1());
			l.put("time2", t.time2().toString());
			l.put("price2", t.price2());
			l.put("colour", t.colour());
			lines.add(l);
		}
		m.put("trendLines", lines);
		m.put("from", from == null ? null : from.toString());
		m.put("to", to == null ? null : to.toString());
		return m;
	}

	/**
	 * @throws IllegalArgumentException when the text is not a chart state of a known format, naming what is wrong
	 */
	public static ChartState fromJson(String json) {
		Object parsed = Json.parse(json);
		if (!(parsed instanceof Map<?, ?> m)) {
			throw new IllegalArgumentException("A chart state must be a JSON object");
		}
		return fromMap(m);
	}

	public static ChartState fromMap(Map<?, ?> m) {
		Object format = m.get("format");
		if (!(format instanceof Number n) || n.intValue() != FORMAT) {
			throw new IllegalArgumentException("Unknown chart state format: " + format);
		}
		try {
			Set<Indicator> ind = EnumSet.noneOf(Indicator.class);
			for (Object o : Json.list(m, "indicators")) {
				ind.add(Indicator.valueOf((String) o));
			}
			List<TrendLine> lines = new ArrayList<>();
			for (Object o : Json.list(m, "trendLines")) {
				Map<?, ?> l = (Map<?, ?>) o;
				lines.add(new TrendLine(LocalDateTime.parse(Json.string(l, "time1")), Json.number(l, "price1"),
						LocalDateTime.parse(Json.string(l, "time2")), Json.number(l, "price2"), (String) l.get("colour")));
			}
			Object from = m.get("from");
			Object to = m.get("to");
			return new ChartState(Json.string(m, "provider"), Json.string(m, "symbol"),
					Period.valueOf(Json.string(m, "period")), ind, lines,
					from == null ? null : LocalDateTime.parse((String) from), to == null ? null : LocalDateTime.parse((String) to));
		} catch (ClassCastException | java.time.format.DateTimeParseException | NullPointerException e) {
			throw new IllegalArgumentException("Malformed chart state: " + e.getMessage(), e);
		}
	}
}
