package org.webcallcenter.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated clock for tests: it stands still until the test moves it. Clocks made by {@link #withZone} share its
 * time line.
 */
public final class MutableClock extends Clock {
	private final AtomicReference<Instant> now;
	private final ZoneId zone;

	/** A clock in UTC, at {@code start}. */
	public MutableClock(Instant start) {
		this(start, ZoneOffset.UTC);
	}

	public MutableClock(Instant start, ZoneId zone) {
		this(new AtomicReference<>(start), zone);
	}

	private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	@Override
	public ZoneId getZone() {
		return zone;
	}

	@Override
	public Clock withZone(ZoneId other) {
		return new MutableClock(now, other);
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	/** Moves the clock forward by {@code d}; @return the new time */
	public Instant advance(Duration d) {
		return now.updateAndGet(t -> t.plus(d));
	}

	public void set(Instant instant) {
		now.set(instant);
	}
}
