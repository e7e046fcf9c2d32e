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
			CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '32768')""", """
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
			CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', NULL)""", """
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
		if (System.getProperty(LOG_BUFFER_PROPERTY) == null) {
			// system-wide and read when a database boots: set before the first connection
			System.setProperty(LOG_BUFFER_PROPERTY, Integer.toString(LOG_BUFFER_BYTES));
		}
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
			tune(c);
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

	/**
	 * Derby settings of this database for a steady stream of audio (dynamic database properties, kept in the
	 * database): a checkpoint after 128 MB of log instead of 10 MB, and log files of 32 MB instead of 1 MB. With 100
	 * recordings (about 4 MB of log a second) the defaults checkpoint every 2.5 s, writing pages again that are still
	 * filling, and switch log files four times a second. Durability is unchanged: every commit still forces the log
	 * to disk; what grows is the log replayed after a crash (at most 128 MB) and the log kept between checkpoints.
	 */
	static final List<String[]> TUNING = List.of(
			new String[] { "derby.storage.checkpointInterval", Integer.toString(128_000_000) },
			new String[] { "derby.storage.logSwitchInterval", Integer.toString(32 * 1024 * 1024) });

	/**
	 * Derby's log buffer (a system property, default 32 KB): 1 MB, so that a round of 100 recordings' chunks (about
	 * 2 MB of log) is written in a few large writes rather than sixty small ones. Only memory; the commit still
	 * forces the log.
	 */
	static final String LOG_BUFFER_PROPERTY = "derby.storage.logBufferSize";
	static final int LOG_BUFFER_BYTES = 1024 * 1024;

	private static void tune(Connection c) throws SQLException {
		c.setAutoCommit(true);
		for (String[] setting : TUNING) {
			String now;
			try (java.sql.PreparedStatement p = c.prepareStatement(
					"VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(?)")) {
				p.setString(1, setting[0]);
				try (java.sql.ResultSet r = p.executeQuery()) {
					now = r.next() ? r.getString(1) : null;
				}
			}
			if (!setting[1].equals(now)) {
				try (java.sql.CallableStatement p = c.prepareCall(
						"CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
					p.setString(1, setting[0]);
					p.setString(2, setting[1]);
					p.execute();
				}
			}
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

	/** Work done on one connection. */
	@FunctionalInterface
	interface Work<T> {
		T run(Connection c) throws SQLException, RecordingException;
	}

	/**
	 * Runs {@code work} in one transaction on a new connection: committed when it returns, rolled back when it
	 * throws; an {@link SQLException} becomes a {@link RecordingException} that says what was being done.
	 */
	<T> T transaction(String doing, Work<T> work) throws RecordingException {
		try (Connection c = connection()) {
			c.setAutoCommit(false);
			try {
				T result = work.run(c);
				c.commit();
				return result;
			} catch (SQLException | RecordingException | RuntimeException e) {
				c.rollback();
				throw e;
			}
		} catch (SQLException e) {
			throw translate(e, doing);
		}
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
		if ("25502".equals(state)) {
			return new RecordingException(Reason.STORAGE_UNAVAILABLE, "Cannot " + doing + ": the recordings database"
					+ " went read-only after a write failed (a full disk?). It is opened again once there is space.", e);
		}
		if ("XBM06".equals(state) || "XBCXK".equals(state) || text.contains("boot password")) {
			return new RecordingException(Reason.STORAGE_UNAVAILABLE, "Cannot " + doing
					+ ": the recordings database does not accept the boot password kept in secure storage.", e);
		}
		if (state != null && (state.startsWith("XSDG") || state.startsWith("XSLA") || state.startsWith("XSDF")
				|| state.startsWith("XBM0"))) {
			return new RecordingException(Reason.CORRUPT, "Cannot " + doing + ": the recordings database is damaged ("
					+ firstLine(e) + "). Nothing was changed. Restore the database folder from a backup and keep the"
					+ " damaged copy for investigation.", e);
		}
		return new RecordingException(Reason.STORAGE_UNAVAILABLE,
				"Cannot " + doing + ": " + e.getMessage() + (state == null ? "" : " (" + state + ")"), e);
	}

	/**
	 * @return the deepest Derby error as {@code STATE: message}, cut before a page dump (Derby appends the whole page
	 *         in hex to a checksum error) and to 300 characters
	 */
	static String firstLine(SQLException e) {
		SQLException deepest = e;
		for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
			if (t instanceof SQLException s) {
				// "Failed to start database (XJ040), see the next exception": the reason is in the next ones
				for (SQLException n = s; n != null; n = n.getNextException()) {
					if (n.getSQLState() != null && !"XJ040".equals(n.getSQLState())) {
						deepest = n;
					}
				}
			}
		}
		String text = String.valueOf(deepest.getMessage());
		int dump = text.indexOf(", page dump follows");
		if (dump >= 0) {
			text = text.substring(0, dump);
		}
		text = text.lines().findFirst().orElse("").strip();
		if (text.length() > 300) {
			text = text.substring(0, 300) + "…";
		}
		return deepest.getSQLState() + ": " + text;
	}

	/**
	 * Shuts the database down so that the next connection boots it afresh: after a damaged page Derby takes the
	 * database down, and a connection made before it is booted again fails inside Derby.
	 */
	void restart() {
		if (closed) {
			return;
		}
		EmbeddedDataSource down = new EmbeddedDataSource();
		down.setDatabaseName(folder.toString());
		down.setShutdownDatabase("shutdown");
		String state = null;
		try (Connection c = down.getConnection()) {
			// a successful shutdown always throws
		} catch (SQLException e) {
			state = e.getSQLState(); // 08006: shut down; XJ004: it was down already
		}
		if ("XJ001".equals(state)) {
			// Derby 10.17 after a damaged page on an encrypted database: the database stays half shut down
			// (NullPointerException on every connection, the shutdown too) until the whole engine is shut down;
			// the next connection boots the engine and the database again
			EmbeddedDataSource engine = new EmbeddedDataSource();
			engine.setDatabaseName("");
			engine.setShutdownDatabase("shutdown");
			try (Connection c = engine.getConnection()) {
				// a successful shutdown always throws
			} catch (SQLException e) {
				// XJ015: the engine was shut down
			}
		}
	}

	/** @return whether the error says the database went down under the work (shut down, or half shut down) */
	static boolean wentDown(RecordingException e) {
		for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof SQLException s && s.getSQLState() != null
					&& (s.getSQLState().equals("XJ001") || s.getSQLState().startsWith("08"))) {
				return true;
			}
		}
		return false;
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
