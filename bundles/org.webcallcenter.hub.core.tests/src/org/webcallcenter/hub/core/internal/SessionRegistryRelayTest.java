package org.webcallcenter.hub.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webcallcenter.hub.api.SessionRecordStore.RecordedMessage;

/**
 * The registry's relay path without a network: session records written by the {@link RecordWriter} to real files
 * in a temporary folder, the peers are the test's stand-ins that keep what they were sent.
 */
class SessionRegistryRelayTest {
	/** A peer that keeps what it is sent (the {@link Peer} stand-in the registry's design allows). */
	static final class Kept implements Peer {
		final List<String> sent = new ArrayList<>();
		String closed;

		@Override
		public synchronized void send(String json) {
			sent.add(json);
		}

		@Override
		public synchronized void close(int code, String reason) {
			closed = code + " " + reason;
		}

		synchronized long count(String type) {
			return sent.stream().filter(m -> m.startsWith("{\"t\":\"" + type + "\"")).count();
		}
	}

	Path dir;
	SessionFiles files;
	RecordWriter writer;
	SessionRegistry registry;

	@BeforeEach
	void open() throws Exception {
		dir = Files.createTempDirectory("wcc-registry");
		files = new SessionFiles(dir, Duration.ofDays(7), Clock.systemUTC());
		writer = new RecordWriter(files);
		registry = new SessionRegistry(writer, Clock.systemUTC(), Duration.ofMinutes(10));
	}

	@AfterEach
	void close() throws Exception {
		writer.stop();
		try (Stream<Path> all = Files.walk(dir)) {
			for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

	static String events(int type, String padding) {
		return "{\"t\":\"events\",\"events\":[{\"type\":" + type + ",\"data\":{\"text\":\"" + padding
				+ "\"},\"timestamp\":1}]}";
	}

	@Test
	void everyRelayedMessageIsRecordedInOrderWhenTheRecordIsRead() throws Exception {
		Kept customer = new Kept();
		Kept agent = new Kept();
		CobrowseSession s = registry.create(customer);
		registry.customerEvents(s, customer, events(2, "full"), true);
		String code = s.code;
		assertEquals(s, registry.join(code, agent, 0));
		for (int i = 0; i < 2_000; i++) {
			registry.customerEvents(s, customer, events(3, "m" + i), false);
		}
		List<RecordedMessage> record = writer.read(s.id);
		List<String> relayed = record.stream().filter(m -> m.from().equals("customer")).map(RecordedMessage::json)
				.toList();
		assertEquals(2_001, relayed.size(), "every customer message is in the record when it is read");
		assertEquals(events(2, "full"), relayed.get(0));
		for (int i = 0; i < 2_000; i++) {
			assertEquals(events(3, "m" + i), relayed.get(i + 1), "record line " + (i + 1) + " in relay order");
		}
		assertTrue(record.stream().anyMatch(m -> m.json().equals("{\"t\":\"agent-joined\"}")));
		registry.stop(s, customer);
		// the session's file is closed after its last line; reading again still finds every line
		assertEquals(record.size() + 1, writer.read(s.id).size());
	}

	@Test
	void aSessionOverTheRetainLimitIsAskedForOneSnapshotNotOnePerMessage() {
		Kept customer = new Kept();
		Kept agent = new Kept();
		CobrowseSession s = registry.create(customer);
		registry.customerEvents(s, customer, events(2, "full"), true);
		registry.join(s.code, agent, 0);
		String big = "x".repeat(1024 * 1024);
		long over = SessionRegistry.RETAIN_LIMIT_CHARS / big.length() + 1;
		for (int i = 0; i < over; i++) {
			registry.customerEvents(s, customer, events(3, big), false);
		}
		assertEquals(1, customer.count("snapshot-request"), "the retain limit was passed once");
		for (int i = 0; i < 5; i++) {
			registry.customerEvents(s, customer, events(3, "small" + i), false);
		}
		assertEquals(1, customer.count("snapshot-request"),
				"no further requests while the page prepares its snapshot: " + customer.count("snapshot-request"));
		// the snapshot arrives: what is retained starts again from it, and a later overflow asks again
		registry.customerEvents(s, customer, events(2, "fresh"), true);
		assertEquals(1, s.retained.size());
		for (int i = 0; i < over; i++) {
			registry.customerEvents(s, customer, events(3, big), false);
		}
		assertEquals(2, customer.count("snapshot-request"));
		assertEquals(2 * over + 5 + 2, agent.count("events"), "the agent got every message relayed");
	}

	@Test
	void manySessionsShareTheRetainBudgetSoEachAsksForASnapshotSooner() {
		SessionRegistry small = new SessionRegistry(writer, Clock.systemUTC(), Duration.ofMinutes(10), 40_000);
		Kept[] customers = new Kept[4];
		CobrowseSession[] sessions = new CobrowseSession[4];
		for (int i = 0; i < 4; i++) {
			customers[i] = new Kept();
			sessions[i] = small.create(customers[i]);
			small.customerEvents(sessions[i], customers[i], events(2, "full"), true);
		}
		assertEquals(10_000, small.retainLimitChars(), "four live sessions share 40,000 characters");
		String chunk = "y".repeat(1_000);
		for (int i = 0; i < 9; i++) {
			small.customerEvents(sessions[0], customers[0], events(3, chunk), false);
		}
		assertEquals(0, customers[0].count("snapshot-request"), "under its share: " + sessions[0].retainedChars);
		small.customerEvents(sessions[0], customers[0], events(3, chunk), false);
		small.customerEvents(sessions[0], customers[0], events(3, chunk), false);
		assertEquals(1, customers[0].count("snapshot-request"), "over its share of the budget");
		assertEquals(0, customers[1].count("snapshot-request"), "the others are not asked");
	}
}
