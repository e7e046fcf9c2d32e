package org.webcallcenter.recording.derby.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.webcallcenter.recording.api.RecordingException;

/**
 * The archive's own tables in the recordings database, created when missing (a new database, or one made before
 * the archive existed) and left alone when present: {@link #ensure} runs at every start.
 * <p>
 * Append-only is enforced by the database, not only by {@link ArchiveStore}: an UPDATE or DELETE of an archive
 * table fires a trigger that inserts into {@code ARCHIVE_REFUSAL}, whose check constraint
 * {@value #APPEND_ONLY_CONSTRAINT} refuses every row, so the whole statement fails and changes nothing.
 */
final class ArchiveSchema {
	/** The check constraint named in the error of every refused change. */
	static final String APPEND_ONLY_CONSTRAINT = "ARCHIVE_IS_APPEND_ONLY";

	private static final List<String> TABLES = List.of("""
			CREATE TABLE ARCHIVE_DOCUMENT (
			  KIND VARCHAR(64) NOT NULL,
			  DOC_ID VARCHAR(256) NOT NULL,
			  REVISION INT NOT NULL,
			  TITLE VARCHAR(512) NOT NULL,
			  AUTHOR VARCHAR(256) NOT NULL,
			  APPROVER VARCHAR(256) NOT NULL,
			  PUBLISHER VARCHAR(256) NOT NULL,
			  PUBLISHED_AT BIGINT NOT NULL,
			  PUBLISHED_NANOS INT NOT NULL,
			  ARCHIVED_AT BIGINT NOT NULL,
			  MEDIA_TYPE VARCHAR(128) NOT NULL,
			  BODY CLOB(4M) NOT NULL,
			  BODY_SHA256 CHAR(64) NOT NULL,
			  PRIMARY KEY (KIND, DOC_ID, REVISION))""", """
			CREATE INDEX ARCHIVE_DOCUMENT_PUBLISHED ON ARCHIVE_DOCUMENT (KIND, PUBLISHED_AT)""", """
			CREATE INDEX ARCHIVE_DOCUMENT_AUTHOR ON ARCHIVE_DOCUMENT (AUTHOR, PUBLISHED_AT)""", """
			CREATE TABLE ARCHIVE_INSTRUMENT (
			  KIND VARCHAR(64) NOT NULL,
			  DOC_ID VARCHAR(256) NOT NULL,
			  REVISION INT NOT NULL,
			  POS SMALLINT NOT NULL,
			  INSTRUMENT VARCHAR(64) NOT NULL,
			  INSTRUMENT_KEY VARCHAR(64) NOT NULL,
			  PUBLISHED_AT BIGINT NOT NULL,
			  PRIMARY KEY (KIND, DOC_ID, REVISION, POS),
			  CONSTRAINT ARCHIVE_INSTRUMENT_OF_DOCUMENT FOREIGN KEY (KIND, DOC_ID, REVISION) REFERENCES ARCHIVE_DOCUMENT (KIND, DOC_ID, REVISION))""", """
			CREATE INDEX ARCHIVE_INSTRUMENT_KEY ON ARCHIVE_INSTRUMENT (INSTRUMENT_KEY, PUBLISHED_AT)""", """
			CREATE TABLE ARCHIVE_REFUSAL (
			  REFUSED VARCHAR(64),
			  CONSTRAINT ARCHIVE_IS_APPEND_ONLY CHECK (REFUSED IS NULL))""", """
			CREATE TRIGGER ARCHIVE_DOCUMENT_NO_UPDATE AFTER UPDATE ON ARCHIVE_DOCUMENT FOR EACH STATEMENT
			  INSERT INTO ARCHIVE_REFUSAL VALUES ('UPDATE ARCHIVE_DOCUMENT')""", """
			CREATE TRIGGER ARCHIVE_DOCUMENT_NO_DELETE AFTER DELETE ON ARCHIVE_DOCUMENT FOR EACH STATEMENT
			  INSERT INTO ARCHIVE_REFUSAL VALUES ('DELETE ARCHIVE_DOCUMENT')""", """
			CREATE TRIGGER ARCHIVE_INSTRUMENT_NO_UPDATE AFTER UPDATE ON ARCHIVE_INSTRUMENT FOR EACH STATEMENT
			  INSERT INTO ARCHIVE_REFUSAL VALUES ('UPDATE ARCHIVE_INSTRUMENT')""", """
			CREATE TRIGGER ARCHIVE_INSTRUMENT_NO_DELETE AFTER DELETE ON ARCHIVE_INSTRUMENT FOR EACH STATEMENT
			  INSERT INTO ARCHIVE_REFUSAL VALUES ('DELETE ARCHIVE_INSTRUMENT')""");

	private ArchiveSchema() {
	}

	/** Creates the archive's tables and triggers in one transaction unless they exist; safe to call again. */
	static synchronized void ensure(Database db) throws RecordingException {
		try (Connection c = db.connection()) {
			if (exists(c, "ARCHIVE_DOCUMENT")) {
				return;
			}
			c.setAutoCommit(false);
			try (Statement s = c.createStatement()) {
				for (String ddl : TABLES) {
					s.executeUpdate(ddl);
				}
				c.commit();
			} catch (SQLException e) {
				c.rollback();
				throw e;
			}
		} catch (SQLException e) {
			throw Database.translate(e, "create the archive's tables");
		}
	}

	private static boolean exists(Connection c, String table) throws SQLException {
		DatabaseMetaData meta = c.getMetaData();
		try (ResultSet r = meta.getTables(null, null, table, new String[] { "TABLE" })) {
			return r.next();
		}
	}
}
