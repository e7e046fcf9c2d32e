package org.webcallcenter.cobrowse.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.preferences.InstanceScope;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.webcallcenter.hub.api.CobrowseHub;
import org.webcallcenter.hub.api.CobrowseProtocol;
import org.webcallcenter.hub.api.display.CallerDisplay;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.InteractionStore;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.session.SessionMessage;
import org.webcallcenter.recording.api.session.SessionRecords;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.testing.Chromium;
import org.webcallcenter.testing.Sipp;
import org.webcallcenter.testing.ui.Ui;
import org.webcallcenter.testing.ui.softphone.DirectSoftphone;

/**
 * The agent view in the real workbench (SWT Browser under Xvfb) following a real customer: Chromium on the demo
 * site served by the hub, which runs in the same test runtime on a free port. The replayed page is read through
 * {@link Browser#evaluate(String)} from the UI thread: the name in clear, the secrets masked. The expert then shows
 * a chart and a commentary on the customer's page through the view's {@link CallerDisplay}. What the view received
 * is then found in the workstation's encrypted recordings database (secrets still masked): first under the session
 * id alone, then linked to the call the agent takes during the session (a real call from the workstation's softphone
 * to sipp's echo), and replayed from there by the Recordings view's "Replay pages" in a second SWT Browser.
 */
class CobrowseUiTest {
	static final String NAME = "Erika Mustermann";
	static final String PASSWORD = "Pw-9d8c7b6a";
	static final String ACCOUNT = "DE44500105175407324931";

	static URI hub;
	static Chromium chromium;

	@TempDir
	Path dir;

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

