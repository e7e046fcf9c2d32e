package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcallcenter.media.audio.ToneSource;
import org.webcallcenter.media.session.FrameSink;
import org.webcallcenter.media.session.FrameSource;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.testing.Poll;

/**
 * Audio end to end between softphones on 127.0.0.1, each far end sending its own test tone: media taps, call
 * waiting (answering the second line holds the first), and the local conference. In the conference test the agent
 * calls both. Each far end first hears only the agent; once the agent joins the calls into a local conference, each
 * far end hears the other's tone, mixed by the agent's workstation.
 */
class LinesAudioTest {
	private static final double B_HZ = 600;
	private static final double C_HZ = 1400;
	private final List<AutoCloseable> closing = new ArrayList<>();

	private record Phone(UserAgent ua, SipStack stack, Earpiece ear) {
		String address() {
			return "sip:phone@127.0.0.1:" + stack.local().getPort();
		}
	}

	private Phone phone(String name, FrameSource mic, boolean answerAll) throws IOException {
		RequestHandler[] handler = new RequestHandler[1];
		SipStack stack = SipStack.start("test-" + name, SipUdpClient.LOOPBACK, 0, provider -> {
			handler[0] = new RequestHandler(provider);
			return handler[0];
		});
		closing.add(stack);
		Earpiece ear = new Earpiece();
		AudioRouter.Endpoint endpoint = new AudioRouter.Endpoint() {
			@Override
			public FrameSource microphone() {
				return mic;
			}

			@Override
			public FrameSink speaker() {
				return ear;
			}
		};
		UserAgent ua = new UserAgent(stack, UserAgent.Settings.DEFAULT.withAutoAnswerAll(answerAll)
				.withRtcpInterval(Duration.ofMillis(500)), new AudioRouter(endpoint), e -> {
				}, c -> CompletableFuture.completedFuture(null));
		closing.add(ua);
		ua.account(UserAgent.Account.direct(name));
		handler[0].calls(ua);
		return new Phone(ua, stack, ear);
	}

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable c : closing.reversed()) {
			c.close();
		}
	}

	@Test
	void aMediaTapHearsBothDirectionsWithoutTouchingTheAudio() throws Exception {
		Phone customer = phone("customer", ToneSource.testTone(B_HZ, -20), true);
		Phone agent = phone("agent", ToneSource.testTone(C_HZ, -20), false);
		Call call = agent.ua().dial(SipAddress.parse(customer.address()));
		Poll.until("the call to be answered", () -> call.state() == CallState.CONNECTED);
		Earpiece received = new Earpiece();
		Earpiece sent = new Earpiece();
		try (AutoCloseable tap = call.capability(Call.MediaTap.class).orElseThrow().tap((direction, ts, pcm) -> {
			(direction == Call.MediaTap.Direction.RECEIVED ? received : sent).play(pcm);
		})) {
			Poll.until("the tap to hear the customer on RECEIVED and the agent on SENT",
					() -> received.hears(B_HZ) && !received.hears(C_HZ) && sent.hears(C_HZ) && !sent.hears(B_HZ));
			Poll.until("the agent's earpiece to play the customer as before", () -> agent.ear().hears(B_HZ));
			Poll.until("the customer to hear the agent as before", () -> customer.ear().hears(C_HZ));
		}
	}

	@Test
	void aSecondCallWaitsAndAnsweringItHoldsTheFirst() throws Exception {
		Phone b = phone("b", ToneSource.testTone(B_HZ, -20), true);
		Phone c = phone("c", ToneSource.testTone(C_HZ, -20), false);
		Phone agent = phone("agent", () -> null, false);
		Call first = agent.ua().dial(SipAddress.parse(b.address()));
		Poll.until("the first call to be answered", () -> first.state() == CallState.CONNECTED);

		Call fromC = c.ua().dial(SipAddress.parse(agent.address()));
		Poll.until("the second call to ring at the agent", () -> agent.ua().calls().size() == 2);
		Call waiting = agent.ua().calls().get(1);
		assertEquals(CallState.RINGING, waiting.state());
		assertEquals(CallState.CONNECTED, first.state(), "the first call goes on while the second one waits");
		Poll.until("the second caller to hear ringing", () -> fromC.state() == CallState.ALERTING);

		waiting.answer();
		Poll.until("the first call held, the second connected", () -> first.state() == CallState.HELD
				&& waiting.state() == CallState.CONNECTED);
		Poll.until("the agent to hear the second caller only", () -> agent.ear().hears(C_HZ) && !agent.ear().hears(B_HZ));

		first.capability(Call.Hold.class).orElseThrow().resume();
		Poll.until("back to the first call, the second held", () -> first.state() == CallState.CONNECTED
				&& waiting.state() == CallState.HELD);
		Poll.until("the agent to hear the first caller only", () -> agent.ear().hears(B_HZ) && !agent.ear().hears(C_HZ));
	}

	@Test
	void attendedTransferHandsTheCustomerToTheColleagueAndTheyHearEachOther() throws Exception {
		Phone customer = phone("customer", ToneSource.testTone(B_HZ, -20), true);
		Phone colleague = phone("colleague", ToneSource.testTone(C_HZ, -20), true);
		Phone agent = phone("agent", () -> null, false);
		Call withCustomer = agent.ua().dial(SipAddress.parse(customer.address()));
		Poll.until("the customer to answer", () -> withCustomer.state() == CallState.CONNECTED);
		Call consultation = agent.ua().dial(SipAddress.parse(colleague.address()));
		Poll.until("the colleague to answer, the customer held", () -> consultation.state() == CallState.CONNECTED
				&& withCustomer.state() == CallState.HELD);

		withCustomer.capability(Call.AttendedTransfer.class).orElseThrow().transferTo(consultation);

		Poll.until("both of the agent's calls to end", () -> withCustomer.state() == CallState.ENDED
				&& consultation.state() == CallState.ENDED);
		assertTrue(withCustomer.end().orElseThrow().description().startsWith("Transferred to"),
				withCustomer.end().orElseThrow().description());
		Poll.until("customer and colleague to be connected", () -> customer.ua().calls().size() == 1
				&& customer.ua().calls().get(0).state() == CallState.CONNECTED && colleague.ua().calls().size() == 1
				&& colleague.ua().calls().get(0).state() == CallState.CONNECTED);
		Poll.until("them to hear each other", () -> customer.ear().hears(C_HZ) && colleague.ear().hears(B_HZ));
		assertTrue(agent.ua().calls().isEmpty());
	}

	@Test
	void farEndsHearOnlyTheAgentUntilTheConferenceThenEachOther() throws Exception {
		Phone b = phone("b", ToneSource.testTone(B_HZ, -20), true);
		Phone c = phone("c", ToneSource.testTone(C_HZ, -20), true);
		Phone agent = phone("agent", () -> null, false);

		Call toB = agent.ua().dial(SipAddress.parse(b.address()));
		Poll.until("B to answer", () -> toB.state() == CallState.CONNECTED);
		Poll.until("the agent to hear B's tone", () -> agent.ear().hears(B_HZ));
		Call toC = agent.ua().dial(SipAddress.parse(c.address()));
		Poll.until("C to answer and B to be held", () -> toC.state() == CallState.CONNECTED
				&& toB.state() == CallState.HELD);
		Poll.until("the agent to hear C's tone only", () -> agent.ear().hears(C_HZ) && !agent.ear().hears(B_HZ));
		assertTrue(!b.ear().hears(C_HZ) && !c.ear().hears(B_HZ), "no far end hears the other before the conference");

		agent.ua().conference((JainCall) toB, (JainCall) toC);
		Poll.until("B to be resumed", () -> toB.state() == CallState.CONNECTED);
		Poll.until("B to hear C and C to hear B", () -> b.ear().hears(C_HZ) && c.ear().hears(B_HZ));
		Poll.until("the agent to hear both", () -> agent.ear().hears(B_HZ) && agent.ear().hears(C_HZ));
		assertEquals(2, agent.ua().calls().size());
	}
}
