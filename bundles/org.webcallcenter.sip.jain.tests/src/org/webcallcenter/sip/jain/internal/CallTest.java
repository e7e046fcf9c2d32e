package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import org.webcallcenter.testing.Sipp;

/**
 * Calls between the user agent and sipp (a second, independent SIP implementation) on 127.0.0.1, direct mode: sipp
 * plays the customer or the far end, with its built-in scenarios and those of {@link Sipp}. Each test checks
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

	/** sipp calling this user agent. */
	private Sipp.Builder caller(String name) {
		return Sipp.caller(dir.resolve(name), stack.local().getPort());
	}

	private Sipp.Builder callee(String name) {
		return Sipp.callee(dir.resolve(name));
	}

	private static String address(Sipp sipp) {
		return "127.0.0.1:" + sipp.localPort();
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
		try (Sipp sipp = callee("uas").builtIn("uas").rtpEcho().start()) {
			Call call = ua.dial(SipAddress.parse("sip:service@" + address(sipp)));
			Poll.until("the call to be answered", () -> call.state() == CallState.CONNECTED);
			JainCall jc = (JainCall) call;
			// sipp echoes our RTP: what we receive is what we sent, so media flows both ways
			Poll.until("echoed RTP to arrive", () -> jc.media != null && jc.media.quality().packetsReceived() > 25);
			assertEquals("PCMU", call.capability(Call.QualityMonitor.class).orElseThrow().current().codec());
			call.hangUp();
			sipp.awaitSuccess(1, Poll.TIMEOUT);
			Poll.until("the call to end", () -> call.state() == CallState.ENDED);
			assertEquals(CallEnd.By.LOCAL, call.end().orElseThrow().by());
			assertTrue(call.answeredAt().isPresent());
			assertTrue(ua.calls().isEmpty());
		}
	}

	@Test
	void incomingCallIsAutoAnsweredAndEndsWhenTheCallerHangsUp() throws Exception {
		ua.settings(ua.settingsNow().withAutoAnswerAll(true));
		try (Sipp sipp = caller("uac").builtIn("uac").callLength(Duration.ofMillis(500)).start()) {
			sipp.awaitSuccess(1, Poll.TIMEOUT);
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
		try (Sipp sipp = caller("uac3").builtIn("uac").calls(3).rate(10).callLength(Duration.ofSeconds(1))
				.start()) {
			sipp.awaitSuccess(3, Poll.TIMEOUT);
		}
		Poll.until("all calls to end", () -> ua.calls().isEmpty());
		assertEquals(3, events.stream().filter(e -> e.current() == CallState.CONNECTED).count());
		assertTrue(events.stream().noneMatch(e -> e.current() == CallState.HELD), events::toString);
	}

	@Test
	void callsMarkedByTheRoutingAreAnsweredAndTheAgentHearsTheToneBeforeTheCustomer() throws Exception {
		CompletableFuture<Void> tone = new CompletableFuture<>();
		offeredTone = tone;
		try (Sipp sipp = caller("auto").scenario(Sipp.UAC_AUTO_ANSWER).start()) {
			Poll.until("the marked call to be answered", () -> events.stream()
					.anyMatch(e -> e.current() == CallState.CONNECTED));
			JainCall call = (JainCall) events.get(0).call();
			assertTrue(router.connected().isEmpty(), "the customer is not on the headset while the tone plays");
			tone.complete(null);
			Poll.until("the customer on the headset", () -> router.connected().contains(call.leg));
			assertEquals("PCMA", call.quality().codec());
			sipp.awaitSuccess(1, Poll.TIMEOUT);
		}
	}

	@Test
	void agentRejectsWith486() throws Exception {
		onEvent = e -> {
			if (e.current() == CallState.RINGING) {
				e.call().reject(false);
			}
		};
		try (Sipp sipp = caller("rejected").scenario(Sipp.UAC_REJECT).start()) {
			sipp.awaitSuccess(1, Poll.TIMEOUT);
		}
		Call call = events.get(0).call();
		Poll.until("the call to end", () -> call.state() == CallState.ENDED);
		assertEquals(486, call.end().orElseThrow().sipStatus().orElseThrow());
		assertEquals("Customer 42", call.remoteName().orElseThrow());
	}

	@Test
	void aCallNobodyAnswersGets480AfterTheRingTimeout() throws Exception {
		ua.settings(ua.settingsNow().withRingTimeout(Duration.ofMillis(500)));
		try (Sipp sipp = caller("unanswered").scenario(Sipp.UAC_REJECT).start()) {
			sipp.awaitSuccess(1, Poll.TIMEOUT);
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
		try (Sipp sipp = caller("declined").scenario(Sipp.UAC_REJECT).start()) {
			sipp.awaitSuccess(1, Poll.TIMEOUT);
		}
		Call call = events.get(0).call();
		Poll.until("the call to end", () -> call.state() == CallState.ENDED);
		assertEquals(603, call.end().orElseThrow().sipStatus().orElseThrow());
	}

	@Test
	void callerCancelsWhileRinging() throws Exception {
		try (Sipp sipp = caller("cancel").scenario(Sipp.UAC_CANCEL).start()) {
			Call call = awaitIncoming();
			sipp.awaitSuccess(1, Poll.TIMEOUT);
			Poll.until("the call to end", () -> call.state() == CallState.ENDED);
			assertEquals(List.of(CallState.RINGING, CallState.ENDED), statesOf(call));
			assertEquals(CallEnd.By.REMOTE, call.end().orElseThrow().by());
		}
	}

	@Test
	void offerWithoutACommonCodecGets488() throws Exception {
		try (Sipp sipp = caller("nocodec").scenario(Sipp.UAC_UNSUPPORTED_CODEC).start()) {
			sipp.awaitSuccess(1, Poll.TIMEOUT);
		}
		assertTrue(events.isEmpty(), "no call is offered to the agent: " + events);
	}

	@Test
	void holdResumeAndDtmfByInfo() throws Exception {
		try (Sipp sipp = callee("hold").scenario(Sipp.UAS_HOLD_DTMF).start()) {
			Call call = ua.dial(SipAddress.parse("sip:far@" + address(sipp)));
			Poll.until("the call to be answered", () -> call.state() == CallState.CONNECTED);
			call.capability(Call.Dtmf.class).orElseThrow().send('5');
			Call.Hold hold = call.capability(Call.Hold.class).orElseThrow();
			hold.hold();
			Poll.until("the call to be held", () -> call.state() == CallState.HELD);
			hold.resume();
			Poll.until("the call to be resumed", () -> call.state() == CallState.CONNECTED
					&& statesOf(call).contains(CallState.HELD));
			call.hangUp();
			sipp.awaitSuccess(1, Poll.TIMEOUT);
			Poll.until("the call to end", () -> call.state() == CallState.ENDED);
			assertEquals(List.of(CallState.DIALING, CallState.ALERTING, CallState.CONNECTED, CallState.HELD,
					CallState.CONNECTED, CallState.ENDED), statesOf(call));
		}
	}

	/** sipp's transferee fails unless the REFER names the target, the target answers it, and our BYE follows. */
	@Test
	void blindTransferEndsOurCallOnceTheTargetAnswered() throws Exception {
		try (Sipp target = callee("target").scenario(Sipp.UAS_ANSWER).start();
				Sipp customer = callee("customer").scenario(Sipp.UAS_TRANSFEREE).start()) {
			Call call = ua.dial(SipAddress.parse("sip:customer@" + address(customer)));
			Poll.until("the call to be answered", () -> call.state() == CallState.CONNECTED);
			String desk2 = "sip:desk2@" + address(target);
			call.capability(Call.BlindTransfer.class).orElseThrow().transferTo(SipAddress.parse(desk2));
			customer.awaitSuccess(1, Poll.TIMEOUT);
			target.awaitSuccess(1, Poll.TIMEOUT);
			Poll.until("the call to end", () -> call.state() == CallState.ENDED);
			assertEquals("Transferred to " + desk2, call.end().orElseThrow().description());
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
