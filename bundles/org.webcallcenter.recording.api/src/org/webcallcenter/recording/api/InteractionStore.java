package org.webcallcenter.recording.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The interactions of this workstation: one per call. The recorder creates and completes them from the softphone's
 * calls; other plugins add wrap-up ({@link Interaction#withDisposition}) and links ({@link #attach}). An OSGi
 * service; every method may block on the disk (call it off the UI thread).
 */
@ProviderType
public interface InteractionStore {

	/**
	 * Stores a new interaction.
	 *
	 * @throws RecordingException INVALID when one with the same id exists, or the storage reasons
	 */
	void create(Interaction interaction) throws RecordingException;

	/**
	 * Replaces the stored interaction with the same id (its links are kept and extended, never dropped).
	 *
	 * @throws RecordingException NOT_FOUND when there is none, or the storage reasons
	 */
	void update(Interaction interaction) throws RecordingException;

	/**
	 * Adds a link (a co-browsing session, a commentary shown) to an interaction; adding the same link twice keeps one.
	 *
	 * @throws RecordingException NOT_FOUND when there is no such interaction
	 */
	void attach(String interactionId, Interaction.Link link) throws RecordingException;

	Optional<Interaction> find(String interactionId) throws RecordingException;

	/** @return the matching interactions, newest first, at most {@link SearchCriteria#limit()} */
	List<Interaction> search(SearchCriteria criteria) throws RecordingException;
}
