package org.webcallcenter.commentary.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.webcallcenter.commentary.api.chart.ChartState;
import org.webcallcenter.commentary.api.internal.CommentaryPreferences;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryContent;
import org.webcallcenter.commentary.api.workflow.CommentaryQuery;
import org.webcallcenter.commentary.api.workflow.CommentaryRole;
import org.webcallcenter.commentary.api.workflow.CommentaryService;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;
import org.webcallcenter.commentary.api.workflow.WorkflowException;
import org.webcallcenter.commentary.api.workflow.WorkflowException.Rule;

/**
 * The workflow rules enforced by the real service (not a UI): approvers come from the preference an admin sets,
 * every change lands in the commentary log on disk and is posted to EventAdmin.
 */
class WorkflowServiceTest {
	private CommentaryService service;
	private IEclipsePreferences prefs;
	private final BlockingQueue<org.osgi.service.event.Event> events = new LinkedBlockingQueue<>();
	private ServiceRegistration<EventHandler> handler;

	@BeforeEach
	void setUp() {
		prefs = InstanceScope.INSTANCE.getNode(CommentaryPreferences.NODE);
		prefs.put(CommentaryPreferences.APPROVERS, "carol, dave");
		service = Services.get(CommentaryService.class);
		BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
		handler = context.registerService(EventHandler.class, events::add,
				new java.util.Hashtable<>(java.util.Map.of(EventConstants.EVENT_TOPIC, CommentaryService.TOPIC_CHANGED)));
	}

	@AfterEach
	void tearDown() {
		handler.unregister();
		prefs.remove(CommentaryPreferences.APPROVERS);
	}

	private static CommentaryContent content(String title) {
		return new CommentaryContent(title, "Liquor leads the market today, see [[SIM600001.SH]].", List.of("SIM600002.SH"),
				Optional.of(ChartState.of("simulated", "SIM600001.SH", Period.DAY)));
	}

	@Test
	void rolesComeFromThePreference() {
		assertEquals(Set.of(CommentaryRole.AUTHOR), service.roles("alice"));
		assertEquals(Set.of(CommentaryRole.AUTHOR, CommentaryRole.APPROVER), service.roles("carol"));
	}

	@Test
	void draftIsApprovedByAnotherApproverThenPublished() throws Exception {
		Commentary draft = service.create("alice", content("Morning view"));
		assertEquals(CommentaryStatus.DRAFT, draft.status());
		org.osgi.service.event.Event posted = events.poll(10, TimeUnit.SECONDS);
		assertNotNull(posted, "the change is posted to EventAdmin");
		assertEquals(draft.id(), posted.getProperty("id"));
		Commentary approved = service.approve(draft.id(), "carol");
		assertEquals("carol", approved.approver());
		assertNotNull(approved.approved());
		Commentary published = service.publish(draft.id(), "alice");
		assertEquals(CommentaryStatus.PUBLISHED, published.status());
		assertEquals("alice", published.publisher());
		assertEquals(List.of(1, 2, 3), service.history(draft.id()).stream().map(Commentary::revision).toList());
	}

	@Test
	void nobodyApprovesTheirOwnCommentaryEvenAnApprover() {
		Commentary draft = service.create("carol", content("Carol's own"));
		WorkflowException e = assertThrows(WorkflowException.class, () -> service.approve(draft.id(), "carol"));
		assertEquals(Rule.SELF_APPROVAL, e.rule());
		assertEquals(CommentaryStatus.DRAFT, service.get(draft.id()).orElseThrow().status());
		assertEquals(CommentaryStatus.APPROVED, service.approve(draft.id(), "dave").status());
	}

	@Test
	void onlyApproversApprove() {
		Commentary draft = service.create("alice", content("Needs an approver"));
		assertEquals(Rule.NOT_APPROVER, assertThrows(WorkflowException.class, () -> service.approve(draft.id(), "bob")).rule());
		prefs.put(CommentaryPreferences.APPROVERS, "bob");
		assertEquals(CommentaryStatus.APPROVED, service.approve(draft.id(), "bob").status(), "a new approver counts at once");
	}

	@Test
	void publishedCommentaryNeverChanges() {
		Commentary c = service.create("alice", content("Final word"));
		service.approve(c.id(), "dave");
		service.publish(c.id(), "dave");
		assertEquals(Rule.PUBLISHED_IS_IMMUTABLE,
				assertThrows(WorkflowException.class, () -> service.edit(c.id(), "alice", content("Changed"))).rule());
		assertEquals(Rule.PUBLISHED_IS_IMMUTABLE, assertThrows(WorkflowException.class, () -> service.approve(c.id(), "carol")).rule());
		assertEquals(Rule.PUBLISHED_IS_IMMUTABLE, assertThrows(WorkflowException.class, () -> service.publish(c.id(), "carol")).rule());
		assertEquals("Final word", service.get(c.id()).orElseThrow().content().title());
	}

	@Test
	void onlyApprovedCommentaryIsPublishedAndOnlyTheAuthorEdits() {
		Commentary c = service.create("alice", content("Not yet"));
		assertEquals(Rule.NOT_APPROVED, assertThrows(WorkflowException.class, () -> service.publish(c.id(), "carol")).rule());
		assertEquals(Rule.NOT_ALLOWED, assertThrows(WorkflowException.class, () -> service.edit(c.id(), "bob", content("Mine"))).rule());
		service.approve(c.id(), "carol");
		assertEquals(Rule.NOT_ALLOWED, assertThrows(WorkflowException.class, () -> service.publish(c.id(), "bob")).rule(),
				"neither author nor approver");
		Commentary edited = service.edit(c.id(), "alice", content("Reworded"));
		assertEquals(CommentaryStatus.DRAFT, edited.status(), "an edit after approval needs a new approval");
		assertEquals(null, edited.approver());
		assertEquals(Rule.NOT_APPROVED, assertThrows(WorkflowException.class, () -> service.publish(c.id(), "alice")).rule());
	}

	@Test
	void unknownIdsAndMissingUsersAreClearErrors() {
		assertEquals(Rule.NOT_FOUND, assertThrows(WorkflowException.class, () -> service.approve("nope", "carol")).rule());
		assertEquals(Rule.NOT_ALLOWED, assertThrows(WorkflowException.class, () -> service.create(" ", content("x"))).rule());
		assertThrows(IllegalArgumentException.class, () -> new CommentaryContent(" ", "body", List.of(), Optional.empty()));
	}

	@Test
	void searchesByInstrumentAuthorAndDate() {
		String unique = "SRCH" + System.nanoTime();
		Commentary a = service.create("erin", new CommentaryContent("About " + unique, "see [[" + unique + "]]", List.of(), Optional.empty()));
		service.create("frank", new CommentaryContent("Other", "nothing", List.of(unique), Optional.empty()));
		assertEquals(2, service.search(new CommentaryQuery(unique, null, null, null, null)).size());
		List<Commentary> byErin = service.search(new CommentaryQuery(unique, "erin", null, null, null));
		assertEquals(List.of(a.id()), byErin.stream().map(Commentary::id).toList());
		LocalDate today = LocalDate.now();
		assertEquals(2, service.search(new CommentaryQuery(unique, null, today, today, CommentaryStatus.DRAFT)).size());
		assertTrue(service.search(new CommentaryQuery(unique, null, today.plusDays(1), null, null)).isEmpty());
		assertTrue(service.search(new CommentaryQuery(unique, null, null, null, CommentaryStatus.PUBLISHED)).isEmpty());
	}
}
