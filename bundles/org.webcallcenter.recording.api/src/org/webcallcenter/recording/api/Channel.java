package org.webcallcenter.recording.api;

/** One direction of a call's audio, stored as its own channel. */
public enum Channel {
	/** What the far end said, as this workstation received it (channel 1 of an exported WAV). */
	CUSTOMER,
	/** What the agent said, as this workstation sent it (channel 2 of an exported WAV). */
	AGENT
}
