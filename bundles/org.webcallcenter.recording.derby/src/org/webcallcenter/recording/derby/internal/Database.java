package org.webcallcenter.recording.derby.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingException.Reason;

/**
 * The recordings database: embedded Derby in one folder, created with Derby's data encryption (AES, 256-bit key,
 * unlocked by the boot password). Connections come from Derby's {@link EmbeddedDataSource}, which works across
 * OSGi class loaders (DriverManager does not). Only this bundle opens it.
 */
public final class Database implements AutoCloseable {
	/** Schema version this code writes; stored in {@code WCC_SCHEMA}. */
	static final int SCHEMA_VERSION = 1;

	private static final List<String> SCHEMA = List.of("""
			CREATE TABLE WCC_SCHEMA (VERSION INT NOT NULL)""", """
			CREATE TABLE INTERACTION (
			  ID VARCHAR(256) NOT NULL PRIMARY KEY,
			  SIP_CALL_ID VARCHAR(256) NOT NULL,
			  DIRECTION VARCHAR(8) NOT NULL,
			  LOCAL_PARTY VARCHAR(256) NOT NULL,
			  REMOTE_PARTY VARCHAR(256) NOT NULL,
			  AGENT VARCHAR(256) NOT NULL,
			  BRANCH VARCHAR(256) NOT NULL,
			  GATEWAY VARCHAR(256) NOT NULL,
			  STARTED_AT BIGINT NOT NULL,
			  ANSWERED_AT BIGINT,
			  ENDED_AT BIGINT,
			  DURATION_MS BIGINT,
			  END_BY VARCHAR(16),
			  SIP_STATUS INT,
			  Q850_CAUSE INT,
			  END_TEXT VARCHAR(256),
			  DISPOSITION VARCHAR(256),
			  DISPOSITION_REASON VARCHAR(1024),
			  CODEC VARCHAR(32),
			  MOS DOUBLE,
			  JITTER_MS DOUBLE,
			  LOSS_PERCENT DOUBLE,
			  RTT_MS DOUBLE)""", """
			CREATE INDEX INTERACTION_STARTED ON INTERACTION (STARTED_AT)""", """
			CREATE INDEX INTERACTION_AGENT ON INTERACTION (AGENT, STARTED_AT)""", """
			CREATE TABLE INTERACTION_PARTY (
			  PARTY VARCHAR(256) NOT NULL,
			  STARTED_AT BIGINT NOT NULL,
			  INTERACTION_ID VARCHAR(256) NOT NULL REFERENCES INTERACTION (ID) ON DELETE CASCADE,
			  PRIMARY KEY (PARTY, STARTED_AT, INTERACTION_ID))""", """
			CREATE TABLE INTERACTION_LINK (
			  INTERACTION_ID VARCHAR(256) NOT NULL REFERENCES INTERACTION (ID) ON DELETE CASCADE,
			  KIND VARCHAR(256) NOT NULL,
			  LINK_REF VARCHAR(256) NOT NULL,
			  PRIMARY KEY (INTERACTION_ID, KIND, LINK_REF))""", """
			CREATE TABLE RECORDING (
			  ID BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			  INTERACTION_ID VARCHAR(256) NOT NULL REFERENCES INTERACTION (ID),
			  STATE VARCHAR(16) NOT NULL,
			  STARTED_AT BIGINT NOT NULL,
			  ENDED_AT BIGINT,
			  FORMAT VARCHAR(32) NOT NULL,
			  CHUNKS INT NOT NULL,
			  CUSTOMER_SAMPLES BIGINT NOT NULL,
			  AGENT_SAMPLES BIGINT NOT NULL,
			  LENGTH_SAMPLES BIGINT NOT NULL,
			  CHAIN_HASH CHAR(64) NOT NULL,
			  SEAL_HASH CHAR(64),
			  LEGAL_HOLD BOOLEAN NOT NULL)""", """
			CREATE INDEX RECORDING_INTERACTION ON RECORDING (INTERACTION_ID)""", """
			CREATE INDEX RECORDING_STARTED ON RECORDING (STARTED_AT)""", """
			CREATE TABLE RECORDING_CHUNK (
			  RECORDING_ID BIGINT NOT NULL REFERENCES RECORDING (ID) ON DELETE CASCADE,
			  SEQ INT NOT NULL,
			  CHANNEL SMALLINT NOT NULL,
			  START_SAMPLE BIGINT NOT NULL,
			  SAMPLES INT NOT NULL,
			  WRITTEN_AT BIGINT NOT NULL,
			  DATA VARCHAR (16000) FOR BIT DATA NOT NULL,
			  HASH CHAR(64) NOT NULL,
			  PRIMARY KEY (RECORDING_ID, SEQ))""", """
			CREATE INDEX RECORDING_CHUNK_PLACE ON RECORDING_CHUNK (RECORDING_ID, CHANNEL, START_SAMPLE)""", """
			CREATE TABLE RECORDING_EVENT (
			  RECORDING_ID BIGINT NOT NULL REFERENCES RECORDING (ID) ON DELETE CASCADE,
			  EVENT_AT BIGINT NOT NULL,
			  KIND VARCHAR(32) NOT NULL,
			  DETAIL VARCHAR(1024) NOT NULL,
			  SAMPLE_POS BIGINT NOT NULL)""", """
			CREATE INDEX RECORDING_EVENT_RECORDING ON RECORDING_EVENT (RECORDING_ID, EVENT_AT)""", """
			CREATE TABLE PURGE_LOG (
			  PURGED_AT BIGINT NOT NULL,
			  RECORDING_ID BIGINT NOT NULL,
			  INTERACTION_ID VARCHAR(256) NOT NULL,
			  STARTED_AT BIGINT NOT NULL,
			  SEAL_HASH CHAR(64),
			  REASON VARCHAR(1024) NOT NULL)""");

