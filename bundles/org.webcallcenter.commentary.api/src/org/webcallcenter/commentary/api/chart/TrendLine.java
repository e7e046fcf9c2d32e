package org.webcallcenter.commentary.api.chart;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A straight line the expert drew between two points given in data coordinates (bar time, price), so it stays on
 * the same prices whatever the zoom, and a customer page draws it the same way.
 *
 * @param colour {@code #rrggbb}
 */
public record TrendLine(LocalDateTime time1, double price1, LocalDateTime time2, double price2, String colour) {
	public TrendLine {
		Objects.requireNonNull(time1, "time1");
		Objects.requireNonNull(time2, "time2");
		if (!Double.isFinite(price1) || !Double.isFinite(price2)) {
			throw new IllegalArgumentException("A trend line needs finite prices");
		}
		colour = colour == null || !colour.matches("#[0-9a-fA-F]{6}") ? "#1f6fd1" : colour.toLowerCase(java.util.Locale.ROOT);
	}
}
