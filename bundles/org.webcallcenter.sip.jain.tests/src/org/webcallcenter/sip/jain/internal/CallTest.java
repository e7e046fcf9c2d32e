package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.testing.Poll;

/**
 * Calls between the user agent and sipp (a second, independent SIP implementation) on 127.0.0.1, direct mode: sipp
 * plays the customer or the far end, with the built-in scenarios and ours in {@code scenarios/}. Each test checks
 * both sides: our call's states and end, and sipp's verdict (exit code 0 only when every message it expected
 * came, in order, with the content its scenario checks).
 */
class CallTest {
	@TempDir
	Path dir;

	private SipStack stack;
	private RequestHandler handler;
	private UserAgent ua;
	private AudioRouter router;
	private volatile CompletableFuture<Void> offeredTone = CompletableFuture.completedFuture(null);
	private final List<CallEvent> events = new CopyOnWriteArrayList<>();
	private volatile Consumer<CallEvent> onEvent = e -> {
	};

	@BeforeEach
	void start() throws IOException {
		stack = SipStack.start("test-calls", SipUdpClient.LOOPBACK, 0, provider -> {
			handler = new RequestHandler(provider);
			return handler;
		});
		router = new AudioRouter(AudioRouter.HEADLESS);
		ua = new UserAgent(stack, UserAgent.Settings.DEFAULT.withRtcpInterval(Duration.ofMillis(500)), router, e -> {
			events.add(e);
			onEvent.accept(e);
		}, c -> offeredTone);
		ua.account(UserAgent.Account.direct("agent"));
		handler.calls(ua);
	}

	@AfterEach
	void stop() {
		ua.close();
		stack.close();
	}

	private String us() {
		return "127.0.0.1:" + stack.local().getPort();
	}

