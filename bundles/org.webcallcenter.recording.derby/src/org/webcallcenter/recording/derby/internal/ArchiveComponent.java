package org.webcallcenter.recording.derby.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.ILog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.webcallcenter.recording.api.InteractionStore;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.archive.ArchiveQuery;
import org.webcallcenter.recording.api.archive.ArchiveReceipt;
import org.webcallcenter.recording.api.archive.ArchivedDocument;
import org.webcallcenter.recording.api.archive.DocumentArchive;

/**
 * The document archive service: an {@link ArchiveStore} in the database that {@link RecordingComponent} opens (the
 * only code that opens it; this component uses its open database and lives as long as it does). The archive's
 * tables are made by {@link RecordingComponent} when it opens the database (like its own, before any call is
 * recorded); a call that comes earlier waits for the database as the interaction store's calls do.
 */
@Component(service = DocumentArchive.class)
public class ArchiveComponent implements DocumentArchive {
	private static final ILog LOG = ILog.of(ArchiveComponent.class);

	private RecordingComponent recordings;
	private ArchiveStore store;

	/** The recording component itself (same bundle): its open database is the archive's. */
	@Reference(service = InteractionStore.class,
			target = "(component.name=org.webcallcenter.recording.derby.internal.RecordingComponent)")
	void bindRecordings(InteractionStore s) {
		recordings = (RecordingComponent) s;
	}

	/** @return the archive in the open recordings database, its tables made when missing */
	synchronized ArchiveStore archive() throws RecordingException {
		Database db = recordings.ready().db();
		if (store == null || store.database() != db) {
			store = new ArchiveStore(db, Clock.systemUTC());
		}
		return store;
	}

	@Override
	public ArchiveReceipt store(ArchivedDocument document) throws RecordingException {
		ArchiveReceipt r = archive().store(document);
		LOG.info("Archived " + r.kind() + " " + r.id() + " revision " + r.revision() + " (SHA-256 " + r.sha256() + ")");
		return r;
	}

	@Override
	public Optional<ArchivedDocument> find(String kind, String id, int revision) throws RecordingException {
		return archive().find(kind, id, revision);
	}

	@Override
	public List<ArchivedDocument> revisions(String kind, String id) throws RecordingException {
		return archive().revisions(kind, id);
	}

	@Override
	public List<ArchivedDocument> search(ArchiveQuery query) throws RecordingException {
		return archive().search(query);
	}
}
