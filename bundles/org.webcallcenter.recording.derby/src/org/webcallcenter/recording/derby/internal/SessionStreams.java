package org.webcallcenter.recording.derby.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingException.Reason;
import org.webcallcenter.recording.api.session.SessionMessage;
import org.webcallcenter.recording.api.session.SessionRecord;
import org.webcallcenter.recording.api.session.SessionRecorder;
import org.webcallcenter.recording.api.session.SessionRecords;

/**
 * The co-browsing session records in the recordings database (tables {@code COBROWSE_SESSION} and
 * {@code COBROWSE_MESSAGE}, created when missing, so an older database gets them on first use): one writer thread
 * commits every open recorder's queued messages each {@code batchDelay} in one transaction per session, and adds the
 * {@code COBROWSE} links to interactions, waiting for an interaction the recorder has not created yet. A failing
 * disk is reported through {@code problems}; the messages of a failed batch are tried again with the next one.
 */
public final class SessionStreams implements SessionRecords {
	/** Where the database and the interactions are, once open (may wait for it). */
	public interface Backend {
		Database database() throws RecordingException;

		void attach(String interactionId, Interaction.Link link) throws RecordingException;
	}

	private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
	/** Messages of failed batches kept for the next try, at most (then the oldest are dropped and reported). */
	static final long MAX_HELD_CHARS = 64L * 1024 * 1024;

	private static final List<String> SCHEMA = List.of("""
			CREATE TABLE COBROWSE_SESSION (
			  SESSION_ID VARCHAR(64) NOT NULL PRIMARY KEY,
			  INTERACTION_ID VARCHAR(256),
			  LINKED BOOLEAN NOT NULL,
			  FIRST_AT BIGINT NOT NULL,
			  LAST_AT BIGINT NOT NULL,
			  MESSAGES BIGINT NOT NULL)""", """
			CREATE INDEX COBROWSE_SESSION_INTERACTION ON COBROWSE_SESSION (INTERACTION_ID)""", """
			CREATE TABLE COBROWSE_MESSAGE (
			  SESSION_ID VARCHAR(64) NOT NULL REFERENCES COBROWSE_SESSION (SESSION_ID) ON DELETE CASCADE,
			  SEQ BIGINT NOT NULL,
			  RECEIVED_AT BIGINT NOT NULL,
			  KIND VARCHAR(16) NOT NULL,
			  BODY CLOB(16M) NOT NULL,
			  PRIMARY KEY (SESSION_ID, SEQ))""");

	private final Backend backend;
	private final Clock clock;
	private final Consumer<String> problems;
	private final ScheduledExecutorService writer;
	private final Map<String, Recorder> open = new ConcurrentHashMap<>();
	/** Links waiting for their interaction (writer thread only): session id -> interaction id and deadline. */
	private final Map<String, PendingLink> pendingLinks = new java.util.LinkedHashMap<>();
	private volatile Database schemaOf;

	private record Pending(Instant at, SessionMessage.Kind kind, String json) {
	}

	private record PendingLink(String interactionId, Instant until) {
	}

