package org.webcallcenter.commentary.api.chart;

/** The overlays and panes a chart can show. The JSON form uses {@link #name()}. */
public enum Indicator {
	VOLUME, MA5, MA10, MA20, MA60, MACD, RSI, AVERAGE_PRICE;

	/** @return the moving-average length of MA5..MA60, 0 for the others */
	public int maLength() {
		return switch (this) {
		case MA5 -> 5;
		case MA10 -> 10;
		case MA20 -> 20;
		case MA60 -> 60;
		default -> 0;
		};
	}
}
