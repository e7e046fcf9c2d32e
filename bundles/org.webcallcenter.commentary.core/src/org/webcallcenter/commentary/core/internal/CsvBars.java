package org.webcallcenter.commentary.core.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.ImportProblem;
import org.webcallcenter.commentary.api.market.Period;

/**
 * Reads OHLCV bars from CSV text in the common layouts: {@code date,open,high,low,close,volume}, with a time column
 * or a combined date-time, optionally with a symbol column (one long file for many instruments); with or without
 * a header line (recognised when its fields are not numbers); comma, semicolon or tab separated; dates as
 * {@code 2024-01-31}, {@code 2024/01/31} or {@code 20240131}, times as {@code 09:31}, {@code 09:31:00} or
 * {@code 0931}; English or Chinese (GB18030 files from Chinese terminals) column names. Every problem is collected with its line; a caller publishes nothing when there is any.
 */
final class CsvBars {
	/** Stop collecting after this many problems in one file: the expert fixes the first ones first. */
	static final int MAX_PROBLEMS = 50;

	enum Column {
		SYMBOL, DATE, TIME, DATETIME, OPEN, HIGH, LOW, CLOSE, VOLUME
	}

	/** The bars of one symbol read from one file, with the line each came from. */
	record Series(String symbol, Period period, List<Bar> bars, List<Integer> lines) {
	}

	record Result(Map<String, Series> series, List<ImportProblem> problems) {
	}

	private static final Map<String, Column> NAMES = new HashMap<>();
	static {
		for (String n : new String[] { "symbol", "ticker", "code", "instrument", "secid", "ts_code" }) {
			NAMES.put(n, Column.SYMBOL);
		}
		for (String n : new String[] { "date", "day", "trade_date", "tradedate", "trading_date" }) {
			NAMES.put(n, Column.DATE);
		}
		for (String n : new String[] { "time", "minute" }) {
			NAMES.put(n, Column.TIME);
		}
		for (String n : new String[] { "datetime", "timestamp", "date_time", "trade_time" }) {
			NAMES.put(n, Column.DATETIME);
		}
		NAMES.put("open", Column.OPEN);
		NAMES.put("o", Column.OPEN);
		NAMES.put("high", Column.HIGH);
		NAMES.put("h", Column.HIGH);
		NAMES.put("low", Column.LOW);
		NAMES.put("l", Column.LOW);
		NAMES.put("close", Column.CLOSE);
		NAMES.put("c", Column.CLOSE);
		NAMES.put("last", Column.CLOSE);
		NAMES.put("volume", Column.VOLUME);
		NAMES.put("vol", Column.VOLUME);
		NAMES.put("v", Column.VOLUME);
		// the headers Chinese trading terminals export
		for (String[] n : new String[][] { { "代码", "SYMBOL" }, { "股票代码", "SYMBOL" }, { "日期", "DATE" }, { "交易日期", "DATE" },
				{ "时间", "TIME" }, { "开盘", "OPEN" }, { "开盘价", "OPEN" }, { "最高", "HIGH" }, { "最高价", "HIGH" }, { "最低", "LOW" },
				{ "最低价", "LOW" }, { "收盘", "CLOSE" }, { "收盘价", "CLOSE" }, { "成交量", "VOLUME" } }) {
			NAMES.put(n[0], Column.valueOf(n[1]));
		}
	}

	private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

	private final String file;
	private final String defaultSymbol;
	private final List<ImportProblem> problems = new ArrayList<>();

	private CsvBars(String file, String defaultSymbol) {
		this.file = file;
		this.defaultSymbol = defaultSymbol;
	}

	/**
	 * @param file          the file name for messages
	 * @param defaultSymbol the symbol when the file has no symbol column (the file name without extension)
	 */
	static Result read(String file, String defaultSymbol, List<String> lines) {
		return new CsvBars(file, defaultSymbol).read(lines);
	}

	private void problem(int line, String message) {
		if (problems.size() < MAX_PROBLEMS) {
			problems.add(new ImportProblem(file, line, message));
		}
	}

