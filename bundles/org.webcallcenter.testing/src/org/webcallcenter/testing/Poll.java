package org.webcallcenter.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits in tests for something that happens on another thread. The timeout is generous on purpose: it only bounds
 * how long a broken test hangs, it says nothing about how fast the code must be. Used by every test fragment; the
 * bundle is in no feature and ships in no product.
 */
public final class Poll {
	public static final Duration TIMEOUT = Duration.ofSeconds(30);

	private Poll() {
	}

	/** Waits up to {@link #TIMEOUT}. */
	public static void until(String what, BooleanSupplier condition) {
		until(what, TIMEOUT, condition);
	}

	/** @throws AssertionError naming {@code what} when {@code condition} is not true within {@code timeout} */
	public static void until(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
			}
			try {
				Thread.sleep(10);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for " + what, e);
			}
		}
	}
}
