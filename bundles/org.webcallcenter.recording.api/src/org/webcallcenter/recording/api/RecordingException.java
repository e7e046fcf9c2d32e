package org.webcallcenter.recording.api;

/**
 * A recording or interaction operation failed or was refused. The message is meant for people (the agent, the
 * admin): it says what happened and what to do, never a bare SQL state.
 */
public class RecordingException extends Exception {
	private static final long serialVersionUID = 1L;

	/** Why it failed, for callers that react differently. */
	public enum Reason {
		/** The database cannot be opened or written (locked by another program, damaged). */
		STORAGE_UNAVAILABLE,
		/** The disk is full. */
		DISK_FULL,
		/** No such interaction or recording. */
		NOT_FOUND,
		/** The request contradicts the data (an interaction created twice, an unknown state). */
		INVALID,
		/** Deletion refused: the retention period has not ended. */
		RETENTION,
		/** Deletion refused: the recording is on legal hold. */
		LEGAL_HOLD,
		/** Stored data failed its integrity check. */
		CORRUPT
	}

	private final Reason reason;

	public RecordingException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public RecordingException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
