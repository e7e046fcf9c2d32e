package org.webcallcenter.recording.api.session;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;
import org.webcallcenter.recording.api.RecordingException;

/**
 * Appends the messages of one co-browsing session, in the order of the calls to {@link #append}, from any thread.
 * Messages wait in memory and are committed in batches at most {@link SessionRecords#MAX_BATCH_DELAY} apart on the
 * store's own thread. A failing disk is reported by the store (log, status bar) and never reaches the caller of
 * {@link #append}.
 */
@ProviderType
public interface SessionRecorder extends AutoCloseable {

	String sessionId();

	/**
	 * Queues one message as the agent's view received it from the hub; returns at once.
	 *
	 * @param receivedAt when it arrived at the workstation
	 * @param json       the hub's message as text, for example {@code {"t":"events","events":[...]}} (kept as is)
	 * @throws IllegalArgumentException when the message is empty or longer than
	 *                                  {@link SessionRecords#MAX_MESSAGE_CHARS}
	 * @throws IllegalStateException    after {@link #close()}
	 */
	void append(Instant receivedAt, String json);

	/** Commits every message appended so far and waits for it (off the UI thread). */
	void flush() throws RecordingException;

	/** Ends the recorder: what is queued is committed on the store's thread; returns at once. Idempotent. */
	@Override
	void close();
}
