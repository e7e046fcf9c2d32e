package org.webcallcenter.hub.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) reader and a small writer, for the co-browsing messages. Objects become
 * {@link LinkedHashMap}, arrays {@link ArrayList}, numbers {@link Double}; nothing is ever turned into a class
 * named by the input (general JSON libraries that do that are a risk with customer input). Nesting is limited so
 * that hostile input cannot exhaust the stack.
 */
final class Json {
	static final int MAX_DEPTH = 200;
	/** What {@link #parseShallow} returns for an object or array it checked but did not build. */
	static final Object CHECKED = new Object() {
		@Override
		public String toString() {
			return "(checked JSON value)";
		}
	};

	private final String s;
	/** Objects and arrays this deep (0: the whole text) or deeper are checked, not built. */
	private final int buildBelow;
	private int i;

	private Json(String s, int buildBelow) {
		this.s = s;
		this.buildBelow = buildBelow;
	}

	/** Thrown for input that is not JSON, with a short description and the offset. */
	static final class Malformed extends Exception {
		private static final long serialVersionUID = 1L;

		Malformed(String message) {
			super(message);
		}
	}

	/** @return the value of a complete JSON text */
	static Object parse(String text) throws Malformed {
		return parse(text, Integer.MAX_VALUE);
	}

	/**
	 * Checks a complete JSON text as strictly as {@link #parse} but builds only its outer levels: objects and arrays
	 * nested {@code depth} deep or deeper come back as {@link #CHECKED} (numbers, strings and literals at that depth
	 * are still built). For the relay, which looks at a few fields of a message and passes on the text itself.
	 */
	static Object parseShallow(String text, int depth) throws Malformed {
		return parse(text, depth);
	}

	private static Object parse(String text, int buildBelow) throws Malformed {
		Json p = new Json(text, buildBelow);
		p.space();
		Object v = p.value(0, true);
		p.space();
		if (p.i != text.length()) {
			throw p.error("text after the JSON value");
		}
		return v;
	}

	private Object value(int depth, boolean build) throws Malformed {
		if (depth > MAX_DEPTH) {
			throw error("nested deeper than " + MAX_DEPTH);
		}
		if (i >= s.length()) {
			throw error("unexpected end");
		}
		char c = s.charAt(i);
		switch (c) {
		case '{':
			return object(depth, build && depth < buildBelow);
		case '[':
			return array(depth, build && depth < buildBelow);
		case '"':
			return string(build);
		case 't':
			return literal("true", Boolean.TRUE);
		case 'f':
			return literal("false", Boolean.FALSE);
		case 'n':
			return literal("null", null);
		default:
			if (c == '-' || (c >= '0' && c <= '9')) {
				return number(build);
			}
			throw error("unexpected character");
		}
	}

	private Object object(int depth, boolean build) throws Malformed {
		Map<String, Object> map = build ? new LinkedHashMap<>() : null;
		Object result = build ? map : CHECKED;
		i++;
		space();
		if (peek() == '}') {
			i++;
			return result;
		}
		while (true) {
			space();
			if (peek() != '"') {
				throw error("object key expected");
			}
			String key = string(build);
			space();
			expect(':');
			space();
			Object v = value(depth + 1, build);
			if (build) {
				map.put(key, v);
			}
			space();
			char c = next();
			if (c == '}') {
				return result;
			}
			if (c != ',') {
				i--;
				throw error("',' or '}' expected");
			}
		}
	}

	private Object array(int depth, boolean build) throws Malformed {
		List<Object> list = build ? new ArrayList<>() : null;
		Object result = build ? list : CHECKED;
		i++;
		space();
		if (peek() == ']') {
			i++;
			return result;
		}
		while (true) {
			space();
			Object v = value(depth + 1, build);
			if (build) {
				list.add(v);
			}
			space();
			char c = next();
			if (c == ']') {
				return result;
			}
			if (c != ',') {
				i--;
				throw error("',' or ']' expected");
			}
		}
	}