	private Result read(List<String> lines) {
		int first = 0;
		while (first < lines.size() && lines.get(first).isBlank()) {
			first++;
		}
		if (first == lines.size()) {
			problem(0, "the file is empty");
			return new Result(Map.of(), problems);
		}
		String headerLine = stripBom(lines.get(first));
		char sep = separator(headerLine);
		List<String> head = split(headerLine, sep);
		Map<Column, Integer> layout;
		int dataStart;
		if (looksLikeHeader(head)) {
			layout = headerLayout(head, first + 1);
			dataStart = first + 1;
		} else {
			layout = positionalLayout(head, first + 1);
			dataStart = first;
		}
		if (layout == null) {
			return new Result(Map.of(), problems);
		}
		Map<String, List<Bar>> bars = new LinkedHashMap<>();
		Map<String, List<Integer>> barLines = new HashMap<>();
		Map<String, Map<LocalDateTime, Integer>> seen = new HashMap<>();
		int width = head.size();
		for (int i = dataStart; i < lines.size(); i++) {
			int lineNo = i + 1;
			String text = i == 0 ? stripBom(lines.get(i)) : lines.get(i);
			if (text.isBlank() || text.startsWith("#")) {
				continue;
			}
			List<String> f = split(text, sep);
			if (f.size() != width) {
				problem(lineNo, "expected " + width + " fields, found " + f.size());
				continue;
			}
			String symbol = layout.containsKey(Column.SYMBOL) ? f.get(layout.get(Column.SYMBOL)).strip() : defaultSymbol;
			if (symbol.isEmpty()) {
				problem(lineNo, "the symbol is empty");
				continue;
			}
			LocalDateTime time = time(f, layout, lineNo);
			Double open = number(f, layout, Column.OPEN, lineNo);
			Double high = number(f, layout, Column.HIGH, lineNo);
			Double low = number(f, layout, Column.LOW, lineNo);
			Double close = number(f, layout, Column.CLOSE, lineNo);
			Long volume = volume(f, layout, lineNo);
			if (time == null || open == null || high == null || low == null || close == null || volume == null) {
				continue;
			}
			if (high < low) {
				problem(lineNo, "high " + f.get(layout.get(Column.HIGH)).strip() + " is below low " + f.get(layout.get(Column.LOW)).strip());
				continue;
			}
			if (open > high || open < low || close > high || close < low) {
				problem(lineNo, "open and close must lie between low and high");
				continue;
			}
			Map<LocalDateTime, Integer> symbolSeen = seen.computeIfAbsent(symbol, s -> new HashMap<>());
			Integer earlier = symbolSeen.putIfAbsent(time, lineNo);
			if (earlier != null) {
				problem(lineNo, "duplicate bar for " + symbol + " at " + show(time) + " (also on line " + earlier + ")");
				continue;
			}
			List<Bar> list = bars.computeIfAbsent(symbol, s -> new ArrayList<>());
			if (!list.isEmpty() && time.isBefore(list.getLast().time())) {
				problem(lineNo, "dates are not in order: " + show(time) + " comes after " + show(list.getLast().time())
						+ " (line " + barLines.get(symbol).getLast() + ")");
				continue;
			}
			list.add(new Bar(time, open, high, low, close, volume));
			barLines.computeIfAbsent(symbol, s -> new ArrayList<>()).add(lineNo);
		}
		if (bars.isEmpty() && problems.isEmpty()) {
			problem(0, "the file has no bars");
		}
		boolean intraday = layout.containsKey(Column.TIME) || layout.containsKey(Column.DATETIME);
		Map<String, Series> series = new LinkedHashMap<>();
		for (Map.Entry<String, List<Bar>> e : bars.entrySet()) {
			Period p = intraday ? intradayPeriod(e.getKey(), e.getValue(), barLines.get(e.getKey())) : Period.DAY;
			if (p != null) {
				series.put(e.getKey(), new Series(e.getKey(), p, List.copyOf(e.getValue()), List.copyOf(barLines.get(e.getKey()))));
			}
		}
		return new Result(series, problems);
	}

