package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.session.SessionMessage;
import org.webcallcenter.recording.api.session.SessionRecord;
import org.webcallcenter.recording.api.session.SessionRecorder;
import org.webcallcenter.recording.api.session.SessionRecords;
import org.webcallcenter.testing.Poll;

/**
 * Co-browsing streams in a real encrypted Derby database: appended in order, committed in batches by the writer
 * thread, read back in order, kept through a crash except the batch that was not committed yet, linked to the
 * interaction once it exists, and encrypted on disk like the recordings.
 */
class SessionStreamsTest {
	static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
	static final String NAME = "Erika Mustermann";
	static final Duration BATCH = Duration.ofMillis(200);

	@TempDir
	Path dir;

	final List<String> problems = new CopyOnWriteArrayList<>();

	private SessionStreams streams(Database db, RecordingStore store) {
		return new SessionStreams(new SessionStreams.Backend() {
			@Override
			public Database database() {
				return db;
			}

			@Override
			public void attach(String interactionId, Interaction.Link link) throws RecordingException {
				store.attach(interactionId, link);
			}
		}, Clock.systemUTC(), BATCH, problems::add);
	}

	/** A hub message as the agent's view receives it: rrweb events (a full snapshot for the first). */
	static String message(int i) {
		if (i == 0) {
			return "{\"t\":\"events\",\"events\":[{\"type\":4,\"data\":{\"href\":\"http://127.0.0.1/demo/\",\"width\":"
					+ "800,\"height\":600},\"timestamp\":1000},{\"type\":2,\"data\":{\"node\":{\"type\":0,\"childNodes\""
					+ ":[],\"id\":1},\"initialOffset\":{\"left\":0,\"top\":0}},\"timestamp\":1001}]}";
		}
		return "{\"t\":\"events\",\"events\":[{\"type\":3,\"data\":{\"source\":5,\"text\":\"" + (i == 7 ? NAME : "********")
				+ "\",\"isChecked\":false,\"id\":" + (10 + i % 3) + "},\"timestamp\":" + (1001 + i) + "}]}";
	}

	@Test
	void messagesAreReadBackInTheOrderTheyWereAppended() throws Exception {
		try (Database db = TestStores.open(dir.resolve("db"), true)) {
			RecordingStore store = TestStores.store(db, Clock.systemUTC());
			SessionStreams s = streams(db, store);
			SessionRecorder r = s.record("sess-A1");
			r.append(T0, "{\"t\":\"reset\"}");
			for (int i = 0; i < 300; i++) {
				r.append(T0.plusMillis(1 + i), message(i));
			}
			r.flush();
			List<SessionMessage> back = s.read("sess-A1");
			assertEquals(301, back.size());
			assertEquals(SessionMessage.Kind.RESET, back.get(0).kind());
			assertEquals(SessionMessage.Kind.SNAPSHOT, back.get(1).kind());
			assertEquals(SessionMessage.Kind.EVENTS, back.get(2).kind());
			for (int i = 0; i < 300; i++) {
				SessionMessage m = back.get(i + 1);
				assertEquals(i + 2, m.seq());
				assertEquals(T0.plusMillis(1 + i), m.receivedAt());
				assertEquals(message(i), m.json(), "stored exactly as received (masked stays masked)");
			}
			Optional<SessionRecord> rec = s.find("sess-A1");
			assertEquals(301, rec.get().messages());
			assertEquals(T0, rec.get().firstAt());
			assertEquals(T0.plusMillis(300), rec.get().lastAt());
			assertTrue(rec.get().interactionId().isEmpty(), "no call: the session is kept under its id alone");

			// the agent leaves and joins the same session again: the record goes on after the last message
			assertTrue(r == s.record("sess-A1"), "one recorder per open session");
			r.close();
			assertThrows(IllegalStateException.class, () -> r.append(T0, message(1)));
			SessionRecorder again = s.record("sess-A1");
			again.append(T0.plusSeconds(60), message(301));
			again.flush();
			List<SessionMessage> all = s.read("sess-A1");
			assertEquals(302, all.size());
			assertEquals(302, all.get(301).seq());
			assertEquals(message(301), all.get(301).json());
			s.shutdown();
			assertTrue(problems.isEmpty(), problems.toString());
		}
	}

	@Test
	void theWriterCommitsBatchesWithoutBeingAsked() throws Exception {
		try (Database db = TestStores.open(dir.resolve("db"), true)) {
			SessionStreams s = streams(db, TestStores.store(db, Clock.systemUTC()));
			SessionRecorder r = s.record("sess-B1");
			for (int i = 0; i < 20; i++) {
				r.append(T0.plusMillis(i), message(i));
			}
			Poll.until("the batch is committed by the writer thread", () -> size(s, "sess-B1") == 20);
			r.append(T0.plusMillis(20), message(20));
			Poll.until("the next batch too", () -> size(s, "sess-B1") == 21);
			s.shutdown();
		}
	}

