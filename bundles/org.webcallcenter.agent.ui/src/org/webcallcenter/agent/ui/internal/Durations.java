package org.webcallcenter.agent.ui.internal;

import java.time.Duration;

/** Formats elapsed times the way a wallboard does: 4:05, 1:02:09. */
final class Durations {
	private Durations() {
	}

	static String format(Duration d) {
		long s = Math.max(0, d.getSeconds());
		long h = s / 3600;
		long m = (s % 3600) / 60;
		long sec = s % 60;
		return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
	}
}
