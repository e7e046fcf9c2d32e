package org.webcallcenter.app.api;

/** Which calls are recorded. A policy set by the firm, not a button for the agent. */
public enum RecordingPolicy {
	/** Every call is recorded from the first to the last packet (default; the only choice in Expert Home). */
	RECORD_ALL("Record all calls"),
	/** Calls are recorded when the agent starts recording (only where the firm allows it). */
	ON_DEMAND("Record on demand");

	private final String label;

	RecordingPolicy(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** @return the policy named {@code name}; {@link #RECORD_ALL} for anything unknown, failing safe */
	public static RecordingPolicy parse(String name) {
		for (RecordingPolicy p : values()) {
			if (p.name().equals(name)) {
				return p;
			}
		}
		return RECORD_ALL;
	}
}
