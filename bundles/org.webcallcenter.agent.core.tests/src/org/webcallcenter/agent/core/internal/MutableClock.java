package org.webcallcenter.agent.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the test moves by hand; the time stands still in between. */
final class MutableClock extends Clock {
	private final ZoneId zone;
	private volatile Instant now;

	MutableClock(Instant start, ZoneId zone) {
		this.now = start;
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
		return now;
	}

	Instant advance(Duration d) {
		now = now.plus(d);
		return now;
	}

	void set(Instant instant) {
		now = instant;
	}
}
