package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingState;
import org.webcallcenter.testing.MutableClock;

/**
 * The writer stores all live recordings of a round in one transaction; one recording's bad batch must not cost the
 * others their audio, and nothing of the bad one may be half stored.
 */
class WriterRoundTest {
	@TempDir
	Path dir;

	@Test
	void aRoundStoresEveryRecordingAndOneBadBatchCostsTheOthersNothing() throws Exception {
		try (Database db = TestStores.open(dir.resolve("db"), true)) {
			RecordingStore store = TestStores.store(db, new MutableClock(Instant.parse("2026-11-26T12:00:00Z")));
			List<String> problems = new CopyOnWriteArrayList<>();
			List<LiveRecording> live = new ArrayList<>();
			for (int k = 0; k < 3; k++) {
				store.create(TestStores.interaction("call-" + k, "+4155000" + k, Instant.parse("2026-11-26T12:00:00Z")));
				long[] nanos = { 0 };
				live.add(new LiveRecording(store, store.startRecording("call-" + k), () -> nanos[0], problems::add));
			}
			for (int f = 0; f < 50; f++) { // one second each
				for (LiveRecording r : live) {
					r.append(Channel.CUSTOMER, f * 160L, TestStores.tone(440, f * 160L, 160));
					r.append(Channel.AGENT, f * 160L, TestStores.tone(1000, f * 160L, 160));
				}
			}
			LiveRecording.flushAll(store, live); // one round, one transaction
			assertEquals(List.of(), problems);
			for (LiveRecording r : live) {
				assertEquals(16_000, store.recording(r.id()).orElseThrow().customerSamples()
						+ store.recording(r.id()).orElseThrow().agentSamples());
			}

			// a batch whose chunk number is taken already (a second writer of recording 1): the database refuses it
			RecordingStore.OpenChain stale = new RecordingStore.OpenChain(live.get(1).id(), "call-1", 0, new byte[32]);
			List<RecordingStore.Batch> round = new ArrayList<>();
			round.add(new RecordingStore.Batch(stale, List.of(new RecordingStore.Chunk(Channel.AGENT, 8000,
					TestStores.tone(1000, 8000, 160))), 8160));
			RecordingStore.OpenChain good = chainOf(store, live.get(2).id(), "call-2");
			round.add(new RecordingStore.Batch(good, List.of(new RecordingStore.Chunk(Channel.AGENT, 8000,
					TestStores.tone(1000, 8000, 160))), 8160));
			List<RecordingException> result = store.appendAll(round);
			assertNotNull(result.get(0), "the stale batch is refused");
			assertNull(result.get(1), "the good batch is stored all the same: " + result.get(1));
			assertEquals(3, count(db, live.get(2).id()), "recording 2 got its third chunk");
			assertEquals(2, count(db, live.get(1).id()), "nothing of the refused batch was stored");
		}
	}

	/** The chain of a recording as its writer holds it, read back from the store's row. */
	private static RecordingStore.OpenChain chainOf(RecordingStore store, long id, String interaction)
			throws Exception {
		var r = store.recording(id).orElseThrow();
		RecordingStore.OpenChain c = new RecordingStore.OpenChain(id, interaction, r.startedAt().toEpochMilli(),
				ChunkChain.unhex(r.chainHash()));
		c.seq = r.chunks();
		c.customerSamples = r.customerSamples();
		c.agentSamples = r.agentSamples();
		c.lengthSamples = r.lengthSamples();
		return c;
	}

	private static int count(Database db, long id) throws Exception {
		try (Connection c = db.connection();
				PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM RECORDING_CHUNK WHERE RECORDING_ID = ?")) {
			p.setLong(1, id);
			try (ResultSet r = p.executeQuery()) {
				r.next();
				return r.getInt(1);
			}
		}
	}

	@Test
	void theRoundsRecordingsStayIntactAfterFinishing() throws Exception {
		try (Database db = TestStores.open(dir.resolve("db"), true)) {
			RecordingStore store = TestStores.store(db, new MutableClock(Instant.parse("2026-11-26T12:00:00Z")));
			List<LiveRecording> live = new ArrayList<>();
			for (int k = 0; k < 4; k++) {
				store.create(TestStores.interaction("c" + k, "+4166000" + k, Instant.parse("2026-11-26T12:00:00Z")));
				long[] nanos = { 0 };
				live.add(new LiveRecording(store, store.startRecording("c" + k), () -> nanos[0], m -> {
					throw new AssertionError(m);
				}));
			}
			for (int f = 0; f < 150; f++) {
				for (LiveRecording r : live) {
					r.append(Channel.CUSTOMER, f * 160L, TestStores.tone(440, f * 160L, 160));
				}
				if (f % 25 == 24) {
					LiveRecording.flushAll(store, live);
				}
			}
			for (LiveRecording r : live) {
				r.finish(RecordingState.COMPLETE, "test");
				assertTrue(store.verify(r.id()).intact(), store.verify(r.id()).problems().toString());
				assertEquals(24_000, store.recording(r.id()).orElseThrow().customerSamples());
			}
		}
	}
}
