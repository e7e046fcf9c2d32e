package org.webcallcenter.cobrowse.ui.internal;

/** Quoting text for JSON and JavaScript string literals (the same rules: both take JSON's escapes). */
final class Js {
	private Js() {
	}

	/** @return the text as a double-quoted JSON / JavaScript string literal, safe to embed in a script */
	static String quote(String s) {
		StringBuilder b = new StringBuilder(s.length() + 16).append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
			case '"' -> b.append("\\\"");
			case '\\' -> b.append("\\\\");
			case '\n' -> b.append("\\n");
			case '\r' -> b.append("\\r");
			case '\t' -> b.append("\\t");
			case '<' -> b.append("\\u003c"); // never "</script>" in a page
			default -> {
				if (c < 0x20 || c == '\u2028' || c == '\u2029') {
					b.append(String.format("\\u%04x", (int) c));
				} else {
					b.append(c);
				}
			}
			}
		}
		return b.append('"').toString();
	}
}
