package org.webcallcenter.recording.api.archive;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.webcallcenter.recording.api.RecordingException;

/**
 * The archive of immutable documents (an OSGi service). Append-only: {@link #store} adds a revision, and there is
 * no method to change or remove one; the implementation refuses changes in the database as well. Every method may
 * block on the disk or while the database opens: call it off the UI thread.
 */
@ProviderType
public interface DocumentArchive {

	/**
	 * Stores one revision of a document, durably (committed when this returns).
	 *
	 * @return what the archive recorded, with the time it stored the document
	 * @throws RecordingException {@link RecordingException.Reason#INVALID INVALID} when the archive holds this kind,
	 *                            id and revision already (whatever its body: archived documents never change), or
	 *                            the storage reasons
	 */
	ArchiveReceipt store(ArchivedDocument document) throws RecordingException;

	/**
	 * @return the stored revision, its body checked against its SHA-256
	 * @throws RecordingException {@link RecordingException.Reason#CORRUPT CORRUPT} when the stored body no longer
	 *                            matches its hash, or the storage reasons
	 */
	Optional<ArchivedDocument> find(String kind, String id, int revision) throws RecordingException;

	/** @return every stored revision of a document, oldest first (empty when none is archived) */
	List<ArchivedDocument> revisions(String kind, String id) throws RecordingException;

	/** @return the matching documents, newest publication first, at most {@link ArchiveQuery#limit()} */
	List<ArchivedDocument> search(ArchiveQuery query) throws RecordingException;
}
