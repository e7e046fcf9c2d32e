package org.webcallcenter.commentary.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.commentary.api.internal.CommentaryPreferences;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryQuery;
import org.webcallcenter.commentary.api.workflow.CommentaryService;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;
import org.webcallcenter.testing.ui.Ui;

/** The commentary part through the workflow: an author writes with a chart attached, another user approves and publishes. */
class CommentaryUiTest {

	@Test
	void authorWritesAnotherApprovesAndPublishes() {
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
		assertEquals(CommentaryStatus.PUBLISHED, service.get(saved.id()).orElseThrow().status());
		assertFalse(Ui.sync(() -> ((Text) Ui.find("commentary.title")).getEditable()), "published text is read-only");
		assertFalse(Ui.sync(() -> ((Button) Ui.find("commentary.save")).isEnabled()));
		Ui.screenshot("commentary-published");
		Ui.run(() -> agents.logout());
	}
}
