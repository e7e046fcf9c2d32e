package org.webcallcenter.recording.derby.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.ILog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.InteractionStore;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.session.SessionMessage;
import org.webcallcenter.recording.api.session.SessionRecord;
import org.webcallcenter.recording.api.session.SessionRecorder;
import org.webcallcenter.recording.api.session.SessionRecords;

/**
 * The {@link SessionRecords} service: co-browsing streams in the recordings database that
 * {@link RecordingComponent} opens (this bundle is the only one that opens Derby). It reaches the database through
 * that component (same bundle), so it starts after it and stops before it, committing the last batches first.
 */
@Component(service = SessionRecords.class)
public class SessionRecordsComponent implements SessionRecords {
	private static final ILog LOG = ILog.of(SessionRecordsComponent.class);

	private RecordingComponent recordings;
	private SessionStreams streams;

	/** The interaction store of this bundle, which owns the database. */
	@Reference(target = "(component.name=org.webcallcenter.recording.derby.internal.RecordingComponent)")
	void bindInteractionStore(InteractionStore store) {
		recordings = (RecordingComponent) store;
	}

	@Activate
	void activate() {
		RecordingComponent r = recordings;
		streams = new SessionStreams(new SessionStreams.Backend() {
			@Override
			public Database database() throws RecordingException {
				return r.ready().db();
			}

			@Override
			public void attach(String interactionId, Interaction.Link link) throws RecordingException {
				r.ready().store().attach(interactionId, link);
			}
		}, Clock.systemUTC(), MAX_BATCH_DELAY, LOG::error);
	}

	@Deactivate
	void deactivate() {
		streams.shutdown();
	}

	@Override
	public SessionRecorder record(String sessionId) {
		return streams.record(sessionId);
	}

	@Override
	public void link(String sessionId, String interactionId) throws RecordingException {
		streams.link(sessionId, interactionId);
		LOG.info("Co-browsing session " + sessionId + " is recorded with interaction " + interactionId);
	}

	@Override
	public Optional<SessionRecord> find(String sessionId) throws RecordingException {
		return streams.find(sessionId);
	}

	@Override
	public List<SessionMessage> read(String sessionId) throws RecordingException {
		return streams.read(sessionId);
	}
}
