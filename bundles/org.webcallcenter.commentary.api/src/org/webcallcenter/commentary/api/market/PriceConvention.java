package org.webcallcenter.commentary.api.market;

/**
 * Which colour means "up". Mainland China (and Taiwan, Japan, Korea) show rising prices in red and falling ones in
 * green; most other markets the reverse. The UI picks the convention from the instrument's market unless the expert
 * overrides it.
 */
public enum PriceConvention {
	RED_UP, GREEN_UP;

	/** @return the usual convention of an exchange, by its MIC-like code (SSE, SZSE, BSE, TWSE, TSE, KRX red up) */
	public static PriceConvention of(String exchange) {
		return switch (exchange == null ? "" : exchange.toUpperCase(java.util.Locale.ROOT)) {
		case "SSE", "SZSE", "BSE", "TWSE", "TSE", "JPX", "KRX" -> RED_UP;
		default -> GREEN_UP;
		};
	}
}
