package org.webcallcenter.hub.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.hub.api.CobrowseProtocol;
import org.webcallcenter.testing.Chromium;
import org.webcallcenter.testing.Poll;

/**
 * A real customer: Debian's Chromium (driven by playwright-core, {@link Chromium}) on the demo site served
 * by the running hub, recorded by the customer-side script built from rrweb; the agent is a WebSocket client.
 * The hub writes every byte it receives to the wire log ({@code org.webcallcenter.hub.wireLog}); none of the
 * secrets typed or shown may be in it, in any of the encodings checked.
 */
class BrowserCobrowseTest {
	static final String NAME = "Erika Mustermann";
	static final String PASSWORD = "S3cr\"et\\Pw!42";
	static final String ACCOUNT = "DE44500105175407324931";
	static final String QUANTITY = "987654321";
	/** Shown as text on the account page, masked there by data-wcc-mask / .wcc-mask. */
	static final List<String> PAGE_SECRETS = List.of("DE89 3704 0044 0532 0130 00", "4711 0815 2342", "12,345.67");

	static URI base;
	static String origin;
	static Chromium chromium;
	static Path wireLog;
	/** Where this run's bytes start in the wire log (the file outlives runs that do not clean). */
	static long wireStart;

	@BeforeAll
	static void start() throws Exception {
		ServiceTracker<HubComponent, HubComponent> t = new ServiceTracker<>(
				FrameworkUtil.getBundle(BrowserCobrowseTest.class).getBundleContext(), HubComponent.class, null);
		t.open();
		HubComponent hub = t.waitForService(30_000);
		base = hub.started().toCompletableFuture().get(30, TimeUnit.SECONDS);
		origin = "http://127.0.0.1:" + base.getPort();
		wireLog = Path.of(System.getProperty("org.webcallcenter.hub.wireLog"));
		wireStart = Files.exists(wireLog) ? Files.size(wireLog) : 0;
		chromium = new Chromium();
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void theAgentFollowsTheCustomerAndNoSecretReachesTheHub() throws Exception {
		chromium.call("goto", base.resolve(CobrowseProtocol.DEMO_PAGE).toString());
		assertTrue(chromium.eval("document.body.innerText").contains("DEMO"), "the demo site says it is a demo");
		chromium.call("click", "#wcc-start");
		chromium.call("waitFor", "#wcc-cobrowse-code");
		String code = chromium.eval("document.getElementById('wcc-cobrowse-code').textContent");
		assertTrue(code.matches("[0-9]{6}"), code);
		assertTrue(chromium.eval("document.getElementById('wcc-cobrowse-banner').innerText").contains("Stop sharing"));

		// an agent without the code cannot join
		try (WsClient stranger = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
			String wrong = code.equals("000000") ? "000001" : "000000";
			stranger.send("{\"t\":\"join\",\"code\":\"" + wrong + "\"}");
			assertTrue(stranger.next("error").contains("no session with this code"));
		}

		try (WsClient agent = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
			agent.send("{\"t\":\"join\",\"code\":\"" + code + "\"}");
			agent.next("joined");
			Poll.until("the agent rebuilds the page from a full snapshot", () -> agent.received().contains("\"type\":2"));
			Poll.until("the banner says the agent sees the page",
					() -> call("document.getElementById('wcc-cobrowse-banner').innerText").contains("agent sees"));

			chromium.call("type", "#name", NAME);
			chromium.call("type", "#password", PASSWORD);
			chromium.call("type", "#account", ACCOUNT);
			chromium.call("type", "#quantity", QUANTITY);
			Poll.until("the name reaches the agent in clear", () -> agent.received().contains(NAME));
			Poll.until("the masked fields reach the agent masked", () -> agent.received().contains("********"));
			chromium.eval("window.scrollTo(0, 700), window.scrollY");
			Poll.until("the scroll reaches the agent", () -> agent.received().contains("\"source\":3"));

			// a forged token is refused
			try (WsClient forger = WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, origin)) {
				forger.send("{\"t\":\"resume\",\"token\":\"forged-" + code + "\"}");
				assertEquals("1008 unknown session token", forger.closeReason());
			}
			// oversized and malformed messages on the session's own token are refused with a reason...
			String token = chromium.eval("sessionStorage.getItem('wcc-cobrowse-token')");
			for (String bad : List.of("x".repeat(HubSettings.DEFAULT_MAX_MESSAGE_BYTES + 1),
					"{\"t\":\"events\",\"events\":\"nope\"}")) {
				// the page reconnects when the intruder takes its session over and may take it back before the
				// intruder has sent its message: then the intruder is closed with 1000 and tries again
				String reason = "";
				for (int attempt = 0; attempt < 10 && (reason.isEmpty() || reason.startsWith("1000 ")); attempt++) {
					try (WsClient intruder = WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, origin)) {
						intruder.send("{\"t\":\"resume\",\"token\":\"" + token + "\"}");
						intruder.next("session");
						intruder.socket.sendText(bad, true);
						reason = intruder.closeReason();
					}
				}
				assertTrue(reason.startsWith("1009 ") || reason.startsWith("1008 malformed message"), reason);
			}
			// ...and the session goes on: the page reconnects and the agent keeps receiving
			int before = agent.all.size();
			chromium.call("click", "#news h2");
			chromium.eval("window.scrollTo(0, 100), window.scrollY");
			Poll.until("the page's events reach the agent again", () -> agent.all.size() > before + 1
					&& agent.all.subList(before, agent.all.size()).stream().anyMatch(m -> m.contains("\"t\":\"events\"")));

			// guidance reaches the customer page and is shown there
			agent.send("{\"t\":\"guide\",\"kind\":\"highlight\",\"selector\":\"#quantity\"}");
			chromium.call("waitFor", "#wcc-highlight");
			assertEquals("#quantity", chromium.eval("document.getElementById('wcc-highlight').dataset.selector"));
			assertEquals("true", chromium.eval("(() => { const h = document.getElementById('wcc-highlight')"
					+ ".getBoundingClientRect(), q = document.getElementById('quantity').getBoundingClientRect();"
					+ " return h.left <= q.left && h.top <= q.top && h.right >= q.right && h.bottom >= q.bottom; })()"));
			agent.send("{\"t\":\"guide\",\"kind\":\"pointer\",\"x\":200,\"y\":300}");
			chromium.call("waitFor", "#wcc-pointer");
			agent.send("{\"t\":\"guide\",\"kind\":\"navigate\",\"url\":\"/demo/account.html\"}");
			chromium.call("waitFor", "#wcc-suggestion");
			assertTrue(chromium.eval("document.getElementById('wcc-suggestion').textContent").contains("/demo/account.html"));
			chromium.call("screenshot", Path.of("target", "customer-suggestion.png").toAbsolutePath().toString());
			chromium.call("click", "#wcc-go");
			chromium.call("waitForUrl", "account.html");
			Poll.until("the customer's answer reaches the agent", () -> agent.received().contains("\"accepted\":true"));
			Poll.until("the agent follows to the second page", () -> agent.received().contains("account.html\""));
			Poll.until("the second page's snapshot reaches the agent", () -> agent.received().contains("Account holder"));
			chromium.call("type", "#city", "Musterstadt");
			Poll.until("the city reaches the agent in clear", () -> agent.received().contains("Musterstadt"));

			chromium.call("click", "#wcc-cobrowse-stop");
			Poll.until("the agent hears the customer stopped", () -> agent.received().contains("\"t\":\"ended\""));
			assertEquals("ended", chromium.eval("WccCobrowse.state()"));

			String stream = agent.received();
			for (String secret : secrets()) {
				for (String form : encodings(secret)) {
					assertFalse(stream.contains(form), "the agent received a secret: " + form);
				}
			}
		}