	@Test
	void aCrashLosesOnlyTheBatchNotYetCommitted() throws Exception {
		Path folder = dir.resolve("db");
		Path image = dir.resolve("crash-image");
		try (Database db = TestStores.open(folder, true)) {
			SessionStreams s = streams(db, TestStores.store(db, Clock.systemUTC()));
			SessionRecorder r = s.record("sess-C1");
			for (int i = 0; i < 100; i++) {
				r.append(T0.plusMillis(i), message(i));
			}
			Poll.until("the first 100 messages are committed", () -> size(s, "sess-C1") == 100);
			s.halt(); // the writer stops as in a crash: what follows is never committed
			for (int i = 100; i < 110; i++) {
				r.append(T0.plusMillis(i), message(i));
			}
			// what the disk holds at this moment while Derby runs: its files copied without a shutdown, as a
			// power loss would leave them (Derby must recover the committed batches from its log)
			copy(folder, image);
		}
		for (Path p : List.of(image, folder)) {
			try (Database db = TestStores.open(p, true)) {
				SessionStreams s = streams(db, TestStores.store(db, Clock.systemUTC()));
				List<SessionMessage> back = s.read("sess-C1");
				assertEquals(100, back.size(), "the committed batches survive, the uncommitted one is lost: " + p);
				for (int i = 0; i < 100; i++) {
					assertEquals(i + 1, back.get(i).seq());
					assertEquals(message(i), back.get(i).json());
				}
				// and recording goes on after them
				SessionRecorder r = s.record("sess-C1");
				r.append(T0.plusSeconds(5), message(200));
				r.flush();
				assertEquals(101, s.read("sess-C1").get(100).seq());
				s.shutdown();
			}
		}
	}

	@Test
	void theSessionIsLinkedToItsInteractionOnceItExists() throws Exception {
		Path folder = dir.resolve("db");
		try (Database db = TestStores.open(folder, true)) {
			RecordingStore store = TestStores.store(db, Clock.systemUTC());
			SessionStreams s = streams(db, store);
			SessionRecorder r = s.record("sess-D1");
			r.append(T0, message(0));
			// the call's interaction is not there yet (the recorder creates it on the call's event)
			s.link("sess-D1", "call-42");
			assertEquals(Optional.of("call-42"), s.find("sess-D1").get().interactionId());
			assertTrue(store.find("call-42").isEmpty());
			store.create(TestStores.interaction("call-42", "+41445550000", T0));
			Interaction.Link link = new Interaction.Link(Interaction.Link.COBROWSE, "sess-D1");
			Poll.until("the interaction gets the co-browsing link",
					() -> find(store, "call-42").links().contains(link));
			// a session linked while the interaction exists is linked at once
			store.create(TestStores.interaction("call-43", "+41445550001", T0));
			s.link("sess-D2", "call-43");
			assertTrue(store.find("call-43").get().links()
					.contains(new Interaction.Link(Interaction.Link.COBROWSE, "sess-D2")));
			r.flush();
			s.shutdown();
			assertTrue(problems.isEmpty(), problems.toString());
		}
		try (Database db = TestStores.open(folder, true)) {
			RecordingStore store = TestStores.store(db, Clock.systemUTC());
			SessionStreams s = streams(db, store);
			assertTrue(store.find("call-42").get().links()
					.contains(new Interaction.Link(Interaction.Link.COBROWSE, "sess-D1")), "kept after reopening");
			assertEquals(1, s.read("sess-D1").size());
			s.shutdown();
		}
	}

	@Test
	void theStreamIsEncryptedOnDiskAndTheTablesAreMadeOnce() throws Exception {
		Path folder = dir.resolve("db");
		for (int round = 0; round < 2; round++) {
			try (Database db = TestStores.open(folder, true)) {
				SessionStreams first = streams(db, TestStores.store(db, Clock.systemUTC()));
				SessionStreams second = streams(db, TestStores.store(db, Clock.systemUTC()));
				SessionRecorder r = first.record("sess-E1");
				for (int i = 0; i < 50; i++) {
					r.append(T0.plusMillis(i), message(i));
				}
				r.flush();
				assertEquals(50 * (round + 1), second.read("sess-E1").size(), "the second instance reads them");
				first.shutdown();
				second.shutdown();
			}
		}
		byte[] needle = NAME.getBytes(StandardCharsets.US_ASCII);
		List<Path> files;
		try (Stream<Path> s = Files.walk(folder)) {
			files = s.filter(Files::isRegularFile).toList();
		}
		for (Path f : files) {
			assertTrue(EncryptionTest.indexOf(Files.readAllBytes(f), needle) < 0, "the name is in clear in " + f);
		}
		assertTrue(problems.isEmpty(), problems.toString());
	}

	@Test
	void badInputIsRefusedWithAReason() throws Exception {
		try (Database db = TestStores.open(dir.resolve("db"), true)) {
			SessionStreams s = streams(db, TestStores.store(db, Clock.systemUTC()));
			assertThrows(IllegalArgumentException.class, () -> s.record("../etc"));
			assertThrows(IllegalArgumentException.class, () -> s.record(""));
			assertThrows(IllegalArgumentException.class, () -> s.link("sess-F1", " "));
			SessionRecorder r = s.record("sess-F1");
			assertThrows(IllegalArgumentException.class, () -> r.append(T0, ""));
			IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
					() -> r.append(T0, "x".repeat(SessionRecords.MAX_MESSAGE_CHARS + 1)));
			assertTrue(big.getMessage().contains("longer than"), big.getMessage());
			assertFalse(s.find("sess-F1").isPresent(), "nothing stored");
			s.shutdown();
		}
	}

	private static int size(SessionStreams s, String id) {
		try {
			return s.read(id).size();
		} catch (RecordingException e) {
			throw new AssertionError(e);
		}
	}

	private static Interaction find(RecordingStore store, String id) {
		try {
			return store.find(id).orElseThrow();
		} catch (RecordingException e) {
			throw new AssertionError(e);
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		List<Path> all = new ArrayList<>();
		try (Stream<Path> s = Files.walk(from)) {
			s.forEach(all::add);
		}
		for (Path p : all) {
			Path target = to.resolve(from.relativize(p).toString());
			if (Files.isDirectory(p)) {
				Files.createDirectories(target);
			} else if (!p.getFileName().toString().equals("db.lck") && !p.getFileName().toString().equals("dbex.lck")) {
				Files.copy(p, target);
			}
		}
	}
}
