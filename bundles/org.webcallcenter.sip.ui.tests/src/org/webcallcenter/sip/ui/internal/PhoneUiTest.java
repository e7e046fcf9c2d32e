package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.webcallcenter.app.api.StatusBarService;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.testing.ui.Ui;

/**
 * The Agent Workstation's real workbench with the softphone UI: where the parts are, the dial field driven by
 * real key presses and clicks, what the agent is told about wrong input and about a missing softphone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhoneUiTest {

	@BeforeEach
	void setUp() {
		Ui.workbench();
		Ui.waitFor("the main window", () -> Ui.sync(() -> mainShell() != null && mainShell().isVisible()));
	}

	private static MWindow window() {
		MApplication app = Ui.application();
		return app.getChildren().isEmpty() ? null : app.getChildren().get(0);
	}

	private static Shell mainShell() {
		MWindow w = window();
		return w != null && w.getWidget() instanceof Shell s ? s : null;
	}

	private static EModelService models() {
		return Ui.application().getContext().get(EModelService.class);
	}

	@Test
	@Order(1)
	void phoneAndHistoryAreInBothPerspectives() {
		MApplication app = Ui.application();
		List<String[]> where = List.of(
				new String[] { "org.webcallcenter.sip.ui.part.phone", "org.webcallcenter.perspective.agent.stack.work" },
				new String[] { "org.webcallcenter.sip.ui.part.history", "org.webcallcenter.perspective.agent.stack.side" },
				new String[] { "org.webcallcenter.sip.ui.part.phone.expert",
						"org.webcallcenter.perspective.expert.stack.work" },
				new String[] { "org.webcallcenter.sip.ui.part.history.expert",
						"org.webcallcenter.perspective.expert.stack.side" });
		for (String[] w : where) {
			MPart part = Ui.sync(() -> (MPart) models().find(w[0], app));
			assertNotNull(part, w[0] + " is in the model");
			assertEquals(w[1], Ui.sync(() -> part.getParent().getElementId()), w[0] + "'s stack");
		}
		MPart phone = Ui.sync(() -> (MPart) models().find("org.webcallcenter.sip.ui.part.phone", app));
		Ui.waitFor("the Phone part is rendered", () -> Ui.sync(() -> phone.getObject() instanceof PhonePart));
		assertEquals("org.webcallcenter.perspective.agent",
				Ui.sync(() -> models().getPerspectiveFor(phone).getElementId()));
		assertTrue(Ui.sync(() -> phone.getParent().getSelectedElement() == phone),
				"the Phone part is the one shown in the work area");
		MPerspective expert = Ui.sync(() -> (MPerspective) models().find("org.webcallcenter.perspective.expert", app));
		assertEquals(expert, Ui.sync(() -> models().getPerspectiveFor(
				(MPart) models().find("org.webcallcenter.sip.ui.part.phone.expert", app))));
	}

	@Test
	@Order(2)
	void typedAndPadDigitsLandInTheDialField() {
		Ui.click("phone.clear");
		Ui.waitFor("empty dial field", () -> Ui.text("phone.dial").isEmpty());
		Ui.type("phone.dial", "1001");
		Ui.waitFor("typed digits", () -> "1001".equals(Ui.text("phone.dial")));
		Ui.click("phone.pad.2");
		Ui.click("phone.pad.*");
		Ui.click("phone.pad.#");
		Ui.waitFor("pad digits appended", () -> "10012*#".equals(Ui.text("phone.dial")));
		Ui.screenshot("phone-dial-field");
		Ui.click("phone.clear");
		Ui.waitFor("cleared", () -> Ui.text("phone.dial").isEmpty());
	}

	@Test
	@Order(3)
	void invalidInputTellsTheAgentWhatIsWrong() {
		Ui.click("phone.clear");
		Ui.type("phone.dial", "1001@");
		Ui.enter();
		Ui.waitFor("message about the missing host", () -> Ui.text("phone.message").startsWith("Cannot dial '1001@': "));
		assertTrue(Ui.text("phone.message").contains("host"), Ui.text("phone.message"));
		Ui.screenshot("phone-invalid-address");
		Ui.type("phone.dial", "x");
		Ui.waitFor("message cleared by typing", () -> Ui.text("phone.message").isEmpty());

		// no account is stored in this test run: a plain number has no registrar to go through
		Ui.click("phone.clear");
		Ui.type("phone.dial", "1234");
		Ui.click("phone.call");
		Ui.waitFor("message asking for a full address", () -> Ui.text("phone.message").contains("needs a registrar"));
		Ui.click("phone.clear");
	}

	@Test
	@Order(4)
	void whenTheSoftphoneGoesAwayThePartAndStatusBarSaySo() throws Exception {
		Ui.service(Softphone.class);
		Ui.waitFor("no banner while the softphone runs", () -> Ui.text("phone.availability").isEmpty());
		Ui.waitFor("auto-answer offered", () -> Ui.sync(() -> Ui.find("phone.autoanswer").isEnabled()));
		assertEquals(0, Ui.sync(() -> ((Table) Ui.find("phone.lines")).getItemCount()).intValue(), "no lines");
		Ui.screenshot("phone-part");

		Bundle jain = Arrays.stream(FrameworkUtil.getBundle(PhoneUiTest.class).getBundleContext().getBundles())
				.filter(b -> b.getSymbolicName().equals("org.webcallcenter.sip.jain")).findFirst().orElseThrow();
		jain.stop();
		try {
			Ui.waitFor("the part says the softphone is gone",
					() -> PhonePart.NOT_AVAILABLE.equals(Ui.text("phone.availability")));
			Ui.waitFor("the status bar says so", () -> entry().text().equals(RegistrationText.unavailable().text()));
			assertEquals(StatusBarService.Severity.WARNING, entry().severity());
			assertEquals(RegistrationStatusEntry.ORDER, entry().order());
			assertFalse(Ui.sync(() -> Ui.find("phone.autoanswer").isEnabled()), "no auto-answer without softphone");
			Ui.type("phone.dial", "sip:2001@127.0.0.1:5070");
			Ui.enter();
			Ui.waitFor("a valid address is refused for want of a softphone",
					() -> PhonePart.NOT_AVAILABLE.equals(Ui.text("phone.message")));
			Ui.screenshot("phone-softphone-gone");
			Ui.click("phone.clear");
		} finally {
			jain.start();
		}
		Ui.service(Softphone.class);
		Ui.waitFor("the part has the softphone back", () -> Ui.text("phone.availability").isEmpty());
		Ui.waitFor("the status bar too", () -> !entry().text().equals(RegistrationText.unavailable().text()));
	}

	private static StatusBarService.Item entry() {
		return Ui.service(StatusBarService.class).items().stream()
				.filter(i -> i.id().equals(RegistrationStatusEntry.ID)).findFirst().orElseThrow();
	}

	@Test
	@Order(5)
	void historyPartShowsInTheSideStack() {
		MApplication app = Ui.application();
		MPart history = Ui.sync(() -> (MPart) models().find("org.webcallcenter.sip.ui.part.history", app));
		Ui.run(() -> window().getContext().get(EPartService.class).activate(history));
		Ui.waitFor("the History part is rendered", () -> Ui.sync(() -> history.getObject() instanceof HistoryPart));
		Ui.await("history.table");
		Ui.screenshot("history-part");
	}
}
