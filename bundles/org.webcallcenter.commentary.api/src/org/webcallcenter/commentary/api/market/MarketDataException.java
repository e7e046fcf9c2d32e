package org.webcallcenter.commentary.api.market;

/** A provider could not answer (unknown symbol, feed down); the message is written for the expert. */
public class MarketDataException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public MarketDataException(String message) {
		super(message);
	}

	public MarketDataException(String message, Throwable cause) {
		super(message, cause);
	}
}
