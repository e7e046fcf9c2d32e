package org.webcallcenter.recording.api.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.webcallcenter.recording.api.RecordingException;

/**
 * The co-browsing session records of this workstation, kept with the interactions (an OSGi service). Writing goes
 * through a {@link SessionRecorder}, which never blocks its caller on the disk; {@link #link}, {@link #find} and
 * {@link #read} may block on the disk: call them off the UI thread.
 */
@ProviderType
public interface SessionRecords {
	/** The longest an appended message waits in memory before it is committed (what a crash can lose). */
	Duration MAX_BATCH_DELAY = Duration.ofSeconds(1);

	/** The longest message a record takes, in characters (the hub's own limit is 2 MiB). */
	int MAX_MESSAGE_CHARS = 16 * 1024 * 1024;

	/**
	 * @return the recorder of the session: a new one, or the one already open for it (a record continues where it
	 *         ended when the agent joins the same session again); returns at once
	 * @throws IllegalArgumentException when the id is not a hub session id ({@code [A-Za-z0-9_-]{1,64}})
	 */
	SessionRecorder record(String sessionId);

	/**
	 * Ties the session to an interaction (a call): the session's record names it, and the interaction gets the link
	 * {@code Link(COBROWSE, sessionId)}. The interaction may not exist yet (the recorder creates it when the call
	 * starts, at about the same time): the link is then added as soon as it exists, tried for
	 * {@link #LINK_WAIT}. Linking to a second call keeps the first link (the session spanned both calls).
	 *
	 * @throws IllegalArgumentException when an id is invalid
	 * @throws RecordingException when the store cannot be written
	 */
	void link(String sessionId, String interactionId) throws RecordingException;

	/** How long a link waits for its interaction to be created. */
	Duration LINK_WAIT = Duration.ofMinutes(2);

	/** @return what is stored of the session, empty when nothing was ever committed for it */
	Optional<SessionRecord> find(String sessionId) throws RecordingException;

	/**
	 * @return the committed messages of the session in the order they were appended (empty when there are none);
	 *         call {@link SessionRecorder#flush()} first to include the latest batch
	 */
	List<SessionMessage> read(String sessionId) throws RecordingException;
}
