package org.webcallcenter.hub.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.hub.api.CobrowseHub;
import org.webcallcenter.hub.api.CobrowseProtocol;
import org.webcallcenter.hub.api.SessionRecordStore.RecordedMessage;

/**
 * The hub as it runs: Jetty 12 inside OSGi, started by DS on a free loopback port, with real WebSocket clients
 * (java.net.http) as customer page and agent.
 */
class HubWebSocketTest {
	static final String EVENTS_FULL = "{\"t\":\"events\",\"events\":[{\"type\":4,\"data\":{\"href\":\"http://x/\"},\"timestamp\":1},"
			+ "{\"type\":2,\"data\":{\"node\":{\"id\":1}},\"timestamp\":2}]}";
	static final String EVENTS_INCR = "{\"t\":\"events\",\"events\":[{\"type\":3,\"data\":{\"source\":2},\"timestamp\":3}]}";

	static CobrowseHub hub;
	static URI base;
	static String origin;

	@BeforeAll
	static void findHub() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(HubWebSocketTest.class).getBundleContext();
		ServiceTracker<CobrowseHub, CobrowseHub> t = new ServiceTracker<>(context, CobrowseHub.class, null);
		t.open();
		hub = t.waitForService(30_000);
		assertTrue(hub != null, "the hub component is registered");
		HubComponent c = (HubComponent) hub;
		base = c.started().toCompletableFuture().get(30, TimeUnit.SECONDS);
		origin = "http://127.0.0.1:" + base.getPort();
	}

	@Test
	void jettyServesHttpInsideOsgi() throws Exception {
		assertEquals("127.0.0.1", base.getHost());
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> root = http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString());
		assertEquals(302, root.statusCode());
		assertTrue(root.headers().firstValue("Location").orElse("").endsWith(CobrowseProtocol.DEMO_PAGE));
		HttpResponse<String> missing = http.send(HttpRequest.newBuilder(base.resolve("/nothing/here.html")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals(404, missing.statusCode());
		HttpResponse<String> post = http.send(
				HttpRequest.newBuilder(base.resolve("/demo/index.html")).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals(405, post.statusCode());
	}

	@Test
	void agentJoinsWithTheCodeAndReceivesTheStream() throws Exception {
		try (WsClient customer = WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, origin)) {
			customer.send("{\"t\":\"create\"}");
			String session = customer.next("session");
			String code = WsClient.field(session, "code");
			assertTrue(code.matches("[0-9]{6}"), session);
			assertTrue(WsClient.field(session, "token").length() >= 40, "token has 256 random bits: " + session);
			customer.send(EVENTS_FULL);
			try (WsClient agent = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
				agent.send("{\"t\":\"join\",\"code\":\"" + code + "\"}");
				String joined = agent.next("joined");
				assertEquals(WsClient.field(session, "id"), WsClient.field(joined, "session"));
				agent.next("reset");
				assertEquals(EVENTS_FULL, agent.next());
				assertTrue(customer.next("agent").contains("joined"));
				customer.send(EVENTS_INCR);
				assertEquals(EVENTS_INCR, agent.next("events"));
				// guidance goes the other way, rewritten to its validated fields
				agent.send("{\"t\":\"guide\",\"kind\":\"highlight\",\"selector\":\"#qty\",\"extra\":\"<b>\"}");
				assertEquals("{\"t\":\"guide\",\"kind\":\"highlight\",\"selector\":\"#qty\"}", customer.next("guide"));
				agent.send("{\"t\":\"guide\",\"kind\":\"navigate\",\"url\":\"/demo/account.html\"}");
				assertTrue(customer.next("guide").contains("/demo/account.html"));
				customer.send("{\"t\":\"answer\",\"kind\":\"navigate\",\"accepted\":true}");
				assertTrue(agent.next("answer").contains("true"));
			}
			// the code admitted one agent: it does not work a second time
			try (WsClient second = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
				second.send("{\"t\":\"join\",\"code\":\"" + code + "\"}");
				assertTrue(second.next("error").contains("no session with this code"));
			}
			List<RecordedMessage> record = hub.records().read(WsClient.field(session, "id"));
			assertTrue(record.stream().anyMatch(m -> m.from().equals("customer") && m.json().equals(EVENTS_INCR)),
					"the session record holds the relayed events: " + record);
			assertTrue(record.stream().anyMatch(m -> m.from().equals("agent") && m.json().contains("highlight")));
		}
	}

	@Test
	void aShowReachesTheCustomerIsAnsweredAndTheCustomerCanCloseIt() throws Exception {
		try (WsClient customer = WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, origin)) {
			customer.send("{\"t\":\"create\"}");
			String session = customer.next("session");
			customer.send(EVENTS_FULL);
			try (WsClient agent = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
				agent.send("{\"t\":\"join\",\"code\":\"" + WsClient.field(session, "code") + "\"}");
				agent.next("joined");
				String show = ShowTest.chart("[[\"2026-11-02\",10,10.5,9.8,10.2,12000]]");
				agent.send(show);
				String shown = agent.next("shown");
				assertEquals("{\"t\":\"shown\",\"id\":\"c-1\",\"ok\":true}", shown);
				String relayed = customer.next("show");
				assertEquals(Show.clean(ShowTest.parse(show)), relayed);
				assertFalse(relayed.contains("onload"));
				// a refused show is answered with the reason; the agent's connection and the session go on
				agent.send(show.replace("\"chart\"", "\"video\"").replace("c-1", "c-2"));
				assertEquals("{\"t\":\"shown\",\"id\":\"c-2\",\"ok\":false,\"reason\":\"show kind must be chart or "
						+ "commentary\"}", agent.next("shown"));
				customer.send("{\"t\":\"panel\",\"id\":\"c-1\",\"state\":\"closed\"}");
				assertEquals("{\"t\":\"panel\",\"id\":\"c-1\",\"state\":\"closed\"}", agent.next("panel"));
				List<RecordedMessage> record = hub.records().read(WsClient.field(session, "id"));
				assertTrue(record.stream().anyMatch(m -> m.from().equals("agent") && m.json().equals(relayed)),
						"the session record holds what was shown");
				customer.send("{\"t\":\"panel\",\"state\":\"open\"}");
				assertTrue(customer.closeReason().startsWith("1008 malformed message: panel needs"));
				// no page connected: the show is not delivered, and the agent is told
				while (!agent.next("customer").contains("disconnected")) {
					// the join's "connected" comes first
				}
				agent.send(show);
				String notShown = agent.next("shown");
				assertTrue(notShown.contains("\"ok\":false") && notShown.contains("not connected"), notShown);
			}
		}
	}

	@Test
	void wrongCodesAreRefusedAndTheConnectionClosedAfterThree() throws Exception {
		try (WsClient agent = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
			for (int i = 0; i < 2; i++) {
				agent.send("{\"t\":\"join\",\"code\":\"00000" + i + "\"}");
				assertTrue(agent.next("error").contains("no session with this code"));
			}
			agent.send("{\"t\":\"join\",\"code\":\"000009\"}");
			assertEquals("1008 too many wrong join codes", agent.closeReason());
		}
	}

	@Test
	void forgedTokensAreRefused() throws Exception {
		try (WsClient customer = WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, origin)) {
			customer.send("{\"t\":\"resume\",\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}");
			assertEquals("1008 unknown session token", customer.closeReason());
		}
		try (WsClient agent = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
			agent.send("{\"t\":\"rejoin\",\"agentToken\":\"forged\"}");
			assertEquals("1008 unknown agent token", agent.closeReason());
		}
	}

	@Test
	void foreignOriginsCannotConnect() {
		ExecutionException e = assertThrows(ExecutionException.class,
				() -> WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, "http://evil.example"));
		assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
		assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
		assertThrows(ExecutionException.class, () -> WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, null));
		assertThrows(ExecutionException.class,
				() -> WsClient.connect(base, CobrowseProtocol.AGENT_PATH, "http://evil.example"));
	}

	@Test
	void oversizedAndMalformedMessagesAreRefusedAndTheSessionGoesOn() throws Exception {
		try (WsClient customer = WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, origin)) {
			customer.send("{\"t\":\"create\"}");
			String session = customer.next("session");
			String token = WsClient.field(session, "token");
			customer.send(EVENTS_FULL);
			try (WsClient agent = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
				agent.send("{\"t\":\"join\",\"code\":\"" + WsClient.field(session, "code") + "\"}");
				agent.next("joined");
				assertEquals(EVENTS_FULL, agent.next("events"));
				assertTrue(agent.next("customer").contains("\"connected\""));

				String big = "{\"t\":\"events\",\"events\":[{\"type\":3,\"timestamp\":4,\"data\":\""
						+ "x".repeat(HubSettings.DEFAULT_MAX_MESSAGE_BYTES) + "\"}]}";
				customer.socket.sendText(big, true);
				String tooLarge = customer.closeReason();
				assertTrue(tooLarge.startsWith("1009 "), tooLarge);
				assertTrue(tooLarge.toLowerCase().contains("too large"), tooLarge);
				assertTrue(agent.next("customer").contains("disconnected"));

				for (String bad : List.of("not json", "[1,2]", "{\"t\":\"events\",\"events\":[{\"type\":\"x\"}]}",
						"{\"t\":\"teleport\"}", "{\"t\":\"events\",\"events\":[]}")) {
					try (WsClient again = WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, origin)) {
						again.send("{\"t\":\"resume\",\"token\":\"" + token + "\"}");
						again.next("session");
						again.send(bad);
						String reason = again.closeReason();
						assertTrue(reason.startsWith("1008 malformed message: "), bad + " -> " + reason);
					}
				}
				// the session goes on: the page resumes and the agent still receives its events
				try (WsClient back = WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, origin)) {
					back.send("{\"t\":\"resume\",\"token\":\"" + token + "\"}");
					assertTrue(back.next("session").contains(WsClient.field(session, "id")));
					back.send(EVENTS_INCR);
					assertEquals(EVENTS_INCR, agent.next("events"));
				}
			}
		}
	}

	@Test
	void aReconnectingAgentRebuildsFromTheLastSnapshot() throws Exception {
		try (WsClient customer = WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, origin)) {
			customer.send("{\"t\":\"create\"}");
			String session = customer.next("session");
			customer.send(EVENTS_INCR); // before any snapshot: nothing to rebuild from, not retained
			customer.send(EVENTS_FULL);
			customer.send(EVENTS_INCR);
			String agentToken;
			try (WsClient agent = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
				agent.send("{\"t\":\"join\",\"code\":\"" + WsClient.field(session, "code") + "\"}");
				agentToken = WsClient.field(agent.next("joined"), "agentToken");
				agent.socket.abort(); // the workstation's network drops
			}
			String newer = EVENTS_INCR.replace("\"timestamp\":3", "\"timestamp\":5");
			customer.send(newer);
			try (WsClient agent = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
				agent.send("{\"t\":\"rejoin\",\"agentToken\":\"" + agentToken + "\"}");
				agent.next("joined");
				agent.next("reset");
				assertEquals(EVENTS_FULL, agent.next());
				assertEquals(EVENTS_INCR, agent.next());
				assertEquals(newer, agent.next());
				assertTrue(agent.next().contains("\"t\":\"customer\""));
			}
		}
	}

	@Test
	void theRouterAdmitsAnAgentWithoutTheCode() throws Exception {
		try (WsClient customer = WsClient.connect(base, CobrowseProtocol.CUSTOMER_PATH, origin)) {
			customer.send("{\"t\":\"create\"}");
			String id = WsClient.field(customer.next("session"), "id");
			assertTrue(hub.sessions().stream().anyMatch(s -> s.id().equals(id) && s.customerConnected()));
			String agentToken = hub.admitAgent(id);
			try (WsClient agent = WsClient.connect(base, CobrowseProtocol.AGENT_PATH, null)) {
				agent.send("{\"t\":\"rejoin\",\"agentToken\":\"" + agentToken + "\"}");
				assertEquals(id, WsClient.field(agent.next("joined"), "session"));
			}
			assertThrows(IllegalArgumentException.class, () -> hub.admitAgent("no-such-session"));
			customer.send("{\"t\":\"stop\"}");
			assertTrue(customer.next("ended").contains("stopped"));
			assertFalse(hub.sessions().stream().anyMatch(s -> s.id().equals(id)));
		}
	}
}
