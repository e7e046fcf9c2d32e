package org.webcallcenter.sip.jain.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something that happens on another thread. The timeout is generous on purpose: it only bounds how long
 * a broken test hangs, it says nothing about how fast the code must be.
 */
final class Poll {
	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private Poll() {
	}

	static void until(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
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
