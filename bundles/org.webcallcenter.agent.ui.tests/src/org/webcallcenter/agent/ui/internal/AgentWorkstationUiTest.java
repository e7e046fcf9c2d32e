package org.webcallcenter.agent.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MToolControl;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.agent.api.ReasonCode;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.app.api.StatusBarService;
import org.webcallcenter.testing.ui.Ui;

/**
 * The Agent Workstation's real workbench, driven like an agent drives it: the main window, the state toolbar,
 * the login dialog, the status bar and the perspectives.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentWorkstationUiTest {
	private static final String PASSWORD = "s3cret-pw.42";

	private AgentStateService state;

	@BeforeEach
	void setUp() {
		state = Ui.service(AgentStateService.class);
		Ui.workbench();
		Ui.waitFor("the main window", () -> Ui.sync(() -> mainShell() != null && mainShell().isVisible()));
	}

	private static Shell mainShell() {
		MApplication app = Ui.application();
		if (app.getChildren().isEmpty()) {
			return null;
		}
		MWindow window = app.getChildren().get(0);
		return window.getWidget() instanceof Shell s ? s : null;
	}

	private void loggedOut() {
		if (state.current().state() == AgentState.ON_CALL) {
			state.callEnded(state.current().callId().get());
		}
		if (state.current().state() != AgentState.LOGGED_OUT) {
			state.logout();
		}
	}

	private void loggedIn() {
		if (state.current().state() == AgentState.LOGGED_OUT) {
			state.login(new AgentIdentity("2002", "Li Wei", "Shenzhen", "8002"));
		}
	}

	@Test
	@Order(1)
	void mainWindowShowsTheAgentPerspectiveAndTheStateToolbar() {
		loggedOut();
		MApplication app = Ui.application();
		EModelService models = app.getContext().get(EModelService.class);
		String title = Ui.sync(() -> mainShell().getText());
		assertEquals("Web Call Center - Agent Workstation", title);
		String perspective = Ui.sync(() -> ((MPerspectiveStack) models.find("org.webcallcenter.app.perspectivestack", app))
				.getSelectedElement().getElementId());
		assertEquals("org.webcallcenter.perspective.agent", perspective);
		MToolControl toolControl = Ui.sync(() -> (MToolControl) models.find("org.webcallcenter.agent.ui.toolcontrol.state", app));
		assertNotNull(toolControl, "the state toolbar is in the model");
		assertTrue(toolControl.getObject() instanceof AgentStateControl, "the state toolbar is rendered");
		Ui.waitFor("badge 'Logged out'", () -> "Logged out".equals(Ui.text("state.badge")));
		assertFalse(Ui.sync(() -> Ui.find("state.ready").isEnabled()), "Ready is disabled while logged out");
		assertEquals("Log in...", Ui.text("state.login"));
		Ui.screenshot("agent-workstation-logged-out");
	}

	@Test
	@Order(2)
	void loginDialogSignsTheAgentInAndKeepsThePasswordInSecureStorage() throws Exception {
		loggedOut();
		Ui.click("state.login");
		Ui.await("login.agentId");
		Ui.type("login.agentId", "1001");
		Ui.type("login.displayName", "jane");
		Ui.type("login.branch", "shanghai");
		Ui.type("login.extension", "2001");
		Ui.click("sip.mode.registrar");
		Ui.type("sip.registrar", "127.0.0.1:5060");
		Ui.type("sip.user", "1001");
		Ui.type("sip.password", PASSWORD);
		Ui.waitFor("typed password", () -> PASSWORD.equals(Ui.text("sip.password")));
		Ui.screenshot("login-dialog");
		Ui.click("login.ok");

		Ui.waitFor("agent 1001 logged in", () -> state.current().agent().map(a -> a.agentId().equals("1001")).orElse(false));
		assertEquals(AgentState.NOT_READY, state.current().state());
		assertEquals(ReasonCode.LOGIN, state.current().reason().get());
		AgentIdentity who = state.current().agent().get();
		assertEquals("jane", who.displayName());
		assertEquals("shanghai", who.branch());
		assertEquals("2001", who.extension());
		Ui.waitFor("badge shows Not ready", () -> Ui.text("state.badge").startsWith("Not ready"));
		Ui.waitFor("toolbar shows who is logged in", () -> Ui.text("state.who").contains("jane (1001)"));

		AccountStore store = Ui.service(AccountStore.class);
		Ui.waitFor("account saved in secure storage", () -> {
			try {
				return store.account().isPresent() && store.hasPassword();
			} catch (AccountStore.AccountStoreException e) {
				return false;
			}
		});
		SipAccount account = store.account().get();
		assertEquals(SipAccount.Mode.REGISTRAR, account.mode());
		assertEquals("127.0.0.1:5060", account.registrar());
		assertEquals("1001", account.user());
		assertEquals(PASSWORD, new String(store.password().get()));

		Path instance = instanceArea();
		List<Path> leaks = filesContaining(instance, PASSWORD);
		assertTrue(leaks.isEmpty(), "the password appears in clear in " + leaks);
	}

	@Test
	@Order(3)
	void stateToolbarDrivesTheStateMachine() {
		loggedIn();
		if (state.current().state() != AgentState.NOT_READY) {
			state.notReady(ReasonCode.LOGIN);
		}
		Ui.click("state.ready");
		Ui.waitFor("READY", () -> state.current().state() == AgentState.READY);
		Ui.waitFor("badge Ready", () -> Ui.text("state.badge").startsWith("Ready"));

		Ui.click("state.notReady");
		AgentStateControl control = Ui.sync(() -> (AgentStateControl) ((MToolControl) Ui.application().getContext()
				.get(EModelService.class).find("org.webcallcenter.agent.ui.toolcontrol.state", Ui.application())).getObject());
		Ui.waitFor("reason menu shown", () -> Ui.sync(() -> control.reasonMenu().isVisible()));
		Ui.run(() -> {
			for (MenuItem item : control.reasonMenu().getItems()) {
				if ("reason.BREAK".equals(item.getData(SipAccountForm.TEST_ID))) {
					control.reasonMenu().setVisible(false);
					item.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
				}
			}
		});
		Ui.waitFor("NOT_READY(BREAK)", () -> state.current().reason().map(r -> r.code().equals("BREAK")).orElse(false));
		Ui.waitFor("badge Not ready · Break", () -> Ui.text("state.badge").contains("Break"));

		state.callStarted("call-ui-1");
		Ui.waitFor("badge On call", () -> Ui.text("state.badge").startsWith("On call"));
		assertFalse(Ui.sync(() -> Ui.find("state.ready").isEnabled()), "Ready is disabled on a call");
		assertFalse(Ui.sync(() -> Ui.find("state.login").isEnabled()), "Log out is disabled on a call");
		state.callEnded("call-ui-1");
		Ui.waitFor("badge Wrap-up", () -> Ui.text("state.badge").startsWith("Wrap-up"));
		Ui.screenshot("agent-workstation-wrap-up");
		Ui.click("state.extendWrapUp");
		Ui.click("state.finishWrapUp");
		Ui.waitFor("back to NOT_READY(BREAK) after wrap-up", () -> state.current().state() == AgentState.NOT_READY
				&& state.current().reason().get().code().equals("BREAK"));

		Ui.click("state.login");
		Ui.waitFor("logged out", () -> state.current().state() == AgentState.LOGGED_OUT);
		Ui.waitFor("badge Logged out", () -> "Logged out".equals(Ui.text("state.badge")));
	}

	@Test
	@Order(4)
	void statusBarShowsTheAgent() {
		loggedIn();
		StatusBarService bar = Ui.service(StatusBarService.class);
		Ui.waitFor("status entry names the agent",
				() -> bar.items().stream().anyMatch(i -> i.text().contains("Li Wei (2002)") || i.text().contains("(1001)")));
		Ui.waitFor("status bar label shows it", () -> Ui.sync(() -> statusLabels(mainShell()).stream()
				.anyMatch(t -> t.startsWith("Agent "))));
		loggedOut();
		Ui.waitFor("status bar says Not logged in", () -> Ui.sync(() -> statusLabels(mainShell()).contains("Not logged in")));
		Ui.waitFor("status bar says the workstation is ready",
				() -> Ui.sync(() -> statusLabels(mainShell()).contains("Workstation ready")));
	}

	@Test
	@Order(5)
	void perspectiveSwitcherOpensTheExpertPerspective() {
		MApplication app = Ui.application();
		EModelService models = app.getContext().get(EModelService.class);
		org.eclipse.swt.widgets.Button expert = Ui.sync(() -> findButton(mainShell(), "Expert"));
		assertNotNull(expert, "an Expert perspective button");
		Ui.click(expert);
		Ui.waitFor("Expert perspective selected", () -> Ui.sync(() -> "org.webcallcenter.perspective.expert"
				.equals(((MPerspectiveStack) models.find("org.webcallcenter.app.perspectivestack", app)).getSelectedElement()
						.getElementId())));
		org.eclipse.swt.widgets.Button agent = Ui.sync(() -> findButton(mainShell(), "Agent"));
		Ui.click(agent);
		Ui.waitFor("Agent perspective selected again", () -> Ui.sync(() -> "org.webcallcenter.perspective.agent"
				.equals(((MPerspectiveStack) models.find("org.webcallcenter.app.perspectivestack", app)).getSelectedElement()
						.getElementId())));
	}

	@Test
	@Order(6)
	void agentMenuCommandsAreEnabledByTheStateMachinesRules() {
		loggedIn();
		if (state.current().state() != AgentState.NOT_READY) {
			state.notReady(ReasonCode.LOGIN);
		}
		MWindow window = Ui.sync(() -> Ui.application().getChildren().get(0));
		org.eclipse.e4.core.contexts.IEclipseContext context = window.getContext();
		org.eclipse.e4.core.commands.ECommandService commands = context.get(org.eclipse.e4.core.commands.ECommandService.class);
		org.eclipse.e4.core.commands.EHandlerService handlers = context.get(org.eclipse.e4.core.commands.EHandlerService.class);
		java.util.function.Function<String, Boolean> enabled = id -> Ui.sync(
				() -> handlers.canExecute(commands.createCommand("org.webcallcenter.agent.command." + id, null)));
		assertTrue(enabled.apply("ready"), "Ready is enabled while not ready");
		assertFalse(enabled.apply("finishwrapup"), "Finish wrap-up is disabled outside wrap-up");
		assertFalse(enabled.apply("login"), "Log in is disabled while logged in");
		Ui.run(() -> handlers.executeHandler(commands.createCommand("org.webcallcenter.agent.command.ready", null)));
		Ui.waitFor("READY through the Agent menu's command", () -> state.current().state() == AgentState.READY);
		assertFalse(enabled.apply("ready"), "Ready is disabled while ready");
		state.callStarted("call-menu-1");
		state.callEnded("call-menu-1");
		assertTrue(enabled.apply("finishwrapup"), "Finish wrap-up is enabled in wrap-up");
		Ui.run(() -> handlers.executeHandler(commands.createCommand("org.webcallcenter.agent.command.finishwrapup", null)));
		Ui.waitFor("READY again after Finish wrap-up", () -> state.current().state() == AgentState.READY);
		Ui.run(() -> handlers.executeHandler(commands.createCommand("org.webcallcenter.agent.command.logout", null)));
		Ui.waitFor("logged out through the Agent menu's command", () -> state.current().state() == AgentState.LOGGED_OUT);
		assertTrue(enabled.apply("login"), "Log in is enabled while logged out");
	}

	private static org.eclipse.swt.widgets.Button findButton(org.eclipse.swt.widgets.Control c, String text) {
		if (c instanceof org.eclipse.swt.widgets.Button b && text.equals(b.getText())) {
			return b;
		}
		if (c instanceof org.eclipse.swt.widgets.Composite comp) {
			for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
				org.eclipse.swt.widgets.Button found = findButton(child, text);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static List<String> statusLabels(org.eclipse.swt.widgets.Control c) {
		List<String> result = new java.util.ArrayList<>();
		// only labels a person can see: shown, with a real size (an empty bar once collapsed to nothing)
		if (c instanceof Label l && l.getData(org.webcallcenter.app.internal.StatusBarControl.ITEM_ID) != null
				&& l.isVisible() && l.getSize().y > 0 && l.getSize().x > 0) {
			result.add(l.getText());
		}
		if (c instanceof org.eclipse.swt.widgets.Composite comp) {
			for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
				result.addAll(statusLabels(child));
			}
		}
		return result;
	}

	private static Path instanceArea() throws Exception {
		var context = FrameworkUtil.getBundle(AgentWorkstationUiTest.class).getBundleContext();
		ServiceReference<?>[] refs = context.getServiceReferences(Location.class.getName(), "(type=osgi.instance.area)");
		Location location = (Location) context.getService(refs[0]);
		return Path.of(location.getURL().toURI());
	}

	private static List<Path> filesContaining(Path root, String secret) throws IOException {
		byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).filter(f -> {
				try {
					return indexOf(Files.readAllBytes(f), needle) >= 0;
				} catch (IOException e) {
					return false;
				}
			}).toList();
		}
	}

	private static int indexOf(byte[] hay, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= hay.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (hay[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}
}
