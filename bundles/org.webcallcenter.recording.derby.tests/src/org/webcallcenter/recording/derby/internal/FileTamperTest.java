package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.VerifyResult;
import org.webcallcenter.testing.MutableClock;

/**
 * Tampering below SQL: one byte of the encrypted database's files is changed on disk while the database is shut
 * down, as someone with access to the disk (not to the boot password) could. The chunk table's container file is
 * found through Derby's catalog (its conglomerate number names {@code seg0/c<hex>.dat}) and its page size through
 * {@code SYSCS_DIAG.SPACE_TABLE}. Verify must then name the damaged recording and pass the others; never pass the
 * damaged one silently, never throw. When the damage is in a page Derby needs to boot, opening the database gives
 * a clear "damaged" message, which the verify command line prints (exit code 2).
 */
class FileTamperTest {
	@TempDir
	Path dir;

	private record Container(Path file, int pageSize, long pages) {
	}

	/** The heap container of a table: its file and page size, read from the running database. */
	private static Container container(Database db, String table) throws Exception {
		try (Connection c = db.connection()) {
			long number;
			try (PreparedStatement p = c.prepareStatement("SELECT C.CONGLOMERATENUMBER FROM SYS.SYSCONGLOMERATES C"
					+ " JOIN SYS.SYSTABLES T ON C.TABLEID = T.TABLEID WHERE T.TABLENAME = ? AND C.ISINDEX = FALSE")) {
				p.setString(1, table);
				try (ResultSet r = p.executeQuery()) {
					assertTrue(r.next(), "no conglomerate for " + table);
					number = r.getLong(1);
				}
			}
			try (PreparedStatement p = c.prepareStatement("SELECT PAGESIZE, NUMALLOCATEDPAGES FROM TABLE "
					+ "(SYSCS_DIAG.SPACE_TABLE('APP', ?)) S WHERE ISINDEX = 0")) {
				p.setString(1, table);
				try (ResultSet r = p.executeQuery()) {
					assertTrue(r.next(), "no space figures for " + table);
					return new Container(db.folder().resolve("seg0/c" + Long.toHexString(number) + ".dat"),
							r.getInt(1), r.getLong(2));
				}
			}
		}
	}

	/** Flips one byte in the middle of page {@code page} of a container file. */
	private static void flipByte(Container c, long page) throws Exception {
		long at = page * c.pageSize() + c.pageSize() / 2;
		assertTrue(Files.size(c.file()) > at, c.file() + " has no page " + page);
		try (FileChannel f = FileChannel.open(c.file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			ByteBuffer b = ByteBuffer.allocate(1);
			f.read(b, at);
			b.put(0, (byte) (b.get(0) ^ 0x5A));
			b.rewind();
			f.write(b, at);
			f.force(true);
		}
	}

	@Test
	void aByteChangedInTheChunkTablesFileIsFoundAndTheRecordingNamed() throws Exception {
		Path folder = dir.resolve("db");
		long first;
		long second;
		Container chunks;
		try (Database db = TestStores.open(folder, true)) {
			RecordingStore store = TestStores.store(db, new MutableClock(Instant.parse("2026-11-26T09:00:00Z")));
			store.create(TestStores.interaction("call-a", "+41445550001", Instant.parse("2026-11-26T09:00:00Z")));
			store.create(TestStores.interaction("call-b", "+41445550002", Instant.parse("2026-11-26T09:10:00Z")));
			// the first recording fills the container's first data pages (1 s chunks of 16 KB each)
			first = TestStores.recordTones(store, "call-a", 6.0);
			second = TestStores.recordTones(store, "call-b", 6.0);
			chunks = container(db, "RECORDING_CHUNK");
			assertTrue(store.verify(first).intact() && store.verify(second).intact());
		} // shut down: every page is on disk
		System.out.printf("file tamper: RECORDING_CHUNK is %s, %d-byte pages, %d allocated%n",
				folder.relativize(chunks.file()), chunks.pageSize(), chunks.pages());
		assertTrue(chunks.pages() >= 6, "the chunks span several pages: " + chunks);
		// page 0 is the container's header; page 2 holds one of the first recording's early chunks
		flipByte(chunks, 2);

		try (Database db = TestStores.open(folder, true)) {
			RecordingStore store = TestStores.store(db, new MutableClock(Instant.parse("2026-11-27T09:00:00Z")));
			List<VerifyResult> all = store.verifyAll(p -> {
			});
			assertEquals(2, all.size());
			VerifyResult a = all.get(0);
			assertEquals(first, a.recordingId());
			assertFalse(a.intact(), "the damaged recording must not pass");
			String problems = String.join("; ", a.problems());
			System.out.println("file tamper: verify says recording " + first + ": " + problems);
			assertTrue(problems.contains("damaged") || problems.contains("does not match its hash"), problems);
			assertFalse(problems.contains("Hex dump"), problems);
			VerifyResult b = all.get(1);
			assertTrue(b.intact(), "the other recording is untouched: " + b.problems());

			// the command line's report of the same database
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			int exit = VerifyApplication.run(() -> store.verifyAll(p -> {
			}), new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8));
			String printed = out.toString(StandardCharsets.UTF_8);
			assertEquals(VerifyApplication.BROKEN, exit, printed + err);
			assertTrue(printed.contains("BROKEN " + first + " call-a: "), printed);
			assertFalse(printed.contains("BROKEN " + second + " "), printed);
			assertTrue(printed.contains("verified 2 recordings, 1 broken"), printed);
		}
	}

