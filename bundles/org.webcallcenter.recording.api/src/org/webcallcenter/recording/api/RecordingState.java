package org.webcallcenter.recording.api;

/** The life of a recording. */
public enum RecordingState {
	/** Being written. */
	RECORDING,
	/** Paused by the agent (card data); nothing is stored until resumed, the timeline keeps running. */
	PAUSED,
	/** Finished and sealed. */
	COMPLETE,
	/**
	 * The workstation stopped (crash, power cut) while it was being written: what was committed stays readable and
	 * verifiable; the last second may be missing.
	 */
	INCOMPLETE;

	public boolean isOpen() {
		return this == RECORDING || this == PAUSED;
	}
}
