package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingException.Reason;
import org.webcallcenter.recording.api.archive.ArchiveQuery;
import org.webcallcenter.recording.api.archive.ArchiveReceipt;
import org.webcallcenter.recording.api.archive.ArchivedDocument;
import org.webcallcenter.testing.MutableClock;

/**
 * The document archive in a real encrypted Derby database: documents come back exactly, search by kind, instrument,
 * author and publication date, a second store of the same revision is refused, the database itself refuses UPDATE
 * and DELETE, damage is reported, and the tables survive a reopen and appear in a database made before them.
 */
class ArchiveTest {
	private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
	private static final String SECRET_WORDS = "Buy-the-dip-on-SIM600519-before-noon";

	@TempDir
	Path dir;
	private Database db;
	private MutableClock clock;
	private ArchiveStore archive;

	@BeforeEach
	void open() throws Exception {
		db = TestStores.open(dir.resolve("db"), true);
		clock = new MutableClock(DAY.plus(Duration.ofDays(10)));
		archive = new ArchiveStore(db, clock);
	}

	@AfterEach
	void close() {
		db.close();
	}

	private static ArchivedDocument doc(String kind, String id, int revision, String author, int day, int hour,
			List<String> instruments, String body) {
		return ArchivedDocument.of(kind, id, revision, "Title of " + id, author, "carol", author,
				DAY.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)).plusNanos(123_456_789), instruments,
				"application/json", body);
	}

	private List<String> ids(ArchiveQuery q) throws RecordingException {
		return archive.search(q).stream().map(d -> d.id() + "@" + d.revision()).toList();
	}

	private void fill() throws RecordingException {
		archive.store(doc("commentary", "a", 3, "alice", 0, 9, List.of("SIM600519.SH", "SIM000001.SZ"), "{\"n\":1}"));
		archive.store(doc("commentary", "b", 3, "bob", 1, 10, List.of("SIM600519.SH"), "{\"n\":2}"));
		archive.store(doc("commentary", "c", 4, "alice", 2, 11, List.of("SIM000002.SZ"), "{\"n\":3}"));
		archive.store(doc("note", "d", 1, "alice", 3, 8, List.of("SIM600519.SH"), "plain text"));
	}

	@Test
	void aStoredDocumentComesBackExactlyWithItsHash() throws Exception {
		ArchivedDocument d = doc("commentary", "x", 3, "alice", 0, 9, List.of("SIM600519.SH", "sim000001.sz"),
				"{\"title\":\"\u8d35\u5dde\u8305\u53f0\",\"body\":\"" + SECRET_WORDS + "\"}");
		ArchiveReceipt r = archive.store(d);
		assertEquals(d.sha256(), r.sha256());
		assertEquals(ArchivedDocument.sha256(d.body()), r.sha256());
		assertEquals(64, r.sha256().length());
		assertEquals(clock.instant(), r.archivedAt());
		assertEquals(d, archive.find("commentary", "x", 3).orElseThrow(), "every field, nanoseconds included");
		assertTrue(archive.find("commentary", "x", 2).isEmpty());
		assertTrue(archive.find("note", "x", 3).isEmpty(), "the kind is part of the key");
		archive.store(doc("commentary", "x", 5, "alice", 1, 9, List.of(), "{}"));
		assertEquals(List.of(3, 5), archive.revisions("commentary", "x").stream().map(ArchivedDocument::revision)
				.toList());
		assertThrows(IllegalArgumentException.class, () -> new ArchivedDocument("commentary", "y", 1, "", "alice",
				"", "alice", DAY, List.of(), "text/plain", "body", ArchivedDocument.sha256("another body")),
				"a document cannot carry another body's hash");
		assertThrows(IllegalArgumentException.class, () -> doc("Commentary!", "y", 1, "a", 0, 0, List.of(), ""));
		assertThrows(IllegalArgumentException.class, () -> doc("commentary", "y", 0, "a", 0, 0, List.of(), ""));
	}

	@Test
	void searchByKindInstrumentAuthorAndPublicationDateNewestFirst() throws Exception {
		fill();
		ArchiveQuery any = ArchiveQuery.any();
		assertEquals(List.of("d@1", "c@4", "b@3", "a@3"), ids(any));
		assertEquals(List.of("c@4", "b@3", "a@3"), ids(any.withKind("commentary")));
		assertEquals(List.of("d@1", "b@3", "a@3"), ids(any.withInstrument("SIM600519.SH")));
		assertEquals(List.of("d@1", "b@3", "a@3"), ids(any.withInstrument("sim600519.sh")), "symbols ignore case");
		assertEquals(List.of("a@3"), ids(any.withInstrument("SIM000001.SZ")));
		assertEquals(List.of("d@1", "c@4", "a@3"), ids(any.withAuthor("alice")));
		assertEquals(List.of("c@4", "b@3"), ids(any.withPublished(DAY.plus(Duration.ofDays(1)),
				DAY.plus(Duration.ofDays(3)))));
		Instant exactlyB = DAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(10)).plusNanos(123_456_789);
		assertEquals(List.of("b@3"), ids(any.withPublished(exactlyB, exactlyB.plusNanos(1))),
				"from is inclusive, to exclusive, to the nanosecond");
		assertEquals(List.of(), ids(any.withPublished(exactlyB.plusNanos(1), exactlyB.plusNanos(2))));
		assertEquals(List.of("a@3"), ids(any.withKind("commentary").withAuthor("alice")
				.withInstrument("SIM600519.SH").withPublished(null, DAY.plus(Duration.ofDays(1)))));
		assertEquals(List.of("d@1"), ids(any.withLimit(1)));
		assertEquals(List.of(), ids(any.withInstrument("SIM999999")));
		assertThrows(IllegalArgumentException.class, () -> any.withPublished(DAY, DAY));
		assertThrows(IllegalArgumentException.class, () -> any.withLimit(0));
	}

	@Test
	void aSecondStoreOfTheSameRevisionIsRefusedAndChangesNothing() throws Exception {
		ArchivedDocument first = doc("commentary", "dup", 3, "alice", 0, 9, List.of("SIM600519.SH"), "{\"v\":1}");
		archive.store(first);
		ArchivedDocument changed = doc("commentary", "dup", 3, "mallory", 0, 9, List.of("SIM000001.SZ"),
				"{\"v\":2}");
		RecordingException e = assertThrows(RecordingException.class, () -> archive.store(changed));
		assertEquals(Reason.INVALID, e.reason());
		assertTrue(e.getMessage().contains("never change"), e.getMessage());
		assertEquals(Reason.INVALID, assertThrows(RecordingException.class, () -> archive.store(first)).reason(),
				"even the same body is stored once");
		assertEquals(first, archive.find("commentary", "dup", 3).orElseThrow());
		assertEquals(List.of(), ids(ArchiveQuery.any().withInstrument("SIM000001.SZ")),
				"the refused store left no instrument row behind");
		assertEquals(1, archive.revisions("commentary", "dup").size());
	}

	@Test
	void theDatabaseRefusesUpdateAndDeleteOfArchivedRows() throws Exception {
		ArchivedDocument d = doc("commentary", "fixed", 3, "alice", 0, 9, List.of("SIM600519.SH"), "{\"v\":1}");
		archive.store(d);
		ArchivedDocument bare = doc("commentary", "bare", 1, "alice", 0, 9, List.of(), "{}");
		archive.store(bare);
		for (String sql : List.of("UPDATE ARCHIVE_DOCUMENT SET BODY = '{\"v\":2}' WHERE DOC_ID = 'fixed'",
				"UPDATE ARCHIVE_DOCUMENT SET AUTHOR = 'mallory'", "DELETE FROM ARCHIVE_DOCUMENT WHERE DOC_ID = 'bare'",
				"UPDATE ARCHIVE_INSTRUMENT SET INSTRUMENT_KEY = 'X'", "DELETE FROM ARCHIVE_INSTRUMENT")) {
			try (Connection c = db.connection(); Statement s = c.createStatement()) {
				SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
				assertTrue(e.getMessage().contains(ArchiveSchema.APPEND_ONLY_CONSTRAINT), sql + ": " + e.getMessage());
			}
		}
		try (Connection c = db.connection(); Statement s = c.createStatement()) {
			SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM ARCHIVE_DOCUMENT"));
			assertTrue(e.getMessage().contains("ARCHIVE_INSTRUMENT_OF_DOCUMENT")
					|| e.getMessage().contains(ArchiveSchema.APPEND_ONLY_CONSTRAINT), e.getMessage());
		}
		assertEquals(d, archive.find("commentary", "fixed", 3).orElseThrow(), "nothing changed");
		assertEquals(bare, archive.find("commentary", "bare", 1).orElseThrow());
		assertEquals(List.of("fixed@3"), ids(ArchiveQuery.any().withInstrument("SIM600519.SH")));
	}

	@Test
	void aBodyChangedBehindTheArchivesBackIsReportedNotServed() throws Exception {
		archive.store(doc("commentary", "tampered", 3, "alice", 0, 9, List.of(), "{\"v\":1}"));
		try (Connection c = db.connection(); Statement s = c.createStatement()) {
			// only someone who drops the guard can change a row; the hash still catches it
			s.executeUpdate("DROP TRIGGER ARCHIVE_DOCUMENT_NO_UPDATE");
			s.executeUpdate("UPDATE ARCHIVE_DOCUMENT SET BODY = '{\"v\":2}' WHERE DOC_ID = 'tampered'");
		}
		RecordingException e = assertThrows(RecordingException.class, () -> archive.find("commentary", "tampered", 3));
		assertEquals(Reason.CORRUPT, e.reason());
		assertTrue(e.getMessage().contains("tampered"), e.getMessage());
	}

	@Test
	void theTablesAreMadeOnceAndSurviveAReopenEncrypted() throws Exception {
		ArchivedDocument d = doc("commentary", "kept", 3, "alice", 0, 9, List.of("SIM600519.SH"),
				"{\"body\":\"" + SECRET_WORDS + "\"}");
		archive.store(d);
		new ArchiveStore(db, clock); // a second start: the tables exist, nothing is made or lost
		db.close();
		assertTrue(scan(dir.resolve("db"), SECRET_WORDS).isEmpty(), "the archived text is encrypted on disk");
		db = TestStores.open(dir.resolve("db"), true);
		archive = new ArchiveStore(db, clock);
		assertEquals(d, archive.find("commentary", "kept", 3).orElseThrow());
		assertEquals(Reason.INVALID, assertThrows(RecordingException.class, () -> archive.store(d)).reason(),
				"still refused after a restart");
	}

	@Test
	void anUnencryptedControlShowsTheScanWorks() throws Exception {
		Path folder = dir.resolve("control");
		try (Database control = TestStores.open(folder, false)) {
			new ArchiveStore(control, clock).store(doc("commentary", "plain", 1, "alice", 0, 9, List.of(),
					"{\"body\":\"" + SECRET_WORDS + "\"}"));
		}
		assertTrue(!scan(folder, SECRET_WORDS).isEmpty(),
				"the text is readable in the unencrypted control's data files");
	}

	@Test
	void aDatabaseMadeBeforeTheArchiveGetsItsTables() throws Exception {
		Path folder = dir.resolve("older");
		try (Database older = TestStores.open(folder, true)) {
			TestStores.store(older, clock).create(TestStores.interaction("call-1", "+4111", DAY));
		}
		try (Database reopened = TestStores.open(folder, true)) {
			ArchiveStore a = new ArchiveStore(reopened, clock);
			a.store(doc("commentary", "late", 1, "alice", 0, 9, List.of(), "{}"));
			assertEquals(1, a.revisions("commentary", "late").size());
			assertTrue(TestStores.store(reopened, clock).find("call-1").isPresent(), "the old data is untouched");
		}
	}

	/** @return the files under {@code folder} whose raw bytes hold {@code text} */
	private static List<Path> scan(Path folder, String text) throws Exception {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> s = Files.walk(folder)) {
			List<Path> files = s.filter(Files::isRegularFile).toList();
			assertTrue(files.size() > 5, "the database has files to scan: " + files);
			List<Path> found = new java.util.ArrayList<>();
			for (Path f : files) {
				if (EncryptionTest.indexOf(Files.readAllBytes(f), needle) >= 0) {
					found.add(f);
				}
			}
			return found;
		}
	}
}