	/**
	 * @param batchDelay how long messages wait before they are committed ({@link SessionRecords#MAX_BATCH_DELAY})
	 * @param problems   receives what went wrong, in words (log and status bar)
	 */
	public SessionStreams(Backend backend, Clock clock, Duration batchDelay, Consumer<String> problems) {
		this.backend = backend;
		this.clock = clock;
		this.problems = problems;
		this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "Co-browsing records");
			t.setDaemon(true);
			return t;
		});
		long millis = Math.max(10, batchDelay.toMillis());
		writer.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public SessionRecorder record(String sessionId) {
		requireSessionId(sessionId);
		return open.computeIfAbsent(sessionId, Recorder::new);
	}

	@Override
	public void link(String sessionId, String interactionId) throws RecordingException {
		requireSessionId(sessionId);
		new Interaction.Link(Interaction.Link.COBROWSE, sessionId); // checks the id as a link reference
		if (interactionId == null || interactionId.isBlank() || interactionId.length() > Interaction.MAX_TEXT) {
			throw new IllegalArgumentException("Not an interaction id: " + interactionId);
		}
		onWriter(() -> {
			transaction("link co-browsing session " + sessionId + " to interaction " + interactionId, c -> {
				ensureSession(c, sessionId, clock.instant());
				try (PreparedStatement p = c.prepareStatement(
						"UPDATE COBROWSE_SESSION SET INTERACTION_ID = ?, LINKED = FALSE WHERE SESSION_ID = ?")) {
					p.setString(1, interactionId);
					p.setString(2, sessionId);
					p.executeUpdate();
				}
				return null;
			});
			pendingLinks.put(sessionId, new PendingLink(interactionId, clock.instant().plus(LINK_WAIT)));
			attachPending();
			return null;
		});
	}

	@Override
	public Optional<SessionRecord> find(String sessionId) throws RecordingException {
		requireSessionId(sessionId);
		return query("read co-browsing session " + sessionId, c -> {
			try (PreparedStatement p = c.prepareStatement("SELECT INTERACTION_ID, FIRST_AT, LAST_AT, MESSAGES "
					+ "FROM COBROWSE_SESSION WHERE SESSION_ID = ?")) {
				p.setString(1, sessionId);
				try (ResultSet r = p.executeQuery()) {
					if (!r.next()) {
						return Optional.empty();
					}
					return Optional.of(new SessionRecord(sessionId, Optional.ofNullable(r.getString(1)),
							Instant.ofEpochMilli(r.getLong(2)), Instant.ofEpochMilli(r.getLong(3)), r.getLong(4)));
				}
			}
		});
	}

	@Override
	public List<SessionMessage> read(String sessionId) throws RecordingException {
		requireSessionId(sessionId);
		return query("read co-browsing session " + sessionId, c -> {
			List<SessionMessage> all = new ArrayList<>();
			try (PreparedStatement p = c.prepareStatement("SELECT SEQ, RECEIVED_AT, KIND, BODY FROM COBROWSE_MESSAGE "
					+ "WHERE SESSION_ID = ? ORDER BY SEQ")) {
				p.setString(1, sessionId);
				try (ResultSet r = p.executeQuery()) {
					while (r.next()) {
						all.add(new SessionMessage(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)),
								kind(r.getString(3)), r.getString(4)));
					}
				}
			}
			return all;
		});
	}

	/** Commits what every open recorder holds, then stops the writer thread (deactivation). */
	public void shutdown() {
		for (Recorder r : List.copyOf(open.values())) {
			r.close();
		}
		writer.shutdown();
		try {
			if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
				problems.accept("Co-browsing records: the last batch was not committed within 30 s");
				writer.shutdownNow();
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stops the writer thread at once, committing nothing more: what a crash does (tests only). */
	void halt() {
		writer.shutdownNow();
		try {
			writer.awaitTermination(30, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	// ---- the writer thread ----

	private void tick() {
		for (Recorder r : List.copyOf(open.values())) {
			r.commit();
		}
		attachPending();
	}

	private void attachPending() {
		if (pendingLinks.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		for (var it = pendingLinks.entrySet().iterator(); it.hasNext();) {
			var e = it.next();
			String session = e.getKey();
			PendingLink link = e.getValue();
			try {
				backend.attach(link.interactionId(), new Interaction.Link(Interaction.Link.COBROWSE, session));
				transaction("mark the link of co-browsing session " + session, c -> {
					try (PreparedStatement p = c.prepareStatement(
							"UPDATE COBROWSE_SESSION SET LINKED = TRUE WHERE SESSION_ID = ? AND INTERACTION_ID = ?")) {
						p.setString(1, session);
						p.setString(2, link.interactionId());
						p.executeUpdate();
					}
					return null;
				});
				it.remove();
			} catch (RecordingException ex) {
				if (ex.reason() != Reason.NOT_FOUND) {
					problems.accept("Co-browsing session " + session + " is not linked to its call yet: "
							+ ex.getMessage());
				}
				if (now.isAfter(link.until())) {
					problems.accept("Co-browsing session " + session + " stays without a link to interaction "
							+ link.interactionId() + " (it was not created within " + LINK_WAIT.toMinutes()
							+ " minutes); its record names the interaction");
					it.remove();
				}
			}
		}
	}

	private void ensureSchema(Database db) throws SQLException {
		if (schemaOf == db) {
			return;
		}
		try (Connection c = db.connection(); Statement s = c.createStatement()) {
			for (String ddl : SCHEMA) {
				try {
					s.executeUpdate(ddl);
				} catch (SQLException e) {
					if (!"X0Y32".equals(e.getSQLState())) { // exists already: made by an earlier start
						throw e;
					}
				}
			}
		}
		schemaOf = db;
	}

	/** @return the next sequence number of the session, making its row when it has none */
	private static long ensureSession(Connection c, String sessionId, Instant at) throws SQLException {
		try (PreparedStatement p = c.prepareStatement(
				"SELECT (SELECT MAX(SEQ) FROM COBROWSE_MESSAGE WHERE SESSION_ID = ?) FROM COBROWSE_SESSION "
						+ "WHERE SESSION_ID = ?")) {
			p.setString(1, sessionId);
			p.setString(2, sessionId);
			try (ResultSet r = p.executeQuery()) {
				if (r.next()) {
					long max = r.getLong(1);
					return r.wasNull() ? 1 : max + 1;
				}
			}
		}
		try (PreparedStatement p = c.prepareStatement("INSERT INTO COBROWSE_SESSION (SESSION_ID, INTERACTION_ID, "
				+ "LINKED, FIRST_AT, LAST_AT, MESSAGES) VALUES (?, ?, FALSE, ?, ?, 0)")) {
			p.setString(1, sessionId);
			p.setNull(2, Types.VARCHAR);
			p.setLong(3, at.toEpochMilli());
			p.setLong(4, at.toEpochMilli());
			p.executeUpdate();
		}
		return 1;
	}

	private <T> T transaction(String doing, Database.Work<T> work) throws RecordingException {
		Database db = backend.database();
		try {
			ensureSchema(db);
		} catch (SQLException e) {
			throw Database.translate(e, doing);
		}
		return db.transaction(doing, work);
	}

	/** Reads with the writer's schema guard; reads run on the caller's thread. */
	private <T> T query(String doing, Database.Work<T> work) throws RecordingException {
		Database db = backend.database();
		try {
			synchronized (this) {
				if (schemaOf != db) {
					onWriter(() -> {
						ensureSchema(db);
						return null;
					});
				}
			}
			try (Connection c = db.connection()) {
				return work.run(c);
			}
		} catch (SQLException e) {
			throw Database.translate(e, doing);
		}
	}

	@FunctionalInterface
	private interface WriterWork {
		Object run() throws SQLException, RecordingException;
	}

	/** Runs {@code work} on the writer thread (in order with the batches) and waits for it. */
	private void onWriter(WriterWork work) throws RecordingException {
		Future<Object> f;
		try {
			f = writer.submit(() -> work.run());
		} catch (java.util.concurrent.RejectedExecutionException e) {
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE, "The co-browsing records are closed");
		}
		try {
			f.get(60, TimeUnit.SECONDS);
		} catch (ExecutionException e) {
			if (e.getCause() instanceof RecordingException r) {
				throw r;
			}
			if (e.getCause() instanceof SQLException s) {
				throw Database.translate(s, "write the co-browsing records");
			}
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE,
					"Co-browsing records: " + e.getCause().getMessage(), e.getCause());
		} catch (java.util.concurrent.TimeoutException e) {
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE,
					"The co-browsing records did not answer within 60 s");
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE, "Interrupted");
		}
	}

	private static SessionMessage.Kind kind(String name) {
		try {
			return SessionMessage.Kind.valueOf(name);
		} catch (IllegalArgumentException e) {
			return SessionMessage.Kind.OTHER;
		}
	}

	private static void requireSessionId(String id) {
		if (id == null || !SESSION_ID.matcher(id).matches()) {
			throw new IllegalArgumentException("Not a co-browsing session id: " + id);
		}
	}

	/** One session's queue; its batches are committed on the writer thread only. */
	private final class Recorder implements SessionRecorder {
		private final String id;
		private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
		/** Messages of a failed batch, tried again first (writer thread only). */
		private final List<Pending> held = new ArrayList<>();
		private volatile boolean closed;

		Recorder(String id) {
			this.id = id;
		}

		@Override
		public String sessionId() {
			return id;
		}

		@Override
		public void append(Instant receivedAt, String json) {
			if (closed) {
				throw new IllegalStateException("The recorder of co-browsing session " + id + " is closed");
			}
			if (receivedAt == null || json == null || json.isEmpty()) {
				throw new IllegalArgumentException("A co-browsing message needs its arrival time and its text");
			}
			if (json.length() > MAX_MESSAGE_CHARS) {
				throw new IllegalArgumentException("A co-browsing message of " + json.length()
						+ " characters is longer than " + MAX_MESSAGE_CHARS);
			}
			queue.add(new Pending(receivedAt, SessionMessage.Kind.of(json), json));
		}

		@Override
		public void flush() throws RecordingException {
			onWriter(() -> {
				commitOrThrow();
				return null;
			});
		}

		@Override
		public void close() {
			if (closed) {
				return;
			}
			closed = true;
			open.remove(id, this);
			try {
				writer.execute(this::commit);
			} catch (java.util.concurrent.RejectedExecutionException e) {
				problems.accept("Co-browsing session " + id + ": the last messages were not stored (store closed)");
			}
		}

		/** The writer thread's batch: reported, never thrown. */
		void commit() {
			try {
				commitOrThrow();
			} catch (RecordingException | RuntimeException e) {
				problems.accept("Co-browsing session " + id + " is not stored as it should be: " + e.getMessage());
			}
		}

		private void commitOrThrow() throws RecordingException {
			List<Pending> batch = new ArrayList<>(held);
			held.clear();
			for (Pending p; (p = queue.poll()) != null;) {
				batch.add(p);
			}
			if (batch.isEmpty()) {
				return;
			}
			try {
				transaction("store co-browsing session " + id, c -> {
					long seq = ensureSession(c, id, batch.get(0).at());
					try (PreparedStatement p = c.prepareStatement("INSERT INTO COBROWSE_MESSAGE (SESSION_ID, SEQ, "
							+ "RECEIVED_AT, KIND, BODY) VALUES (?, ?, ?, ?, ?)")) {
						for (Pending m : batch) {
							p.setString(1, id);
							p.setLong(2, seq++);
							p.setLong(3, m.at().toEpochMilli());
							p.setString(4, m.kind().name());
							p.setString(5, m.json());
							p.addBatch();
						}
						p.executeBatch();
					}
					try (PreparedStatement p = c.prepareStatement("UPDATE COBROWSE_SESSION SET LAST_AT = ?, "
							+ "MESSAGES = MESSAGES + ? WHERE SESSION_ID = ?")) {
						p.setLong(1, batch.get(batch.size() - 1).at().toEpochMilli());
						p.setLong(2, batch.size());
						p.setString(3, id);
						p.executeUpdate();
					}
					return null;
				});
			} catch (RecordingException | RuntimeException e) {
				hold(batch);
				throw e;
			}
		}

		private void hold(List<Pending> batch) {
			held.addAll(0, batch);
			long chars = 0;
			for (Pending p : held) {
				chars += p.json().length();
			}
			int dropped = 0;
			while (chars > MAX_HELD_CHARS && !held.isEmpty()) {
				chars -= held.remove(0).json().length();
				dropped++;
			}
			if (dropped > 0) {
				problems.accept("Co-browsing session " + id + ": " + dropped
						+ " messages were dropped while the store could not be written");
			}
		}
	}
}
