package org.webcallcenter.cobrowse.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.hub.api.CobrowseHub;
import org.webcallcenter.hub.api.CobrowseProtocol;
import org.webcallcenter.testing.Chromium;
import org.webcallcenter.testing.ui.Ui;

/**
 * The agent view in the real workbench (SWT Browser under Xvfb) following a real customer: Chromium on the demo
 * site served by the hub, which runs in the same test runtime on a free port. The replayed page is read through
 * {@link Browser#evaluate(String)} from the UI thread: the name in clear, the secrets masked.
 */
class CobrowseUiTest {
	static final String NAME = "Erika Mustermann";
	static final String PASSWORD = "Pw-9d8c7b6a";
	static final String ACCOUNT = "DE44500105175407324931";

	static URI hub;
	static Chromium chromium;

	@BeforeAll
	static void start() throws Exception {
		ServiceTracker<CobrowseHub, CobrowseHub> t = new ServiceTracker<>(
				FrameworkUtil.getBundle(CobrowseUiTest.class).getBundleContext(), CobrowseHub.class, null);
		t.open();
		CobrowseHub service = t.waitForService(60_000);
		assertTrue(service != null, "the hub runs in the test runtime");
		Ui.waitFor("the hub listens", () -> service.address().isPresent());
		hub = service.address().get();
		chromium = new Chromium();
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
	}

	private static MWindow window() {
		MApplication app = Ui.application();
		return app.getChildren().get(0);
	}

	private static Browser browser() {
		return (Browser) Ui.await("cobrowse.browser");
	}

	/** @return the value of a script in the replay page, run from the UI thread (never from a browser callback) */
	private static Object replay(String script) {
		return Ui.sync(() -> browser().evaluate(script));
	}

	@Test
	void theAgentSeesTheCustomersPageWithTheSecretsMasked() throws Exception {
		Ui.workbench();
		Ui.waitFor("the main window", () -> Ui.sync(() -> window().getWidget() instanceof Shell s && s.isVisible()));
		Ui.run(() -> window().getContext().get(EPartService.class).showPart("org.webcallcenter.cobrowse.ui.part",
				PartState.ACTIVATE));
		Ui.await("cobrowse.code");

		chromium.call("goto", hub.resolve(CobrowseProtocol.DEMO_PAGE).toString());
		chromium.call("click", "#wcc-start");
		chromium.call("waitFor", "#wcc-cobrowse-code");
		String code = chromium.eval("document.getElementById('wcc-cobrowse-code').textContent");

		Text hubField = (Text) Ui.await("cobrowse.hub");
		Ui.run(() -> hubField.setText(hub.toString()));
		Ui.type("cobrowse.code", code);
		Ui.click("cobrowse.join");
		Ui.waitFor("the agent joined", () -> Ui.text("cobrowse.status").contains("Customer's page connected")
				|| Ui.text("cobrowse.status").contains("Joined"));
		Ui.waitFor("the customer's page is replayed", () -> Boolean.TRUE.equals(replay(
				"var d = window.wccReplay && wccReplay.frameDocument(); return !!(d && d.getElementById('name'));")));

		chromium.call("type", "#name", NAME);
		chromium.call("type", "#password", PASSWORD);
		chromium.call("type", "#account", ACCOUNT);
		Ui.waitFor("the name appears in the agent's view", () -> NAME.equals(replay(
				"return wccReplay.frameDocument().getElementById('name').value;")));
		Ui.waitFor("the account number field shows a mask", () -> "********".equals(replay(
				"return wccReplay.frameDocument().getElementById('account').value;")));
		assertEquals("********", replay("return wccReplay.frameDocument().getElementById('password').value;"));
		String html = (String) replay("return wccReplay.frameDocument().documentElement.outerHTML;");
		assertFalse(html.contains(PASSWORD) || html.contains(ACCOUNT), "no secret in the replayed page");
		assertTrue(html.contains("Example Broker"), "the replayed page is the demo site");
		Ui.waitFor("the lag is shown", () -> Ui.text("cobrowse.lag").startsWith("lag "));
		Path shot = Ui.screenshot("cobrowse-agent-view");
		assertTrue(Files.size(shot) > 0);

		// guidance from the view reaches the customer's page
		Text sel = (Text) Ui.await("cobrowse.selector");
		Ui.run(() -> sel.setText("#account"));
		Ui.click("cobrowse.highlight");
		chromium.call("waitFor", "#wcc-highlight");
		assertEquals("#account", chromium.eval("document.getElementById('wcc-highlight').dataset.selector"));
		Text pg = (Text) Ui.await("cobrowse.page");
		Ui.run(() -> pg.setText("/demo/order.html"));
		Ui.click("cobrowse.suggest");
		chromium.call("waitFor", "#wcc-suggestion");
		chromium.call("click", "#wcc-go");
		chromium.call("waitForUrl", "order.html");
		Ui.waitFor("the agent's view follows to the order ticket", () -> Boolean.TRUE.equals(replay(
				"var d = wccReplay.frameDocument(); return !!(d && d.getElementById('order-form'));")));
		Ui.screenshot("cobrowse-agent-view-order");
		Ui.click("cobrowse.leave");
	}
}