	@Test
	void aDatabaseDamagedWhereDerbyBootsFromSaysSoClearly() throws Exception {
		Path folder = dir.resolve("db");
		Container catalog;
		try (Database db = TestStores.open(folder, true)) {
			RecordingStore store = TestStores.store(db, new MutableClock(Instant.parse("2026-11-26T09:00:00Z")));
			store.create(TestStores.interaction("call-a", "+41445550001", Instant.parse("2026-11-26T09:00:00Z")));
			TestStores.recordTones(store, "call-a", 1.0);
			catalog = container(db, "RECORDING");
		}
		// the recordings table's header page: needed to open the table, every recording is behind it
		flipByte(catalog, 0);
		// what the verify command line prints for it (the same message the Recordings view shows)
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = VerifyApplication.run(() -> {
			try (Database db = TestStores.open(folder, true)) {
				return TestStores.store(db, new MutableClock(Instant.parse("2026-11-27T09:00:00Z"))).verifyAll(p -> {
				});
			}
		}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		String said = err.toString(StandardCharsets.UTF_8);
		System.out.println("file tamper (table header): exit " + exit + ", " + said.strip());
		assertEquals(VerifyApplication.UNAVAILABLE, exit, out.toString(StandardCharsets.UTF_8) + said);
		assertEquals("", out.toString(StandardCharsets.UTF_8), "no recording is called intact");
		assertTrue(said.startsWith("verify: Cannot "), said);
		assertTrue(said.contains("the recordings database is damaged (XSDG"), said);
		assertTrue(said.contains("Restore the database folder from a backup"), said);
		assertFalse(said.contains("Hex dump"), "a message for people, not a page dump: " + said);
	}

	@Test
	void aDatabaseDerbyRefusesToBootSaysSoClearly() throws Exception {
		Path folder = dir.resolve("db");
		TestStores.open(folder, true).close();
		// the first system catalog's container (seg0/c10.dat): Derby reads it to boot the database
		flipByte(new Container(folder.resolve("seg0/c10.dat"), 4096, 1), 0);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = VerifyApplication.run(() -> {
			try (Database db = TestStores.open(folder, true)) {
				throw new AssertionError("Derby booted a database whose catalog page is damaged");
			}
		}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		String said = err.toString(StandardCharsets.UTF_8);
		System.out.println("file tamper (boot): exit " + exit + ", " + said.strip());
		assertEquals(VerifyApplication.UNAVAILABLE, exit, said);
		assertTrue(said.startsWith("verify: Cannot open the recordings database "), said);
		assertTrue(said.contains("the recordings database is damaged (XSDG"), "the real reason, not XJ040: " + said);
		assertTrue(said.contains("Restore the database folder from a backup"), said);
		assertFalse(said.contains("Hex dump"), said);
	}
}