		// no call yet: the stream is stored under the hub's session id alone
		String session = display().session().orElseThrow();
		SessionRecords records = Ui.service(SessionRecords.class);
		Ui.waitFor("the first messages are stored", () -> !stored(records, session).isEmpty());
		assertTrue(records.find(session).orElseThrow().interactionId().isEmpty(), "no call: no interaction");
		try (Sipp echo = Sipp.callee(dir).builtIn("uas").rtpEcho().start()) {
			Call call = DirectSoftphone.of("agent2001").dial("sip:service@127.0.0.1:" + echo.localPort());
			try {
				Ui.waitFor("the echo to answer", () -> call.state() == CallState.CONNECTED);
				linkedToTheCall(records, session, call);
				browseAndReplay(session, call.remote().toString());
			} finally {
				call.hangUp();
				Ui.waitFor("the call to end", () -> call.state() == CallState.ENDED);
			}
		}
	}

	/** The call connected during the session: the record names its interaction, which links the session. */
	private static void linkedToTheCall(SessionRecords records, String session, Call call) {
		InteractionStore interactions = Ui.service(InteractionStore.class);
		Ui.waitFor("the session's record names the call", () -> {
			try {
				return records.find(session).orElseThrow().interactionId().equals(java.util.Optional.of(call.id()));
			} catch (RecordingException e) {
				throw new AssertionError(e);
			}
		});
		Ui.waitFor("the call's interaction has the co-browsing link", () -> {
			try {
				return interactions.find(call.id()).map(i -> i.links()
						.contains(new Interaction.Link(Interaction.Link.COBROWSE, session))).orElse(false);
			} catch (RecordingException e) {
				throw new AssertionError(e);
			}
		});
	}

	private void browseAndReplay(String session, String party) throws Exception {
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

		showToCaller();
		Ui.click("cobrowse.leave");
		Ui.waitFor("no session to show things in after leaving", () -> display().session().isEmpty());

		replayTheStoredPages(session, party);
	}

	/** @return the stored messages of the session (what is committed so far) */
	private static List<SessionMessage> stored(SessionRecords records, String session) {
		try {
			return records.read(session);
		} catch (RecordingException e) {
			throw new AssertionError(e);
		}
	}

	/**
	 * The view's stream is in the recordings database under the hub's session id; linked to an interaction it is
	 * offered by the Recordings view, whose replay window shows each page as the customer had it.
	 */
	private static void replayTheStoredPages(String session, String party) throws Exception {
		Browser live = browser();
		SessionRecords records = Ui.service(SessionRecords.class);
		Ui.waitFor("the view's stream up to the order ticket is stored", () -> stored(records, session).stream()
				.anyMatch(m -> m.json().contains("order-form")));
		List<SessionMessage> messages = stored(records, session);
		String all = messages.stream().map(SessionMessage::json).collect(Collectors.joining("\n"));
		assertFalse(all.contains(PASSWORD) || all.contains(ACCOUNT), "no secret in the stored stream");
		assertTrue(all.contains(NAME), "the name (an allowed field) is stored in clear");
		assertTrue(messages.stream().anyMatch(m -> m.kind() == SessionMessage.Kind.SNAPSHOT), "full snapshots");
		assertTrue(messages.stream().anyMatch(m -> m.kind() == SessionMessage.Kind.EVENTS), "incremental events");
		for (int i = 1; i < messages.size(); i++) {
			assertEquals(messages.get(i - 1).seq() + 1, messages.get(i).seq(), "in order, without gaps");
			assertFalse(messages.get(i).receivedAt().isBefore(messages.get(i - 1).receivedAt()), "arrival times");
		}
		InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE).put(WorkstationPreferences.HUB_ADDRESS,
				hub.toString());
		Ui.run(() -> window().getContext().get(EPartService.class).showPart(
				"org.webcallcenter.recording.ui.part.recordings", PartState.ACTIVATE));
		Ui.type("recordings.party", party);
		Ui.click("recordings.search");
		Table table = (Table) Ui.await("recordings.table");
		int[] row = { -1 };
		Ui.waitFor("the call is found", () -> Ui.sync(() -> {
			for (int i = 0; i < table.getItemCount(); i++) {
				if (table.getItem(i).getText(2).equals(party)) {
					row[0] = i;
				}
			}
			return row[0] >= 0;
		}));
		Ui.clickRow("recordings.table", row[0]);
		Ui.click("recordings.replayPages");
		Browser replayed = (Browser) Ui.await("recordings.replay.browser");
		assertTrue(replayed != live, "a second browser");
		Ui.waitFor("the stored stream is loaded", () -> Ui.text("recordings.replay.state").startsWith("Replaying "));
		Combo pages = (Combo) Ui.await("recordings.replay.pages");
		assertTrue(Ui.sync(() -> pages.getItemCount()) >= 2, "the demo page and the order ticket");

		// the demo page as it was when the customer left it for the order ticket: the name in clear, secrets masked
		int order = Ui.sync(() -> java.util.Arrays.asList(pages.getItems()).stream()
				.filter(p -> p.contains("order.html")).findFirst().map(p -> pages.indexOf(p)).orElse(-1));
		assertTrue(order > 0, "the order ticket follows the demo page");
		choosePage(pages, order - 1);
		Ui.waitFor("the replay shows the demo page with the name typed", () -> NAME.equals(Ui.sync(() -> replayed
				.evaluate("var d = wccReplay.frameDocument(); var e = d && d.getElementById('name');"
						+ " return e ? e.value : null;"))));
		assertEquals("********", Ui.sync(() -> replayed.evaluate(
				"return wccReplay.frameDocument().getElementById('password').value;")));
		assertEquals("********", Ui.sync(() -> replayed.evaluate(
				"return wccReplay.frameDocument().getElementById('account').value;")));
		String html = (String) Ui.sync(() -> replayed.evaluate(
				"return wccReplay.frameDocument().documentElement.outerHTML;"));
		assertFalse(html.contains(PASSWORD) || html.contains(ACCOUNT), "no secret in the replayed page");
		assertTrue(html.contains("Example Broker"));
		Ui.screenshot("cobrowse-replayed-demo-page");

		// the last page: the order ticket
		int last = Ui.sync(() -> pages.getItemCount()) - 1;
		choosePage(pages, last);
		Ui.waitFor("the replay shows the order ticket", () -> Boolean.TRUE.equals(Ui.sync(() -> replayed.evaluate(
				"var d = wccReplay.frameDocument(); return !!(d && d.getElementById('order-form'));"))));
		Ui.screenshot("cobrowse-replayed-order-page");

		// Play from there (at the end: from the start again), then Pause
		Ui.click("recordings.replay.play");
		Ui.waitFor("playing", () -> Boolean.TRUE.equals(Ui.sync(() -> replayed.evaluate(
				"var p = wccReplay.position(); return !!p && p.playing;"))));
		Ui.click("recordings.replay.pause");
		Ui.waitFor("paused", () -> Boolean.FALSE.equals(Ui.sync(() -> replayed.evaluate(
				"return wccReplay.position().playing;"))));
		Ui.run(() -> replayed.getShell().close());
	}

	/** Chooses a page in the replay window's page list as the agent would (a selection event). */
	private static void choosePage(Combo pages, int index) {
		Ui.run(() -> {
			pages.select(index);
			pages.notifyListeners(SWT.Selection, new Event());
		});
	}

	/** @return the caller display the open co-browsing view registered */
	private static CallerDisplay display() {
		BundleContext bc = FrameworkUtil.getBundle(CobrowseUiTest.class).getBundleContext();
		ServiceReference<CallerDisplay> ref = bc.getServiceReference(CallerDisplay.class);
		assertTrue(ref != null, "the co-browsing view registers a CallerDisplay");
		CallerDisplay d = bc.getService(ref);
		bc.ungetService(ref);
		return d;
	}

	/** @return a chart show of 60 daily bars, rising then falling, with MA5 and MA10 and a trend line */
	static String chartShow(String id, int bars) {
		StringBuilder b = new StringBuilder();
		LocalDate day = LocalDate.of(2026, 9, 1);
		double close = 20;
		for (int i = 0; i < bars; i++) {
			double open = close;
			close = open + (i < bars / 2 ? 0.3 : -0.25) + (i % 3 == 0 ? -0.4 : 0.1);
			b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[\"%sT00:00\",%.2f,%.2f,%.2f,%.2f,%d]",
					day.plusDays(i), open, Math.max(open, close) + 0.2, Math.min(open, close) - 0.2, close,
					10_000 + 500 * (i % 7)));
		}
		return "{\"t\":\"show\",\"id\":\"" + id + "\",\"kind\":\"chart\",\"title\":\"SIM600001 Sim Bank \u00b7 Daily "
				+ "\u00b7 simulated data\",\"state\":{\"format\":1,\"provider\":\"simulated\",\"symbol\":\"SIM600001\","
				+ "\"period\":\"DAY\",\"indicators\":[\"VOLUME\",\"MA5\",\"MA10\"],\"trendLines\":[{\"time1\":"
				+ "\"2026-09-02T00:00\",\"price1\":20,\"time2\":\"2026-09-20T00:00\",\"price2\":25,\"colour\":\"red\"}],"
				+ "\"from\":null,\"to\":null},\"bars\":[" + b + "]}";
	}

	/** Pixels of the shown chart's canvas that are not (near) white, and of the up and down candle colours. */
	static final String CANVAS_PIXELS = "(() => { const c = document.getElementById('wcc-panel-chart');"
			+ " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let ink = 0, up = 0, down = 0;"
			+ " for (let i = 0; i < d.length; i += 4) { if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;"
			+ " if (d[i] === 47 && d[i + 1] === 158 && d[i + 2] === 68) up++;"
			+ " if (d[i] === 224 && d[i + 1] === 49 && d[i + 2] === 49) down++; }"
			+ " return ink + ',' + up + ',' + down; })()";

	/** The expert shows a chart and a commentary through the view's CallerDisplay; the customer's page shows them. */
	private static void showToCaller() throws Exception {
		CallerDisplay display = display();
		Ui.waitFor("the view has joined a session", () -> display.session().isPresent());
		CallerDisplay.Result r = display.show("chart-1", chartShow("chart-1", 60)).toCompletableFuture()
				.get(30, TimeUnit.SECONDS);
		assertTrue(r.shown(), "shown: " + r);
		chromium.call("waitFor", "#wcc-caller-panel");
		String panel = chromium.eval("document.getElementById('wcc-caller-panel').innerText");
		assertTrue(panel.contains("SIM600001 Sim Bank") && panel.contains("Shown by your advisor")
				&& panel.contains("60 bars, 2026-09-01T00:00 to 2026-10-30T00:00"), panel);
		String[] pixels = chromium.eval(CANVAS_PIXELS).split(",");
		assertTrue(Integer.parseInt(pixels[0]) > 2000, "the chart is drawn: " + String.join(",", pixels));
		assertTrue(Integer.parseInt(pixels[1]) > 20 && Integer.parseInt(pixels[2]) > 20,
				"rising and falling candles are drawn: " + String.join(",", pixels));
		chromium.call("screenshot", Files.createDirectories(Path.of(System.getProperty("user.dir"), "target", "screenshots"))
				.resolve("caller-panel-chart.png").toString());
		// the panel is not recorded back into the stream: the agent's view has an empty box, no chart text
		// (rrweb keeps only a blocked element's size: an empty div of the panel's width, 440px plus padding)
		Ui.waitFor("the replay has the panel as an empty box", () -> Boolean.TRUE.equals(replay(
				"var d = wccReplay.frameDocument(); return !!d && Array.from(d.querySelectorAll('div')).some(function (e) {"
						+ " var w = parseFloat(e.style.width); return w >= 440 && w < 500 && e.childNodes.length === 0; });")));
		String replayed = (String) replay("return wccReplay.frameDocument().documentElement.outerHTML;");
		assertFalse(replayed.contains("Shown by your advisor") || replayed.contains("wcc-panel-chart"), "not recorded");

		String commentary = "{\"t\":\"show\",\"id\":\"cm-1\",\"kind\":\"commentary\",\"title\":\"Banks after the "
				+ "rate decision\",\"instrument\":\"SIM600001\",\"published\":\"2026-11-25T08:00:00Z\",\"author\":"
				+ "\"li.wei\",\"text\":\"Hold, <b>not</b> bold.\\nSecond line.\"}";
		assertTrue(display.show("cm-1", commentary).toCompletableFuture().get(30, TimeUnit.SECONDS).shown());
		chromium.call("waitFor", "#wcc-panel-text");
		assertEquals("Hold, <b>not</b> bold.\nSecond line.",
				chromium.eval("document.getElementById('wcc-panel-text').textContent"), "text, never markup");
		assertTrue(chromium.eval("document.getElementById('wcc-panel-instrument').textContent")
				.contains("SIM600001 \u00b7 published 2026-11-25T08:00:00Z by li.wei"));
		assertEquals("1", chromium.eval("String(document.querySelectorAll('#wcc-caller-panel').length)"),
				"one panel at a time");

		// refused with a clear reason, and the session goes on
		CallerDisplay.Result big = display.show("chart-2", chartShow("chart-2", 401)).toCompletableFuture()
				.get(30, TimeUnit.SECONDS);
		assertFalse(big.shown());
		assertEquals("a chart show needs \"bars\": 1..400 bars [time, open, high, low, close, volume]", big.reason());
		CallerDisplay.Result bad = display.show("chart-3", chartShow("chart-3", 5).replace("\"DAY\"", "\"<b>\""))
				.toCompletableFuture().get(30, TimeUnit.SECONDS);
		assertFalse(bad.shown());
		assertEquals("the chart state needs a \"period\" name (like DAY)", bad.reason());
		Ui.waitFor("the agent reads why", () -> Ui.text("cobrowse.status").contains("Not shown to the customer: "));

		// the customer closes the panel: the agent hears it
		chromium.call("click", "#wcc-panel-close");
		assertEquals("0", chromium.eval("String(document.querySelectorAll('#wcc-caller-panel').length)"));
		Ui.waitFor("the agent hears the panel was closed",
				() -> Ui.text("cobrowse.status").contains("The customer closed the panel you showed"));
		assertTrue(display.session().isPresent(), "the session goes on");
	}
}
