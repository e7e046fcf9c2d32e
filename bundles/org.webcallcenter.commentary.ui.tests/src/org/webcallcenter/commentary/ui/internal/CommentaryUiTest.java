package org.webcallcenter.commentary.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.commentary.api.internal.CommentaryPreferences;
import org.webcallcenter.commentary.api.internal.Json;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryQuery;
import org.webcallcenter.commentary.api.workflow.CommentaryService;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;
import org.webcallcenter.hub.api.display.CallerDisplay;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.InteractionStore;
import org.webcallcenter.recording.api.archive.ArchivedDocument;
import org.webcallcenter.recording.api.archive.DocumentArchive;
import org.webcallcenter.testing.ui.Ui;

/**
 * The commentary part through the workflow: an author writes with a chart attached, another user approves and
 * publishes (into the real archive of the recordings database), then shows it to the caller, which the call's
 * interaction in the real Derby interaction store records.
 */
class CommentaryUiTest {

	@Test
	void authorWritesAnotherApprovesAndPublishes() throws Exception {
		InstanceScope.INSTANCE.getNode(CommentaryPreferences.NODE).put(CommentaryPreferences.APPROVERS, "2002");
		AgentStateService agents = Ui.service(AgentStateService.class);
		CommentaryService service = Ui.service(CommentaryService.class);
		Ui.run(() -> agents.login(new AgentIdentity("2001", "Author", "Home", "")));

		CommentaryPart part = ChartUiTest.showPart("org.webcallcenter.commentary.ui.part.commentary", CommentaryPart.class);
		ChartPart chart = ChartUiTest.showPart("org.webcallcenter.commentary.ui.part.chart", ChartPart.class);
		Ui.run(() -> chart.show("simulated", "SIM600002.SH", Period.DAY));
		Ui.click("commentary.new");
		Ui.screenshot("commentary-before-typing");
		Ui.type("commentary.title", "banks-today");
		Ui.run(() -> ((Text) Ui.find("commentary.body")).setText("Banks steady, see [[SIM600002.SH]]."));
		Ui.click("commentary.attach");
		Ui.waitFor("the chart attached", () -> Ui.text("commentary.attached").startsWith("SIM600002.SH \u00b7 Daily"));
		assertTrue(Ui.text("commentary.attached").contains("Simulated data"), Ui.text("commentary.attached"));
		Ui.click("commentary.save");
		Ui.waitFor("saved as a draft", () -> Ui.text("commentary.status").startsWith("Draft \u00b7 by 2001"));
		assertFalse(Ui.sync(() -> ((Button) Ui.find("commentary.approve")).isEnabled()), "the author cannot approve");

		Commentary saved = service.search(new CommentaryQuery("SIM600002.SH", "2001", null, null, null)).getFirst();
		assertEquals("banks-today", saved.content().title());
		assertEquals("SIM600002.SH", saved.content().chart().orElseThrow().symbol());

		Ui.run(() -> agents.logout());
		Ui.run(() -> agents.login(new AgentIdentity("2002", "Approver", "Head office", "")));
		Ui.run(() -> part.edit(service.get(saved.id()).orElseThrow()));
		Ui.waitFor("approve enabled for the approver", () -> Ui.sync(() -> ((Button) Ui.find("commentary.approve")).isEnabled()));
		Ui.click("commentary.approve");
		Ui.waitFor("approved", () -> Ui.text("commentary.status").contains("approved by 2002"));
		Ui.click("commentary.publish");
		Ui.waitFor("published", () -> Ui.text("commentary.status").startsWith("Published"));
		Commentary published = service.get(saved.id()).orElseThrow();
		assertEquals(CommentaryStatus.PUBLISHED, published.status());
		// archived in the real encrypted recordings database, with who and when
		ArchivedDocument archived = Ui.service(DocumentArchive.class)
				.find(ArchivedDocument.COMMENTARY, saved.id(), published.revision()).orElseThrow();
		assertEquals("2001", archived.author());
		assertEquals("2002", archived.approver());
		assertEquals("2002", archived.publisher());
		assertEquals(published.published(), archived.publishedAt());
		assertFalse(Ui.sync(() -> ((Text) Ui.find("commentary.title")).getEditable()), "published text is read-only");
		assertFalse(Ui.sync(() -> ((Button) Ui.find("commentary.save")).isEnabled()));
		Ui.screenshot("commentary-published");

		// show to caller: only with a joined co-browsing session
		assertFalse(enabled("commentary.showToCaller"), "no co-browsing session: nothing to show in");
		RecordingCallerDisplay display = new RecordingCallerDisplay();
		ServiceRegistration<CallerDisplay> reg = FrameworkUtil.getBundle(CommentaryUiTest.class).getBundleContext()
				.registerService(CallerDisplay.class, display, null);
		// the call the show is recorded with: a real interaction in the real Derby interaction store (a live call
		// would need a SIP peer; the part's call seam names this interaction instead)
		InteractionStore interactions = Ui.service(InteractionStore.class);
		String callId = "call-" + UUID.randomUUID();
		interactions.create(Interaction.started(callId, Interaction.Direction.INCOMING, "2002", "+41445550123",
				Instant.now()));
		part.currentCall = () -> Optional.of(callId);
		try {
			assertFalse(enabled("commentary.showToCaller"), "the view is open but has not joined");
			Ui.run(() -> display.session("session-1"));
			Ui.waitFor("show enabled while joined", () -> enabled("commentary.showToCaller"));
			Ui.click("commentary.showToCaller");
			Ui.waitFor("the commentary was shown", () -> display.shows.size() == 1);
			Map<?, ?> m = (Map<?, ?>) Json.parse(display.shows.getFirst());
			assertEquals("commentary", m.get("kind"));
			assertEquals("banks-today", m.get("title"));
			assertEquals("Banks steady, see [[SIM600002.SH]].", m.get("text"));
			assertEquals("SIM600002.SH", m.get("instrument"));
			Ui.waitFor("the expert reads it was shown", () -> Ui.text("commentary.message").startsWith("Shown to the caller"));
			assertEquals("Shown to the caller; recorded with the call", Ui.text("commentary.message"));
			Interaction stored = interactions.find(callId).orElseThrow();
			assertEquals(List.of(new Interaction.Link(Interaction.Link.COMMENTARY,
					"commentary:" + saved.id() + "@" + published.revision())), stored.links(),
					"the interaction records which archived revision was shown");

			Ui.waitFor("chart show enabled", () -> enabled("commentary.chart.showToCaller"));
			Ui.click("commentary.chart.showToCaller");
			Ui.waitFor("the chart was shown", () -> display.shows.size() == 2);
			Map<?, ?> c = (Map<?, ?>) Json.parse(display.shows.get(1));
			assertEquals("chart", c.get("kind"));
			assertEquals("SIM600002.SH", ((Map<?, ?>) c.get("state")).get("symbol"));
			assertTrue(((String) c.get("title")).endsWith("simulated data"), (String) c.get("title"));
			List<?> bars = (List<?>) c.get("bars");
			assertTrue(!bars.isEmpty() && bars.size() <= CallerShow.MAX_BARS, "the visible bars: " + bars.size());
			Ui.waitFor("the expert reads it was shown", () -> Ui.text("commentary.chart.message").startsWith("Shown to the caller"));

			Ui.run(() -> display.session(null));
			Ui.waitFor("disabled after leaving", () -> !enabled("commentary.showToCaller")
					&& !enabled("commentary.chart.showToCaller"));
		} finally {
			reg.unregister();
		}
		Ui.run(() -> agents.logout());
	}

	private static boolean enabled(String testId) {
		return Ui.sync(() -> ((Button) Ui.find(testId)).isEnabled());
	}
}
