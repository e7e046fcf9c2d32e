package org.webcallcenter.commentary.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.commentary.api.chart.ChartState;
import org.webcallcenter.commentary.api.internal.CommentaryPreferences;
import org.webcallcenter.commentary.api.internal.Json;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryContent;
import org.webcallcenter.commentary.api.workflow.CommentaryQuery;
import org.webcallcenter.commentary.api.workflow.CommentaryService;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;
import org.webcallcenter.commentary.api.workflow.WorkflowException;
import org.webcallcenter.commentary.api.workflow.WorkflowException.Rule;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.archive.ArchiveQuery;
import org.webcallcenter.recording.api.archive.ArchivedDocument;
import org.webcallcenter.recording.api.archive.DocumentArchive;

/**
 * Publishing into the real document archive: the recording bundle's DS service over its encrypted Derby database,
 * running in this test framework. What is published is archived with who and when; search finds published
 * commentary in the archive; without the archive nothing is published; an archived publication wins over a log that
 * missed it; and a published commentary cannot change, neither through the service nor in the archive.
 */
class PublishArchiveTest {
	@TempDir
	Path dir;
	private IEclipsePreferences prefs;
	private CommentaryService service;
	private DocumentArchive archive;

	@BeforeEach
	void setUp() {
		prefs = InstanceScope.INSTANCE.getNode(CommentaryPreferences.NODE);
		prefs.put(CommentaryPreferences.APPROVERS, "carol, dave");
		service = Services.get(CommentaryService.class);
		archive = Services.get(DocumentArchive.class);
	}

	@AfterEach
	void tearDown() {
		prefs.remove(CommentaryPreferences.APPROVERS);
	}