		byte[] all = Files.readAllBytes(wireLog);
		byte[] wire = java.util.Arrays.copyOfRange(all, (int) Math.min(wireStart, all.length), all.length);
		String received = new String(wire, StandardCharsets.ISO_8859_1);
		String utf8 = new String(wire, StandardCharsets.UTF_8);
		// the log does hold what the page sent: the name and the city typed in clear (so the checks below can fail)
		assertTrue(utf8.contains(NAME) && utf8.contains("Musterstadt"), "the wire log holds the unmasked fields");
		for (String secret : secrets()) {
			for (String form : encodings(secret)) {
				assertFalse(received.contains(form) || utf8.contains(form), "the hub received a secret as " + form);
				assertFalse(utf8.toLowerCase().contains(form.toLowerCase()) && form.length() > 6,
						"the hub received a secret (any case) as " + form);
			}
		}
	}

	private static String call(String expression) {
		try {
			return chromium.eval(expression);
		} catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	static List<String> secrets() {
		List<String> all = new java.util.ArrayList<>(List.of(PASSWORD, ACCOUNT, QUANTITY));
		all.addAll(PAGE_SECRETS);
		return all;
	}

	/** @return the secret as it would look plain, URL-encoded, JSON-escaped and base64-encoded (every alignment) */
	static Set<String> encodings(String secret) {
		Set<String> forms = new LinkedHashSet<>();
		forms.add(secret);
		forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
		forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
		forms.add(Json.write(secret).substring(1, Json.write(secret).length() - 1));
		StringBuilder unicode = new StringBuilder();
		for (char c : secret.toCharArray()) {
			unicode.append(String.format("\\u%04x", (int) c));
		}
		forms.add(unicode.toString());
		for (int pad = 0; pad < 3; pad++) {
			String b64 = Base64.getEncoder().encodeToString(("xx".substring(0, pad) + secret).getBytes(StandardCharsets.UTF_8));
			// drop the characters that depend on the neighbours: what stays is in any base64 of a text holding it
			int from = pad == 0 ? 0 : 4;
			int to = b64.length() - 4;
			if (to - from >= 8) {
				forms.add(b64.substring(from, to));
			}
		}
		forms.removeIf(f -> f.length() < 6);
		return forms;
	}
}