	private static String show(LocalDateTime t) {
		return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString().replace('T', ' ');
	}

	/** The bar length is the smallest gap between two bars of the same day; it must be one of the periods. */
	private Period intradayPeriod(String symbol, List<Bar> bars, List<Integer> lines) {
		long smallest = Long.MAX_VALUE;
		for (int i = 1; i < bars.size(); i++) {
			LocalDateTime a = bars.get(i - 1).time();
			LocalDateTime b = bars.get(i).time();
			if (a.toLocalDate().equals(b.toLocalDate())) {
				smallest = Math.min(smallest, java.time.Duration.between(a, b).toMinutes());
			}
		}
		if (smallest == Long.MAX_VALUE) {
			smallest = 1;
		}
		for (Period p : Period.values()) {
			if (p.intraday() && p.length().toMinutes() == smallest) {
				return p;
			}
		}
		problem(lines.getFirst(), "cannot tell the bar length of " + symbol + ": bars are " + smallest
				+ " minutes apart (1, 5, 15 or 60 expected)");
		return null;
	}

	private static String stripBom(String s) {
		return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
	}

	private static char separator(String line) {
		if (line.indexOf('\t') >= 0) {
			return '\t';
		}
		if (line.indexOf(';') >= 0 && line.indexOf(',') < 0) {
			return ';';
		}
		return ',';
	}