	private static String unique() {
		return "ARC" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

	private static CommentaryContent content(String title, String symbol) {
		return new CommentaryContent(title, "Steady, see [[" + symbol + "]].", List.of("SIM600002.SH"),
				Optional.of(ChartState.of("simulated", symbol, Period.DAY)));
	}

	@Test
	void aPublicationIsArchivedWithWhoAndWhenAndFoundThroughTheArchive() throws Exception {
		String symbol = unique();
		Commentary draft = service.create("alice", content("Archived view", symbol));
		service.approve(draft.id(), "carol");
		assertTrue(archive.revisions(ArchivedDocument.COMMENTARY, draft.id()).isEmpty(), "approval is not archived");
		Commentary published = service.publish(draft.id(), "dave");

		ArchivedDocument d = archive.find(ArchivedDocument.COMMENTARY, draft.id(), published.revision()).orElseThrow();
		assertEquals("alice", d.author());
		assertEquals("carol", d.approver());
		assertEquals("dave", d.publisher());
		assertEquals(published.published(), d.publishedAt());
		assertEquals("Archived view", d.title());
		assertEquals(List.of("SIM600002.SH", symbol), d.instruments());
		assertEquals(ArchivedDocument.sha256(d.body()), d.sha256());
		assertEquals(published, CommentaryCodec.fromMap((Map<?, ?>) Json.parse(d.body())),
				"the archived body is the whole revision, chart state included");
		assertEquals(1, archive.revisions(ArchivedDocument.COMMENTARY, draft.id()).size());

		LocalDate today = LocalDate.now();
		assertEquals(List.of(published), service.search(new CommentaryQuery(symbol, null, null, null, null)));
		assertEquals(List.of(published), service.search(new CommentaryQuery(symbol.toLowerCase(), "alice", today, today,
				CommentaryStatus.PUBLISHED)));
		assertEquals(List.of(), service.search(new CommentaryQuery(symbol, "bob", null, null, null)));
		assertEquals(List.of(), service.search(new CommentaryQuery(symbol, null, today.plusDays(1), null, null)));
		assertEquals(List.of(), service.search(new CommentaryQuery(symbol, null, null, null, CommentaryStatus.DRAFT)));
	}

	@Test
	void searchListsPublishedCommentaryFromTheArchiveAlone() throws Exception {
		// published elsewhere (another run of the workstation with its own log): only the archive knows it
		String symbol = unique();
		Instant at = Instant.parse("2026-11-02T09:30:00Z");
		Commentary foreign = new Commentary("foreign-" + symbol, 3, content("From the archive", symbol),
				CommentaryStatus.PUBLISHED, "erin", at.minusSeconds(3600), "erin", at.minusSeconds(3600), "carol",
				at.minusSeconds(60), "carol", at);
		archive.store(CommentaryArchive.document(foreign));
		assertEquals(List.of(foreign), service.search(new CommentaryQuery(symbol, "erin", null, null, null)));
		LocalDate day = at.atZone(ZoneId.systemDefault()).toLocalDate();
		assertEquals(List.of(foreign), service.search(new CommentaryQuery(symbol, null, day, day, null)),
				"by its day of publication");
		assertEquals(List.of(), service.search(new CommentaryQuery(symbol, null, day.plusDays(1), null, null)));
	}

	@Test
	void withoutTheArchiveNothingIsPublishedAndNothingChanges() throws Exception {
		Path file = dir.resolve("commentary.jsonl");
		CommentaryWorkflow offline = new CommentaryWorkflow(new JsonLinesCommentaryRepository(file),
				new CommentaryArchive(() -> null), Set.of("carol")::contains, Clock.systemDefaultZone(), c -> {
				});
		Commentary c = offline.create("alice", content("Waits for the archive", unique()));
		offline.approve(c.id(), "carol");
		WorkflowException e = assertThrows(WorkflowException.class, () -> offline.publish(c.id(), "alice"));
		assertEquals(Rule.STORAGE, e.rule());
		assertTrue(e.getMessage().contains("commentary archive") && e.getMessage().contains("stays approved"),
				e.getMessage());
		assertEquals(CommentaryStatus.APPROVED, offline.get(c.id()).orElseThrow().status());
		assertEquals(2, offline.history(c.id()).size());
		assertEquals(2, Files.readAllLines(file).size(), "no PUBLISH line in the log");
		assertTrue(archive.revisions(ArchivedDocument.COMMENTARY, c.id()).isEmpty(), "nothing in the archive");

		CommentaryWorkflow online = new CommentaryWorkflow(new JsonLinesCommentaryRepository(file),
				new CommentaryArchive(() -> archive), Set.of("carol")::contains, Clock.systemDefaultZone(), x -> {
				});
		assertEquals(CommentaryStatus.PUBLISHED, online.publish(c.id(), "alice").status(), "once the archive runs");
		assertEquals(1, archive.revisions(ArchivedDocument.COMMENTARY, c.id()).size());
	}

	@Test
	void theArchiveWinsWhenTheLogMissedAPublication() throws Exception {
		Path file = dir.resolve("commentary.jsonl");
		JsonLinesCommentaryRepository log = new JsonLinesCommentaryRepository(file);
		// the log fails to record the publication (disk full, the workstation stopped between the two writes)
		CommentaryRepository failingOnPublish = new CommentaryRepository() {
			@Override
			public void append(String action, Commentary revision) {
				if (action.equals("PUBLISH")) {
					throw new IllegalStateException("simulated failure of the commentary log");
				}
				log.append(action, revision);
			}

			@Override
			public List<Commentary> load() {
				return log.load();
			}
		};
		CommentaryWorkflow first = new CommentaryWorkflow(failingOnPublish, new CommentaryArchive(() -> archive),
				Set.of("carol")::contains, Clock.systemDefaultZone(), c -> {
				});
		Commentary c = first.create("alice", content("Archived, not logged", unique()));
		first.approve(c.id(), "carol");
		Commentary published = first.publish(c.id(), "alice");
		assertEquals(2, Files.readAllLines(file).size(), "the log missed the publication");

		CommentaryWorkflow restarted = new CommentaryWorkflow(new JsonLinesCommentaryRepository(file),
				new CommentaryArchive(() -> archive), Set.of("carol")::contains, Clock.systemDefaultZone(), x -> {
				});
		assertEquals(published, restarted.get(c.id()).orElseThrow(), "the archive's publication counts");
		assertEquals(Rule.PUBLISHED_IS_IMMUTABLE, assertThrows(WorkflowException.class,
				() -> restarted.edit(c.id(), "alice", content("Changed after all", "X"))).rule());
		assertEquals(3, Files.readAllLines(file).size(), "the log mirrors the archived publication now");
		assertEquals(1, archive.revisions(ArchivedDocument.COMMENTARY, c.id()).size());
	}

	@Test
	void publicationsOnlyTheLogHoldsAreArchivedAtTheFirstSearch() throws Exception {
		// a log written before publishing went to the archive: its publication is in the log alone
		String symbol = unique();
		Path file = dir.resolve("commentary.jsonl");
		Instant at = Instant.parse("2026-10-30T07:00:00Z");
		Commentary draft = new Commentary("logged-" + symbol, 1, content("Published before the archive", symbol),
				CommentaryStatus.DRAFT, "alice", at, "alice", at, null, null, null, null);
		Commentary approved = new Commentary(draft.id(), 2, draft.content(), CommentaryStatus.APPROVED, "alice", at,
				"alice", at, "carol", at.plusSeconds(60), null, null);
		Commentary published = new Commentary(draft.id(), 3, draft.content(), CommentaryStatus.PUBLISHED, "alice", at,
				"alice", at, "carol", at.plusSeconds(60), "alice", at.plusSeconds(120));
		JsonLinesCommentaryRepository log = new JsonLinesCommentaryRepository(file);
		log.append("CREATE", draft);
		log.append("APPROVE", approved);
		log.append("PUBLISH", published);
		assertTrue(archive.revisions(ArchivedDocument.COMMENTARY, draft.id()).isEmpty());

		CommentaryWorkflow workflow = new CommentaryWorkflow(new JsonLinesCommentaryRepository(file),
				new CommentaryArchive(() -> archive), Set.of("carol")::contains, Clock.systemDefaultZone(), x -> {
				});
		assertEquals(List.of(published), workflow.search(new CommentaryQuery(symbol, null, null, null, null)));
		assertEquals(published, CommentaryArchive.commentary(
				archive.find(ArchivedDocument.COMMENTARY, draft.id(), 3).orElseThrow()), "archived now");
		assertEquals(List.of(published), workflow.search(new CommentaryQuery(symbol, null, null, null, null)),
				"archived once: the second search finds the same single revision");
		assertEquals(1, archive.revisions(ArchivedDocument.COMMENTARY, draft.id()).size());
	}

	@Test
	void aPublishedCommentaryCannotChangeInTheServiceOrInTheArchive() throws Exception {
		String symbol = unique();
		Commentary c = service.create("alice", content("Final", symbol));
		service.approve(c.id(), "carol");
		Commentary published = service.publish(c.id(), "alice");
		ArchivedDocument original = archive.find(ArchivedDocument.COMMENTARY, c.id(), published.revision()).orElseThrow();

		assertEquals(Rule.PUBLISHED_IS_IMMUTABLE, assertThrows(WorkflowException.class,
				() -> service.edit(c.id(), "alice", content("Rewritten", symbol))).rule());
		assertEquals(Rule.PUBLISHED_IS_IMMUTABLE,
				assertThrows(WorkflowException.class, () -> service.publish(c.id(), "carol")).rule());

		Commentary forged = new Commentary(c.id(), published.revision(), content("Rewritten", symbol),
				CommentaryStatus.PUBLISHED, "alice", published.created(), "alice", published.edited(), "carol",
				published.approved(), "alice", published.published());
		RecordingException refused = assertThrows(RecordingException.class,
				() -> archive.store(CommentaryArchive.document(forged)));
		assertEquals(RecordingException.Reason.INVALID, refused.reason());
		assertEquals(original, archive.find(ArchivedDocument.COMMENTARY, c.id(), published.revision()).orElseThrow());
		assertEquals(List.of(published), service.search(new CommentaryQuery(symbol, null, null, null, null)));
		assertEquals(List.of(original), archive.search(ArchiveQuery.any().withInstrument(symbol)));
	}
}
