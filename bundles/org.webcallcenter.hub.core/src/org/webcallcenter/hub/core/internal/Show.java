package org.webcallcenter.hub.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates an agent's {@code show} message (a chart state with its bars, or a published commentary, to be shown
 * as a panel on the customer's page) and rewrites it to its validated fields only. Anything else in the message is
 * dropped; anything wrong is refused with a reason for people.
 */
final class Show {
	/** The rewritten message at most, in characters. */
	static final int MAX_CHARS = 48 * 1024;
	static final int MAX_BARS = 400;
	static final int MAX_TITLE = 200;
	static final int MAX_TEXT = 10_000;
	static final int MAX_TREND_LINES = 20;
	static final int MAX_INDICATORS = 20;
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
	private static final Pattern NAME = Pattern.compile("[A-Z0-9_]{1,20}");
	private static final Pattern TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?)?Z?");
	private static final Pattern SYMBOL = Pattern.compile("[^\\p{Cntrl}]{1,40}");

	/** A show that is not valid; the message says why. */
	static final class Refused extends Exception {
		private static final long serialVersionUID = 1L;

		Refused(String why) {
			super(why);
		}
	}

	private Show() {
	}

	/** @return the message id when it has a valid one, else null (used to answer a refused show) */
	static String id(Map<?, ?> m) {
		return m.get("id") instanceof String s && ID.matcher(s).matches() ? s : null;
	}

	/** @return the show rewritten to its validated fields, as JSON */
	static String clean(Map<?, ?> m) throws Refused {
		String id = id(m);
		if (id == null) {
			throw new Refused("show needs an \"id\" of 1..64 letters, digits or _.:-");
		}
		String kind = m.get("kind") instanceof String k ? k : "";
		Map<String, Object> out = SessionRegistry.map("t", "show", "id", id, "kind", kind, "title",
				text(m, "title", 1, MAX_TITLE));
		if (kind.equals("chart")) {
			if (!(m.get("state") instanceof Map<?, ?> state)) {
				throw new Refused("a chart show needs a chart \"state\" object");
			}
			out.put("state", state(state));
			out.put("bars", bars(m.get("bars")));
		} else if (kind.equals("commentary")) {
			out.put("instrument", text(m, "instrument", 1, 40));
			out.put("published", time(m.get("published"), "published"));
			out.put("author", text(m, "author", 1, MAX_TITLE));
			out.put("text", text(m, "text", 1, MAX_TEXT));
		} else {
			throw new Refused("show kind must be chart or commentary");
		}
		String json = Json.write(out);
		if (json.length() > MAX_CHARS) {
			throw new Refused("show is " + json.length() + " characters, at most " + MAX_CHARS
					+ " (send fewer bars or a shorter text)");
		}
		return json;
	}

	private static Map<String, Object> state(Map<?, ?> s) throws Refused {
		if (!(s.get("symbol") instanceof String symbol) || !SYMBOL.matcher(symbol).matches()) {
			throw new Refused("the chart state needs a \"symbol\" of 1..40 characters");
		}
		if (!(s.get("period") instanceof String period) || !NAME.matcher(period).matches()) {
			throw new Refused("the chart state needs a \"period\" name (like DAY)");
		}
		List<String> indicators = new ArrayList<>();
		if (s.get("indicators") != null) {
			if (!(s.get("indicators") instanceof List<?> list) || list.size() > MAX_INDICATORS) {
				throw new Refused("the chart state's \"indicators\" must be a list of at most " + MAX_INDICATORS);
			}
			for (Object o : list) {
				if (!(o instanceof String name) || !NAME.matcher(name).matches()) {
					throw new Refused("every indicator is a name like MA5");
				}
				indicators.add(name);
			}
		}
		List<Object> lines = new ArrayList<>();
		if (s.get("trendLines") != null) {
			if (!(s.get("trendLines") instanceof List<?> list) || list.size() > MAX_TREND_LINES) {
				throw new Refused("the chart state's \"trendLines\" must be a list of at most " + MAX_TREND_LINES);
			}
			for (Object o : list) {
				if (!(o instanceof Map<?, ?> l)) {
					throw new Refused("every trend line is an object");
				}
				lines.add(SessionRegistry.map("time1", time(l.get("time1"), "time1"), "price1",
						price(l.get("price1")), "time2", time(l.get("time2"), "time2"), "price2",
						price(l.get("price2"))));
			}
		}
		return SessionRegistry.map("symbol", symbol, "period", period, "indicators", indicators, "trendLines",
				lines);
	}

	private static List<Object> bars(Object v) throws Refused {
		if (!(v instanceof List<?> list) || list.isEmpty() || list.size() > MAX_BARS) {
			throw new Refused("a chart show needs \"bars\": 1.." + MAX_BARS + " bars [time, open, high, low, close, "
					+ "volume]");
		}
		List<Object> out = new ArrayList<>(list.size());
		for (Object o : list) {
			if (!(o instanceof List<?> bar) || bar.size() != 6) {
				throw new Refused("every bar is [time, open, high, low, close, volume]");
			}
			String time = time(bar.get(0), "bar time");
			double open = price(bar.get(1));
			double high = price(bar.get(2));
			double low = price(bar.get(3));
			double close = price(bar.get(4));
			double volume = price(bar.get(5));
			if (low > high || open > high || close > high || open < low || close < low) {
				throw new Refused("bar " + time + " has open/close outside low..high");
			}
			out.add(List.of(time, open, high, low, close, volume));
		}
		return out;
	}

	private static String text(Map<?, ?> m, String key, int min, int max) throws Refused {
		if (!(m.get(key) instanceof String s) || s.length() < min || s.length() > max) {
			throw new Refused("show needs a \"" + key + "\" of " + min + ".." + max + " characters");
		}
		return s;
	}

	private static String time(Object v, String what) throws Refused {
		if (!(v instanceof String s) || !TIME.matcher(s).matches()) {
			throw new Refused(what + " must be an ISO date or date-time (like 2026-11-20T09:30)");
		}
		return s;
	}

	private static double price(Object v) throws Refused {
		if (!(v instanceof Double d) || !Double.isFinite(d) || d < 0 || d > 1e15) {
			throw new Refused("prices and volumes are numbers in 0..1e15");
		}
		return d;
	}
}
