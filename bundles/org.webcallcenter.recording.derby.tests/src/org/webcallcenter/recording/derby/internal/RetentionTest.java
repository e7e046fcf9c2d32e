package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.testing.MutableClock;

/** Retention on a simulated clock: nothing goes before five years, a legal hold keeps a recording for ever. */
class RetentionTest {
	private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

	@TempDir
	Path dir;
	private Database db;
	private RecordingStore store;
	private final MutableClock clock = new MutableClock(T0);

	@BeforeEach
	void open() throws Exception {
		db = TestStores.open(dir.resolve("db"), true);
		store = TestStores.store(db, clock);
	}

	@AfterEach
	void close() {
		db.close();
	}

	@Test
	void deletionBeforeTheRetentionEndsIsRefusedAndAfterwardsLogged() throws Exception {
		store.create(TestStores.interaction("old", "+4100", T0));
		long id = TestStores.recordTones(store, "old", 1.0);
		clock.set(Instant.parse("2031-01-15T09:59:59Z"));
		RecordingException refused = assertThrows(RecordingException.class, () -> store.delete(id, "tidy up"));
		assertEquals(RecordingException.Reason.RETENTION, refused.reason());
		assertTrue(refused.getMessage().contains("2031-01-15T10:00"), refused.getMessage());
		assertEquals(List.of(), store.purgeCandidates());
		assertTrue(store.recording(id).isPresent());

		clock.advance(Duration.ofSeconds(1));
		assertEquals(List.of(id), store.purgeCandidates());
		store.delete(id, "retention ended");
		assertTrue(store.recording(id).isEmpty());
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
				"SELECT RECORDING_ID, REASON, SEAL_HASH FROM PURGE_LOG");
				ResultSet r = p.executeQuery()) {
			assertTrue(r.next());
			assertEquals(id, r.getLong(1));
			assertEquals("retention ended", r.getString(2));
			assertEquals(64, r.getString(3).length());
		}
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
				"SELECT COUNT(*) FROM RECORDING_CHUNK"); ResultSet r = p.executeQuery()) {
			r.next();
			assertEquals(0, r.getInt(1), "the audio went with the recording");
		}
	}

	@Test
	void theRetentionJobPurgesWhatIsDueWithProgressAndKeepsTheRest() throws Exception {
		store.create(TestStores.interaction("due", "+4100", T0));
		long due = TestStores.recordTones(store, "due", 1.0);
		clock.advance(Duration.ofDays(400));
		store.create(TestStores.interaction("young", "+4101", clock.instant()));
		long young = TestStores.recordTones(store, "young", 1.0);
		store.create(TestStores.interaction("held", "+4102", T0));
		long held = TestStores.recordTones(store, "held", 1.0);
		store.setLegalHold(held, true, "litigation");
		clock.set(Instant.parse("2031-06-01T00:00:00Z"));
		RetentionJob job = new RetentionJob(store).once();
		job.schedule();
		job.join(30_000, null);
		assertEquals(org.eclipse.core.runtime.IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
		assertEquals(List.of(due), job.lastPurged());
		assertTrue(store.recording(due).isEmpty());
		assertTrue(store.recording(young).isPresent());
		assertTrue(store.recording(held).isPresent());
	}

	@Test
	void aLegalHoldBlocksDeletionUntilLifted() throws Exception {
		store.create(TestStores.interaction("held", "+4100", T0));
		long held = TestStores.recordTones(store, "held", 1.0);
		store.create(TestStores.interaction("free", "+4101", T0));
		long free = TestStores.recordTones(store, "free", 1.0);
		store.setLegalHold(held, true, "case 2031-17");
		clock.set(Instant.parse("2038-01-01T00:00:00Z"));
		assertEquals(List.of(free), store.purgeCandidates());
		RecordingException refused = assertThrows(RecordingException.class, () -> store.delete(held, "x"));
		assertEquals(RecordingException.Reason.LEGAL_HOLD, refused.reason());
		store.setLegalHold(held, false, "case closed");
		assertEquals(List.of(held, free), store.purgeCandidates());
		assertTrue(store.events(held).stream().anyMatch(e -> e.kind().equals("HOLD_SET")
				&& e.detail().equals("case 2031-17")));
		store.delete(held, "retention ended");
		assertTrue(store.recording(held).isEmpty());
	}
}
