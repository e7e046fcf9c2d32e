package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingState;
import org.webcallcenter.testing.MutableClock;

/**
 * When the database stops taking writes in mid-call, the recorder reports it once with a clear message, the media
 * thread is never disturbed, and what was stored before stays readable and intact.
 */
class StorageErrorTest {
	@TempDir
	Path dir;

	@Test
	void aWriteFailureIsReportedOnceAndWhatWasStoredStaysReadable() throws Exception {
		List<String> problems = new CopyOnWriteArrayList<>();
		long id;
		try (Database db = TestStores.open(dir.resolve("db"), true)) {
			RecordingStore store = TestStores.store(db, new MutableClock(Instant.parse("2026-11-26T12:00:00Z")));
			store.create(TestStores.interaction("call-err", "+4155", Instant.parse("2026-11-26T12:00:00Z")));
			RecordingStore.OpenChain chain = store.startRecording("call-err");
			id = chain.id;
			long[] nanos = { 0 };
			LiveRecording live = new LiveRecording(store, chain, () -> nanos[0], problems::add);
			for (int f = 0; f < 100; f++) { // two seconds stored
				live.append(Channel.AGENT, f * 160L, TestStores.tone(1000, f * 160L, 160));
				nanos[0] += 20_000_000L;
			}
			live.flush();
			assertEquals(List.of(), problems);
			db.close(); // the database goes away under the call (as when its disk fails)
			for (int f = 100; f < 200; f++) { // the call goes on: frames keep coming, nothing throws
				live.append(Channel.AGENT, f * 160L, TestStores.tone(1000, f * 160L, 160));
				if (f % 25 == 0) {
					live.flush();
				}
			}
			live.flush();
			assertEquals(1, problems.size(), "reported once, not per chunk: " + problems);
			assertTrue(problems.get(0).startsWith("Recording " + id + ": Cannot store audio of recording " + id),
					problems.get(0));
			assertTrue(problems.get(0).contains("not stored so far; the call goes on"), problems.get(0));
		}
		try (Database db = TestStores.open(dir.resolve("db"), true)) {
			RecordingStore store = TestStores.store(db, new MutableClock(Instant.parse("2026-11-27T12:00:00Z")));
			assertEquals(List.of(id), store.recoverOpenRecordings());
			assertEquals(RecordingState.INCOMPLETE, store.recording(id).orElseThrow().state());
			assertEquals(16_000, store.recording(id).orElseThrow().agentSamples());
			assertTrue(store.verify(id).intact(), store.verify(id).problems().toString());
			short[] audio = store.read(id, Channel.AGENT, 0, 16_000);
			assertEquals(16_000, audio.length);
		}
	}

	@Test
	void aWrongBootPasswordGivesAClearMessage() throws Exception {
		TestStores.open(dir.resolve("db"), true).close();
		RecordingException e = org.junit.jupiter.api.Assertions.assertThrows(RecordingException.class,
				() -> Database.open(dir.resolve("db"), "a-different-password-0123".toCharArray()));
		assertEquals(RecordingException.Reason.STORAGE_UNAVAILABLE, e.reason());
		assertTrue(e.getMessage().contains("does not accept the boot password"), e.getMessage());
		assertTrue(!e.getMessage().contains("a-different-password"), "the password is never in a message");
	}
}