	/** Splits one line; fields may be double-quoted ("" is a quote inside). */
	static List<String> split(String line, char sep) {
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
						cur.append('"');
						i++;
					} else {
						quoted = false;
					}
				} else {
					cur.append(c);
				}
			} else if (c == '"') {
				quoted = true;
			} else if (c == sep) {
				out.add(cur.toString());
				cur.setLength(0);
			} else {
				cur.append(c);
			}
		}
		out.add(cur.toString());
		return out;
	}

	private static boolean looksLikeHeader(List<String> fields) {
		for (String f : fields) {
			if (NAMES.containsKey(normalise(f))) {
				return true;
			}
		}
		return false;
	}

	private static String normalise(String name) {
		return name.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace("<", "").replace(">", "");
	}

	private Map<Column, Integer> headerLayout(List<String> head, int lineNo) {
		Map<Column, Integer> layout = new LinkedHashMap<>();
		for (int i = 0; i < head.size(); i++) {
			Column c = NAMES.get(normalise(head.get(i)));
			if (c != null && layout.putIfAbsent(c, i) != null) {
				problem(lineNo, "the column '" + head.get(i).strip() + "' appears twice");
				return null;
			}
		}
		List<String> missing = new ArrayList<>();
		if (!layout.containsKey(Column.DATE) && !layout.containsKey(Column.DATETIME)) {
			missing.add("date");
		}
		for (Column c : new Column[] { Column.OPEN, Column.HIGH, Column.LOW, Column.CLOSE, Column.VOLUME }) {
			if (!layout.containsKey(c)) {
				missing.add(c.name().toLowerCase(Locale.ROOT));
			}
		}
		if (!missing.isEmpty()) {
			problem(lineNo, "missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
					+ " (header: " + String.join(",", head) + ")");
			return null;
		}
		return layout;
	}

	/** Without a header: [symbol,] date[, time], open, high, low, close, volume, told apart by the field count and content. */
	private Map<Column, Integer> positionalLayout(List<String> f, int lineNo) {
		Map<Column, Integer> layout = new LinkedHashMap<>();
		int i = 0;
		switch (f.size()) {
		case 6:
			layout.put(isDateTime(f.get(0)) ? Column.DATETIME : Column.DATE, i++);
			break;
		case 7:
			if (date(f.get(0).strip()) != null) {
				layout.put(Column.DATE, i++);
				layout.put(Column.TIME, i++);
			} else {
				layout.put(Column.SYMBOL, i++);
				layout.put(isDateTime(f.get(1)) ? Column.DATETIME : Column.DATE, i++);
			}
			break;
		case 8:
			layout.put(Column.SYMBOL, i++);
			layout.put(Column.DATE, i++);
			layout.put(Column.TIME, i++);
			break;
		default:
			problem(lineNo, "no header line and " + f.size()
					+ " fields: expected [symbol,] date[, time], open, high, low, close, volume (6 to 8 fields), or a header naming the columns");
			return null;
		}
		for (Column c : new Column[] { Column.OPEN, Column.HIGH, Column.LOW, Column.CLOSE, Column.VOLUME }) {
			layout.put(c, i++);
		}
		return layout;
	}

	private static boolean isDateTime(String s) {
		String t = s.strip();
		return t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == 'T');
	}

	private LocalDateTime time(List<String> f, Map<Column, Integer> layout, int lineNo) {
		if (layout.containsKey(Column.DATETIME)) {
			String s = f.get(layout.get(Column.DATETIME)).strip();
			if (s.length() > 10 && (s.charAt(10) == ' ' || s.charAt(10) == 'T')) {
				LocalDate d = date(s.substring(0, 10));
				LocalTime t = timeOfDay(s.substring(11));
				if (d != null && t != null) {
					return d.atTime(t);
				}
			}
			problem(lineNo, "'" + s + "' is not a date and time (2024-01-31 09:31)");
			return null;
		}
		String ds = f.get(layout.get(Column.DATE)).strip();
		LocalDate d = date(ds);
		if (d == null) {
			problem(lineNo, "'" + ds + "' is not a date (2024-01-31, 2024/01/31 or 20240131)");
			return null;
		}
		if (!layout.containsKey(Column.TIME)) {
			return d.atStartOfDay();
		}
		String ts = f.get(layout.get(Column.TIME)).strip();
		LocalTime t = timeOfDay(ts);
		if (t == null) {
			problem(lineNo, "'" + ts + "' is not a time (09:31, 09:31:00 or 0931)");
			return null;
		}
		return d.atTime(t);
	}

	static LocalDate date(String s) {
		try {
			if (s.length() == 8 && s.chars().allMatch(Character::isDigit)) {
				return LocalDate.parse(s, BASIC_DATE);
			}
			if (s.length() == 10) {
				return LocalDate.parse(s.replace('/', '-'));
			}
		} catch (DateTimeParseException e) {
			return null;
		}
		return null;
	}

	static LocalTime timeOfDay(String s) {
		try {
			if (s.matches("\\d{4}")) {
				return LocalTime.of(Integer.parseInt(s.substring(0, 2)), Integer.parseInt(s.substring(2)));
			}
			if (s.matches("\\d{6}")) {
				return LocalTime.of(Integer.parseInt(s.substring(0, 2)), Integer.parseInt(s.substring(2, 4)),
						Integer.parseInt(s.substring(4)));
			}
			if (s.matches("\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
				return LocalTime.parse(s.length() == 4 || s.length() == 7 ? "0" + s : s);
			}
		} catch (java.time.DateTimeException e) {
			return null;
		}
		return null;
	}

	private Double number(List<String> f, Map<Column, Integer> layout, Column c, int lineNo) {
		String s = f.get(layout.get(c)).strip();
		String name = c.name().toLowerCase(Locale.ROOT);
		try {
			double d = Double.parseDouble(s);
			if (!Double.isFinite(d) || d < 0 || s.chars().anyMatch(Character::isLetter)) {
				problem(lineNo, name + " '" + s + "' is not a price");
				return null;
			}
			return d;
		} catch (NumberFormatException e) {
			problem(lineNo, name + " '" + s + "' is not a number");
			return null;
		}
	}

	private Long volume(List<String> f, Map<Column, Integer> layout, int lineNo) {
		String s = f.get(layout.get(Column.VOLUME)).strip();
		try {
			double d = Double.parseDouble(s);
			if (!Double.isFinite(d) || d < 0 || d != Math.rint(d) || d > Long.MAX_VALUE / 2 || s.chars().anyMatch(Character::isLetter)) {
				problem(lineNo, "volume '" + s + "' is not a whole, non-negative number");
				return null;
			}
			return (long) d;
		} catch (NumberFormatException e) {
			problem(lineNo, "volume '" + s + "' is not a number");
			return null;
		}
	}
}
