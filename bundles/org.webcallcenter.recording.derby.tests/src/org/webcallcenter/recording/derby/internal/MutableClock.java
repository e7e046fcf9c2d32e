package org.webcallcenter.recording.derby.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A simulated clock the test moves by hand; time stands still in between. */
final class MutableClock extends Clock {
	private volatile Instant now;

	MutableClock(Instant start) {
		this.now = start;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId other) {
		return this;
	}

	@Override
	public Instant instant() {
		return now;
	}

	void advance(Duration d) {
		now = now.plus(d);
	}

	void set(Instant instant) {
		now = instant;
	}
}
