package org.webcallcenter.commentary.ui.internal;

/**
 * Number texts for the quote board, made without {@link String#format} (which parses its pattern on every call): the
 * board formats up to a few hundred numbers a second on the UI thread. The same texts as {@code %.Nf},
 * {@code %+.2f%%} and {@code %,d} in {@code Locale.ROOT}, except that a value exactly half way between two last
 * digits in decimal (99.995) may round down where {@code %.2f} rounds up (the double is just below the half), and
 * that a negative value rounding to zero shows without a minus sign.
 */
final class Numbers {
	private static final long[] POW10 = { 1, 10, 100, 1000, 10_000, 100_000, 1_000_000 };

	private Numbers() {
	}

	/** @return v with {@code decimals} (0-6) decimals, half up; "" for NaN and infinities */
	static String fixed(double v, int decimals) {
		if (!Double.isFinite(v)) {
			return "";
		}
		long scale = POW10[decimals];
		double scaled = Math.abs(v) * scale;
		if (scaled >= 9e15) {
			return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
		}
		long n = Math.round(scaled);
		StringBuilder sb = new StringBuilder(24);
		if (v < 0 && n != 0) {
			sb.append('-');
		}
		sb.append(n / scale);
		if (decimals > 0) {
			sb.append('.');
			String frac = Long.toString(n % scale);
			for (int i = frac.length(); i < decimals; i++) {
				sb.append('0');
			}
			sb.append(frac);
		}
		return sb.toString();
	}

	/** @return the percentage with a sign and two decimals, like {@code +1.25%} or {@code -0.40%} */
	static String signedPercent(double p) {
		if (!Double.isFinite(p)) {
			return "";
		}
		String s = fixed(p, 2);
		return (s.startsWith("-") ? s : "+" + s) + "%";
	}

	/** @return the number with a comma between groups of three digits */
	static String grouped(long v) {
		if (v == Long.MIN_VALUE) {
			return Long.toString(v);
		}
		String digits = Long.toString(Math.abs(v));
		StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3 + 1);
		if (v < 0) {
			sb.append('-');
		}
		int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
		sb.append(digits, 0, first);
		for (int i = first; i < digits.length(); i += 3) {
			sb.append(',').append(digits, i, i + 3);
		}
		return sb.toString();
	}
}