	/** @return the string, or null when not building (then only checked) */
	private String string(boolean build) throws Malformed {
		i++;
		// not building: a throwaway builder of the escapes only (plain characters are skipped below)
		StringBuilder b = new StringBuilder(build ? 16 : 0);
		while (true) {
			if (i >= s.length()) {
				throw error("unterminated string");
			}
			char c = s.charAt(i++);
			if (c == '"') {
				return build ? b.toString() : null;
			}
			if (c < 0x20) {
				i--;
				throw error("control character in string");
			}
			if (c != '\\') {
				if (build) {
					b.append(c);
				}
				continue;
			}
			char e = next();
			switch (e) {
			case '"', '\\', '/' -> b.append(e);
			case 'b' -> b.append('\b');
			case 'f' -> b.append('\f');
			case 'n' -> b.append('\n');
			case 'r' -> b.append('\r');
			case 't' -> b.append('\t');
			case 'u' -> {
				if (i + 4 > s.length()) {
					throw error("short \\u escape");
				}
				if (!hex(i) || !hex(i + 1) || !hex(i + 2) || !hex(i + 3)) {
					throw error("bad \\u escape");
				}
				b.append((char) Integer.parseInt(s, i, i + 4, 16));
				i += 4;
			}
			default -> {
				i--;
				throw error("bad escape");
			}
			}
		}
	}

	private boolean hex(int k) {
		char c = s.charAt(k);
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/** @return the number, or null when not building (then only checked) */
	private Double number(boolean build) throws Malformed {
		int start = i;
		if (peek() == '-') {
			i++;
		}
		if (peek() == '0') {
			i++;
		} else if (digit()) {
			while (digit()) {
				i++;
			}
		} else {
			throw error("digit expected");
		}
		if (peek() == '.') {
			i++;
			if (!digit()) {
				throw error("digit expected after '.'");
			}
			while (digit()) {
				i++;
			}
		}
		if (peek() == 'e' || peek() == 'E') {
			i++;
			if (peek() == '+' || peek() == '-') {
				i++;
			}
			if (!digit()) {
				throw error("digit expected in exponent");
			}
			while (digit()) {
				i++;
			}
		}
		return build ? Double.valueOf(s.substring(start, i)) : null;
	}

	private Object literal(String word, Object v) throws Malformed {
		if (!s.startsWith(word, i)) {
			throw error("unexpected word");
		}
		i += word.length();
		return v;
	}

	private boolean digit() {
		char c = peek();
		return c >= '0' && c <= '9';
	}

	private char peek() {
		return i < s.length() ? s.charAt(i) : '\0';
	}

	private char next() throws Malformed {
		if (i >= s.length()) {
			throw error("unexpected end");
		}
		return s.charAt(i++);
	}

	private void expect(char c) throws Malformed {
		if (next() != c) {
			i--;
			throw error("'" + c + "' expected");
		}
	}

	private void space() {
		while (i < s.length()) {
			char c = s.charAt(i);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			i++;
		}
	}

	private Malformed error(String what) {
		return new Malformed(what + " at offset " + i);
	}

	/** @return JSON text for maps, lists, strings, numbers, booleans and null */
	static String write(Object v) {
		StringBuilder b = new StringBuilder();
		write(b, v);
		return b.toString();
	}

	private static void write(StringBuilder b, Object v) {
		if (v == null) {
			b.append("null");
		} else if (v instanceof String str) {
			quote(b, str);
		} else if (v instanceof Double d) {
			if (d.isNaN() || d.isInfinite()) {
				b.append("null");
			} else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
				b.append(d.longValue());
			} else {
				b.append(d);
			}
		} else if (v instanceof Number || v instanceof Boolean) {
			b.append(v);
		} else if (v instanceof Map<?, ?> m) {
			b.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> e : m.entrySet()) {
				if (!first) {
					b.append(',');
				}
				first = false;
				quote(b, String.valueOf(e.getKey()));
				b.append(':');
				write(b, e.getValue());
			}
			b.append('}');
		} else if (v instanceof List<?> l) {
			b.append('[');
			for (int k = 0; k < l.size(); k++) {
				if (k > 0) {
					b.append(',');
				}
				write(b, l.get(k));
			}
			b.append(']');
		} else {
			throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
		}
	}

	private static void quote(StringBuilder b, String str) {
		b.append('"');
		for (int k = 0; k < str.length(); k++) {
			char c = str.charAt(k);
			switch (c) {
			case '"' -> b.append("\\\"");
			case '\\' -> b.append("\\\\");
			case '\n' -> b.append("\\n");
			case '\r' -> b.append("\\r");
			case '\t' -> b.append("\\t");
			default -> {
				if (c < 0x20 || c == '\u2028' || c == '\u2029') {
					b.append(String.format("\\u%04x", (int) c));
				} else {
					b.append(c);
				}
			}
			}
		}
		b.append('"');
	}
}