	private final Path folder;
	private final EmbeddedDataSource source;
	private final String url;
	private volatile boolean closed;

	private Database(Path folder, EmbeddedDataSource source) {
		this.folder = folder;
		this.source = source;
		this.url = "jdbc:derby:" + folder;
	}

	/**
	 * Opens the encrypted database in {@code folder}, creating it (with AES-256 data encryption under
	 * {@code bootPassword}) and its tables when the folder holds none.
	 */
	public static Database open(Path folder, char[] bootPassword) throws RecordingException {
		return open(folder, bootPassword, true);
	}

	/**
	 * @param encrypted false only for the encryption test's control database, which must show what an
	 *                  unencrypted database gives away
	 */
	static Database open(Path folder, char[] bootPassword, boolean encrypted) throws RecordingException {
		if (encrypted && (bootPassword == null || bootPassword.length < 16)) {
			throw new IllegalArgumentException("The boot password must have at least 16 characters");
		}
		try {
			Files.createDirectories(folder.getParent());
		} catch (IOException e) {
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE,
					"The recordings folder " + folder.getParent() + " cannot be created: " + e.getMessage(), e);
		}
		boolean exists = Files.isRegularFile(folder.resolve("service.properties"));
		EmbeddedDataSource ds = new EmbeddedDataSource();
		ds.setDatabaseName(folder.toString());
		StringBuilder attributes = new StringBuilder();
		if (!exists) {
			ds.setCreateDatabase("create");
			if (encrypted) {
				attributes.append("dataEncryption=true;encryptionAlgorithm=AES/CBC/NoPadding;encryptionKeyLength=256;");
			}
		}
		if (encrypted) {
			attributes.append("bootPassword=").append(bootPassword);
		}
		ds.setConnectionAttributes(attributes.toString());
		Database db = new Database(folder, ds);
		try (Connection c = db.connection()) {
			if (!exists) {
				db.createSchema(c);
			}
		} catch (SQLException e) {
			throw translate(e, "open the recordings database " + folder);
		} finally {
			attributes.setLength(0);
		}
		return db;
	}

	private void createSchema(Connection c) throws SQLException {
		c.setAutoCommit(false);
		try (Statement s = c.createStatement()) {
			for (String ddl : SCHEMA) {
				s.executeUpdate(ddl);
			}
			s.executeUpdate("INSERT INTO WCC_SCHEMA VALUES (" + SCHEMA_VERSION + ")");
			c.commit();
		} catch (SQLException e) {
			c.rollback();
			throw e;
		}
	}

	public Path folder() {
		return folder;
	}

	/** @return a new connection (auto-commit on); close it after use */
	public Connection connection() throws SQLException {
		if (closed) {
			throw new SQLException("The recordings database is closed", "08003");
		}
		return source.getConnection();
	}

	/** Shuts the database down (not the Derby engine, which other code may use). Idempotent. */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		EmbeddedDataSource down = new EmbeddedDataSource();
		down.setDatabaseName(folder.toString());
		down.setShutdownDatabase("shutdown");
		try (Connection c = down.getConnection()) {
			// a successful shutdown always throws
		} catch (SQLException e) {
			// 08006: the database was shut down, as asked
		}
	}

	@Override
	public String toString() {
		return url;
	}

	/**
	 * Turns a Derby error into a message for people: a locked database, a full disk, a wrong boot password and damage
	 * each say what happened and what to do.
	 *
	 * @param doing what was being done, for example {@code store a chunk}
	 */
	static RecordingException translate(SQLException e, String doing) {
		String state = deepestState(e);
		String text = allMessages(e).toLowerCase(Locale.ROOT);
		if ("XSDB6".equals(state) || text.contains("another instance of derby may have already booted")) {
			return new RecordingException(Reason.STORAGE_UNAVAILABLE, "Cannot " + doing
					+ ": the recordings database is locked by another program (another workstation running with the"
					+ " same data folder?). Close it and try again.", e);
		}
		if (text.contains("no space left") || text.contains("disk full") || "XSDG3".equals(state)
				&& text.contains("space")) {
			return new RecordingException(Reason.DISK_FULL, "Cannot " + doing
					+ ": the disk holding the recordings is full. Free space; the recording so far is kept.", e);
		}
		if ("XBM06".equals(state) || "XBCXK".equals(state) || text.contains("boot password")) {
			return new RecordingException(Reason.STORAGE_UNAVAILABLE, "Cannot " + doing
					+ ": the recordings database does not accept the boot password kept in secure storage.", e);
		}
		if (state != null && (state.startsWith("XSDG") || state.startsWith("XSLA") || state.startsWith("XSDF")
				|| state.startsWith("XBM0"))) {
			return new RecordingException(Reason.CORRUPT, "Cannot " + doing
					+ ": the recordings database is damaged (" + state + "): " + e.getMessage(), e);
		}
		return new RecordingException(Reason.STORAGE_UNAVAILABLE,
				"Cannot " + doing + ": " + e.getMessage() + (state == null ? "" : " (" + state + ")"), e);
	}

	private static String deepestState(SQLException e) {
		String state = e.getSQLState();
		for (SQLException n = e.getNextException(); n != null; n = n.getNextException()) {
			if (n.getSQLState() != null) {
				state = n.getSQLState();
			}
		}
		Throwable t = e.getCause();
		while (t != null) {
			if (t instanceof SQLException s && s.getSQLState() != null) {
				state = s.getSQLState();
			}
			t = t.getCause();
		}
		return state;
	}

	private static String allMessages(Throwable e) {
		StringBuilder b = new StringBuilder();
		for (Throwable t = e; t != null; t = t.getCause()) {
			b.append(t.getMessage()).append('\n');
			if (t instanceof SQLException s) {
				for (SQLException n = s.getNextException(); n != null; n = n.getNextException()) {
					b.append(n.getMessage()).append('\n');
				}
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return b.toString();
	}
}
