package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.SearchCriteria;
import org.webcallcenter.testing.MutableClock;

/** The interaction store: round trip of every field, links, and each search criterion alone and combined. */
class SearchTest {
	private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

	@TempDir
	Path dir;
	private Database db;
	private RecordingStore store;

	@BeforeEach
	void fill() throws Exception {
		db = TestStores.open(dir.resolve("db"), true);
		store = TestStores.store(db, new MutableClock(DAY));
		// a: incoming from +4111, agent anna, 60 s, ORDER_PLACED, day 0 09:00
		store.create(call("a", Interaction.Direction.INCOMING, "7001", "+4111", "anna", 0, 9, 60, "ORDER_PLACED"));
		// b: outgoing to +4122, agent anna, 300 s, CALLBACK, day 1 10:00
		store.create(call("b", Interaction.Direction.OUTGOING, "7001", "+4122", "anna", 1, 10, 300, "CALLBACK"));
		// c: incoming from +4111, agent ben, 20 s, no disposition, day 2 11:00
		store.create(call("c", Interaction.Direction.INCOMING, "7002", "+4111", "ben", 2, 11, 20, null));
		// d: internal call between two agents' extensions, day 3
		store.create(call("d", Interaction.Direction.OUTGOING, "7002", "7001", "ben", 3, 8, 45, "INTERNAL"));
	}

	@AfterEach
	void close() {
		db.close();
	}

	private static Interaction call(String id, Interaction.Direction dir, String local, String remote, String agent,
			int day, int hour, int seconds, String disposition) {
		Instant start = DAY.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
		Interaction i = new Interaction(id, "sip-" + id, dir, local, remote, agent, "Zurich", "gw-1", start,
				java.util.Optional.of(start.plusSeconds(2)), java.util.Optional.empty(), java.util.Optional.empty(),
				java.util.Optional.empty(), java.util.Optional.empty(), List.of());
		i = i.withEnded(start.plusSeconds(seconds), new Interaction.EndCause("REMOTE", OptionalInt.empty(),
				OptionalInt.of(16), "Normal call clearing"));
		if (disposition != null) {
			i = i.withDisposition(new Interaction.Disposition(disposition, "reason " + id));
		}
		return i;
	}

	private List<String> ids(SearchCriteria c) throws RecordingException {
		return store.search(c).stream().map(Interaction::id).toList();
	}

	@Test
	void everyFieldComesBackWithLinksAndQuality() throws Exception {
		Interaction a = store.find("a").orElseThrow();
		store.update(a.withQuality(new Interaction.Quality("PCMU", 4.3, 2.5, 0.1, OptionalDouble.of(12))));
		store.attach("a", new Interaction.Link(Interaction.Link.COBROWSE, "session-9"));
		store.attach("a", new Interaction.Link(Interaction.Link.COMMENTARY, "chart-SMI"));
		store.attach("a", new Interaction.Link(Interaction.Link.COBROWSE, "session-9"));
		Interaction back = store.find("a").orElseThrow();
		assertEquals("sip-a", back.sipCallId());
		assertEquals("Zurich", back.branch());
		assertEquals("gw-1", back.gateway());
		assertEquals(OptionalInt.of(16), back.endCause().orElseThrow().q850Cause());
		assertEquals("reason a", back.disposition().orElseThrow().reason());
		assertEquals(4.3, back.quality().orElseThrow().mos());
		assertEquals(OptionalDouble.of(12), back.quality().orElseThrow().roundTripMs());
		assertEquals(2, back.links().size());
		assertEquals(Duration.ofSeconds(60), back.duration(DAY));
		RecordingException twice = assertThrows(RecordingException.class, () -> store.create(a));
		assertEquals(RecordingException.Reason.INVALID, twice.reason());
		RecordingException unknown = assertThrows(RecordingException.class,
				() -> store.attach("zz", new Interaction.Link("x", "y")));
		assertEquals(RecordingException.Reason.NOT_FOUND, unknown.reason());
	}

	@Test
	void eachCriterionNarrowsTheResultNewestFirst() throws Exception {
		SearchCriteria any = SearchCriteria.any();
		assertEquals(List.of("d", "c", "b", "a"), ids(any));
		assertEquals(List.of("c", "b"), ids(any.withDateRange(DAY.plus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(3)))));
		assertEquals(List.of("c", "a"), ids(any.withParty("+4111")));
		assertEquals(List.of("d", "b", "a"), ids(any.withParty("7001")), "local or remote party");
		assertEquals(List.of("c"), ids(any.withParty("+4111").withDateRange(DAY.plus(Duration.ofDays(1)), null)));
		assertEquals(List.of("b", "a"), ids(any.withAgent("anna")));
		assertEquals(List.of("d", "b"), ids(any.withDirection(Interaction.Direction.OUTGOING)));
		assertEquals(List.of("d", "a"), ids(any.withDuration(Duration.ofSeconds(30), Duration.ofSeconds(100))));
		assertEquals(List.of("b"), ids(any.withDisposition("CALLBACK")));
		assertEquals(List.of("a"), ids(any.withParty("+4111").withAgent("anna").withDirection(
				Interaction.Direction.INCOMING).withDisposition("ORDER_PLACED")));
		assertEquals(List.of("d"), ids(any.withLimit(1)));
		assertEquals(List.of(), ids(any.withParty("+4199")));
		assertThrows(IllegalArgumentException.class, () -> any.withDateRange(DAY, DAY));
		assertThrows(IllegalArgumentException.class, () -> any.withLimit(0));
	}
}