	private static String scenario(String name) throws IOException {
		try (InputStream in = CallTest.class.getClassLoader().getResourceAsStream("scenarios/" + name)) {
			if (in == null) {
				throw new AssertionError("scenario " + name + " missing from the test bundle");
			}
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private List<CallState> statesOf(Call call) {
		return events.stream().filter(e -> e.call() == call).map(CallEvent::current).toList();
	}

	private Call awaitIncoming() {
		Poll.until("an incoming call", () -> events.stream().anyMatch(e -> e.current() == CallState.RINGING));
		return events.stream().filter(e -> e.current() == CallState.RINGING).findFirst().orElseThrow().call();
	}

	@Test
	void outgoingCallToSippConnectsCarriesMediaBothWaysAndHangsUp() throws Exception {
		try (SippPeer sipp = SippPeer.start(dir, "uas", "uas", null, "-rtp_echo")) {
			Call call = ua.dial(SipAddress.parse("sip:service@" + sipp.address()));
			Poll.until("the call to be answered", () -> call.state() == CallState.CONNECTED);
			JainCall jc = (JainCall) call;
			// sipp echoes our RTP: what we receive is what we sent, so media flows both ways
			Poll.until("echoed RTP to arrive", () -> jc.media != null && jc.media.quality().packetsReceived() > 25);
			assertEquals("PCMU", call.capability(Call.QualityMonitor.class).orElseThrow().current().codec());
			call.hangUp();
			assertEquals(0, sipp.await(), sipp::report);
			Poll.until("the call to end", () -> call.state() == CallState.ENDED);
			assertEquals(CallEnd.By.LOCAL, call.end().orElseThrow().by());
			assertTrue(call.answeredAt().isPresent());
			assertTrue(ua.calls().isEmpty());
		}
	}

	@Test
	void incomingCallIsAutoAnsweredAndEndsWhenTheCallerHangsUp() throws Exception {
		ua.settings(ua.settingsNow().withAutoAnswerAll(true));
		try (SippPeer sipp = SippPeer.start(dir, "uac", "uac", us(), "-d", "500")) {
			assertEquals(0, sipp.await(), sipp::report);
		}
		Call call = events.get(0).call();
		Poll.until("the call to end", () -> call.state() == CallState.ENDED);
		assertEquals(List.of(CallState.RINGING, CallState.CONNECTED, CallState.ENDED), statesOf(call));
		assertEquals(CallEnd.By.REMOTE, call.end().orElseThrow().by());
		assertEquals("sipp", call.remote().user());
	}

	@Test
	void serverModeAnswersOverlappingCallsWithoutPuttingAnyOnHold() throws Exception {
		ua.settings(ua.settingsNow().withAutoAnswerAll(true));
		try (SippPeer sipp = SippPeer.start(dir, "uac3", "uac", us(), "-m", "3", "-r", "10", "-d", "1000")) {
			assertEquals(0, sipp.await(), sipp::report);
		}
		Poll.until("all calls to end", () -> ua.calls().isEmpty());
		assertEquals(3, events.stream().filter(e -> e.current() == CallState.CONNECTED).count());
		assertTrue(events.stream().noneMatch(e -> e.current() == CallState.HELD), events::toString);
	}

	@Test
	void callsMarkedByTheRoutingAreAnsweredAndTheAgentHearsTheToneBeforeTheCustomer() throws Exception {
		CompletableFuture<Void> tone = new CompletableFuture<>();
		offeredTone = tone;
		try (SippPeer sipp = SippPeer.start(dir, "auto", scenario("uac-auto-answer.xml"), us())) {
			Poll.until("the marked call to be answered", () -> events.stream()
					.anyMatch(e -> e.current() == CallState.CONNECTED));
			JainCall call = (JainCall) events.get(0).call();
			assertTrue(router.connected().isEmpty(), "the customer is not on the headset while the tone plays");
			tone.complete(null);
			Poll.until("the customer on the headset", () -> router.connected().contains(call.leg));
			assertEquals("PCMA", call.quality().codec());
			assertEquals(0, sipp.await(), sipp::report);
		}
	}

	@Test
	void agentRejectsWith486() throws Exception {
		onEvent = e -> {
			if (e.current() == CallState.RINGING) {
				e.call().reject(false);
			}
		};
		try (SippPeer sipp = SippPeer.start(dir, "rejected", scenario("uac-rejected.xml"), us())) {
			assertEquals(0, sipp.await(), sipp::report);
		}
		Call call = events.get(0).call();
		Poll.until("the call to end", () -> call.state() == CallState.ENDED);
		assertEquals(486, call.end().orElseThrow().sipStatus().orElseThrow());
		assertEquals("Customer 42", call.remoteName().orElseThrow());
	}

	@Test
	void aCallNobodyAnswersGets480AfterTheRingTimeout() throws Exception {
		ua.settings(ua.settingsNow().withRingTimeout(Duration.ofMillis(500)));
		try (SippPeer sipp = SippPeer.start(dir, "unanswered", scenario("uac-rejected.xml"), us())) {
			assertEquals(0, sipp.await(), sipp::report);
		}
		Call call = events.get(0).call();
		Poll.until("the call to end", () -> call.state() == CallState.ENDED);
		assertEquals(480, call.end().orElseThrow().sipStatus().orElseThrow());
		assertEquals("Not answered", call.end().orElseThrow().description());
	}

	@Test
	void agentDeclinesWith603() throws Exception {
		onEvent = e -> {
			if (e.current() == CallState.RINGING) {
				e.call().reject(true);
			}
		};
		try (SippPeer sipp = SippPeer.start(dir, "declined", scenario("uac-rejected.xml"), us())) {
			assertEquals(0, sipp.await(), sipp::report);
		}
		Call call = events.get(0).call();
		Poll.until("the call to end", () -> call.state() == CallState.ENDED);
		assertEquals(603, call.end().orElseThrow().sipStatus().orElseThrow());
	}

	@Test
	void callerCancelsWhileRinging() throws Exception {
		try (SippPeer sipp = SippPeer.start(dir, "cancel", scenario("uac-cancel.xml"), us())) {
			Call call = awaitIncoming();
			assertEquals(0, sipp.await(), sipp::report);
			Poll.until("the call to end", () -> call.state() == CallState.ENDED);
			assertEquals(List.of(CallState.RINGING, CallState.ENDED), statesOf(call));
			assertEquals(CallEnd.By.REMOTE, call.end().orElseThrow().by());
		}
	}

	@Test
	void offerWithoutACommonCodecGets488() throws Exception {
		try (SippPeer sipp = SippPeer.start(dir, "nocodec", scenario("uac-no-codec.xml"), us())) {
			assertEquals(0, sipp.await(), sipp::report);
		}
		assertTrue(events.isEmpty(), "no call is offered to the agent: " + events);
	}

	@Test
	void holdResumeAndDtmfByInfo() throws Exception {
		try (SippPeer sipp = SippPeer.start(dir, "hold", scenario("uas-hold-dtmf.xml"), null)) {
			Call call = ua.dial(SipAddress.parse("sip:far@" + sipp.address()));
			Poll.until("the call to be answered", () -> call.state() == CallState.CONNECTED);
			call.capability(Call.Dtmf.class).orElseThrow().send('5');
			Call.Hold hold = call.capability(Call.Hold.class).orElseThrow();
			hold.hold();
			Poll.until("the call to be held", () -> call.state() == CallState.HELD);
			hold.resume();
			Poll.until("the call to be resumed", () -> call.state() == CallState.CONNECTED
					&& statesOf(call).contains(CallState.HELD));
			call.hangUp();
			assertEquals(0, sipp.await(), sipp::report);
			Poll.until("the call to end", () -> call.state() == CallState.ENDED);
			assertEquals(List.of(CallState.DIALING, CallState.ALERTING, CallState.CONNECTED, CallState.HELD,
					CallState.CONNECTED, CallState.ENDED), statesOf(call));
		}
	}

	@Test
	void blindTransferEndsOurCallOnceTheTargetAnswered() throws Exception {
		try (SippPeer sipp = SippPeer.start(dir, "refer", scenario("uas-refer.xml"), null)) {
			Call call = ua.dial(SipAddress.parse("sip:customer@" + sipp.address()));
			Poll.until("the call to be answered", () -> call.state() == CallState.CONNECTED);
			call.capability(Call.BlindTransfer.class).orElseThrow()
					.transferTo(SipAddress.parse("sip:desk2@127.0.0.1:5999"));
			assertEquals(0, sipp.await(), sipp::report);
			Poll.until("the call to end", () -> call.state() == CallState.ENDED);
			assertEquals("Transferred to sip:desk2@127.0.0.1:5999", call.end().orElseThrow().description());
		}
	}

	@Test
	void directModeRefusesHostNamesSoNothingTriggersADnsLookUp() {
		IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
				() -> ua.dial(SipAddress.parse("1234")));
		assertTrue(e.getMessage().contains("IP address"), e.getMessage());
		assertTrue(ua.calls().isEmpty());
	}

	@Test
	void dialWhileAllLinesAreBusyIsRefused() {
		ua.settings(new UserAgent.Settings("X-WCC-Auto-Answer", false, 1, UserAgent.Settings.DEFAULT.codecs(),
				Duration.ofSeconds(5), Duration.ofSeconds(120)));
		Call first = ua.dial(SipAddress.parse("sip:nobody@127.0.0.1:9"));
		IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
				() -> ua.dial(SipAddress.parse("sip:other@127.0.0.1:9")));
		assertTrue(e.getMessage().contains("lines are busy"), e.getMessage());
		first.hangUp();
		Poll.until("the first call to end", () -> first.state() == CallState.ENDED);
		assertTrue(ua.calls().isEmpty());
		assertEquals(CallEnd.By.LOCAL, first.end().orElseThrow().by());
	}
}
