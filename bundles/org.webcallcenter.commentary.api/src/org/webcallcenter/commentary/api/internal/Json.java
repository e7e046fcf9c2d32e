package org.webcallcenter.commentary.api.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer for the commentary bundles' own data (chart states, the commentary log): maps,
 * lists, strings, numbers, booleans and null. Numbers read as {@link Long} when integral and in range, else
 * {@link Double}. Non-finite doubles are written as null (JSON has no NaN). Not API: friends only.
 */
public final class Json {
	private Json() {
	}

	public static String write(Object value) {
		StringBuilder sb = new StringBuilder();
		write(sb, value);
		return sb.toString();
	}

	private static void write(StringBuilder sb, Object v) {
		if (v == null) {
			sb.append("null");
		} else if (v instanceof String s) {
			string(sb, s);
		} else if (v instanceof Boolean b) {
			sb.append(b);
		} else if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			if (!Double.isFinite(d)) {
				sb.append("null");
			} else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
				sb.append((long) d).append(".0");
			} else {
				sb.append(d);
			}
		} else if (v instanceof Number n) {
			sb.append(n.longValue());
		} else if (v instanceof Map<?, ?> m) {
			sb.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> e : m.entrySet()) {
				if (!first) {
					sb.append(',');
				}
				first = false;
				string(sb, String.valueOf(e.getKey()));
				sb.append(':');
				write(sb, e.getValue());
			}
			sb.append('}');
		} else if (v instanceof Iterable<?> it) {
			sb.append('[');
			boolean first = true;
			for (Object o : it) {
				if (!first) {
					sb.append(',');
				}
				first = false;
				write(sb, o);
			}
			sb.append(']');
		} else {
			throw new IllegalArgumentException("Cannot write " + v.getClass().getName() + " as JSON");
		}
	}

	private static void string(StringBuilder sb, String s) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
			case '"' -> sb.append("\\\"");
			case '\\' -> sb.append("\\\\");
			case '\n' -> sb.append("\\n");
			case '\r' -> sb.append("\\r");
			case '\t' -> sb.append("\\t");
			default -> {
				if (c < 0x20 || c == '\u2028' || c == '\u2029') {
					sb.append(String.format("\\u%04x", (int) c));
				} else {
					sb.append(c);
				}
			}
			}
		}
		sb.append('"');
	}

	/** @throws IllegalArgumentException with the position of the first error */
	public static Object parse(String text) {
		Reader r = new Reader(text);
		r.space();
		Object v = r.value(0);
		r.space();
		if (r.pos != text.length()) {
			throw r.error("unexpected text after the value");
		}
		return v;
	}

	public static List<?> list(Map<?, ?> m, String key) {
		Object v = m.get(key);
		if (v == null) {
			return List.of();
		}
		if (v instanceof List<?> l) {
			return l;
		}
		throw new IllegalArgumentException("'" + key + "' must be a list");
	}

	public static String string(Map<?, ?> m, String key) {
		if (m.get(key) instanceof String s) {
			return s;
		}
		throw new IllegalArgumentException("'" + key + "' must be a string");
	}

	public static double number(Map<?, ?> m, String key) {
		if (m.get(key) instanceof Number n) {
			return n.doubleValue();
		}
		throw new IllegalArgumentException("'" + key + "' must be a number");
	}

	private static final class Reader {
		private static final int MAX_DEPTH = 64;
		private final String s;
		private int pos;

		Reader(String s) {
			this.s = s;
		}

		IllegalArgumentException error(String what) {
			return new IllegalArgumentException("Bad JSON at character " + (pos + 1) + ": " + what);
		}

		void space() {
			while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
				pos++;
			}
		}

		Object value(int depth) {
			if (depth > MAX_DEPTH) {
				throw error("nested too deeply");
			}
			if (pos >= s.length()) {
				throw error("value expected");
			}
			char c = s.charAt(pos);
			switch (c) {
			case '{':
				return object(depth);
			case '[':
				return array(depth);
			case '"':
				return str();
			case 't':
				return word("true", Boolean.TRUE);
			case 'f':
				return word("false", Boolean.FALSE);
			case 'n':
				return word("null", null);
			default:
				if (c == '-' || (c >= '0' && c <= '9')) {
					return number();
				}
				throw error("unexpected '" + c + "'");
			}
		}

		private Object word(String w, Object v) {
			if (!s.startsWith(w, pos)) {
				throw error("'" + w + "' expected");
			}
			pos += w.length();
			return v;
		}

		private Map<String, Object> object(int depth) {
			Map<String, Object> m = new LinkedHashMap<>();
			pos++;
			space();
			if (pos < s.length() && s.charAt(pos) == '}') {
				pos++;
				return m;
			}
			while (true) {
				space();
				if (pos >= s.length() || s.charAt(pos) != '"') {
					throw error("name expected");
				}
				String key = str();
				space();
				expect(':');
				space();
				m.put(key, value(depth + 1));
				space();
				if (pos < s.length() && s.charAt(pos) == ',') {
					pos++;
					continue;
				}
				expect('}');
				return m;
			}
		}

		private List<Object> array(int depth) {
			List<Object> l = new ArrayList<>();
			pos++;
			space();
			if (pos < s.length() && s.charAt(pos) == ']') {
				pos++;
				return l;
			}
			while (true) {
				space();
				l.add(value(depth + 1));
				space();
				if (pos < s.length() && s.charAt(pos) == ',') {
					pos++;
					continue;
				}
				expect(']');
				return l;
			}
		}

		private void expect(char c) {
			if (pos >= s.length() || s.charAt(pos) != c) {
				throw error("'" + c + "' expected");
			}
			pos++;
		}

		private String str() {
			pos++;
			StringBuilder sb = new StringBuilder();
			while (true) {
				if (pos >= s.length()) {
					throw error("unterminated string");
				}
				char c = s.charAt(pos++);
				if (c == '"') {
					return sb.toString();
				}
				if (c == '\\') {
					if (pos >= s.length()) {
						throw error("unterminated escape");
					}
					char e = s.charAt(pos++);
					switch (e) {
					case '"', '\\', '/' -> sb.append(e);
					case 'n' -> sb.append('\n');
					case 'r' -> sb.append('\r');
					case 't' -> sb.append('\t');
					case 'b' -> sb.append('\b');
					case 'f' -> sb.append('\f');
					case 'u' -> {
						if (pos + 4 > s.length()) {
							throw error("short \\u escape");
						}
						try {
							sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
						} catch (NumberFormatException ex) {
							throw error("bad \\u escape");
						}
						pos += 4;
					}
					default -> throw error("bad escape '\\" + e + "'");
					}
				} else if (c < 0x20) {
					throw error("control character in string");
				} else {
					sb.append(c);
				}
			}
		}

		private Number number() {
			int start = pos;
			if (s.charAt(pos) == '-') {
				pos++;
			}
			boolean integral = true;
			while (pos < s.length()) {
				char c = s.charAt(pos);
				if (c >= '0' && c <= '9') {
					pos++;
				} else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
					integral = false;
					pos++;
				} else {
					break;
				}
			}
			String t = s.substring(start, pos);
			try {
				if (integral && t.length() < 19) {
					return Long.parseLong(t);
				}
				return Double.parseDouble(t);
			} catch (NumberFormatException e) {
				throw error("bad number '" + t + "'");
			}
		}
	}
}
