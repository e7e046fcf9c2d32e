package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.webcallcenter.sip.api.CallDirection;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.sip.api.VoiceQuality;
import org.webcallcenter.sip.ui.internal.CallFormat.MosBand;

class CallFormatTest {
	private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

	@Test
	void durationsReadLikeAWallboard() {
		assertEquals("0:00", CallFormat.duration(Duration.ZERO));
		assertEquals("0:00", CallFormat.duration(Duration.ofSeconds(-5)));
		assertEquals("0:59", CallFormat.duration(Duration.ofMillis(59_999)));
		assertEquals("4:05", CallFormat.duration(Duration.ofSeconds(245)));
		assertEquals("59:59", CallFormat.duration(Duration.ofSeconds(3599)));
		assertEquals("1:02:09", CallFormat.duration(Duration.ofSeconds(3729)));
	}

	@Test
	void elapsedCountsTalkTimeOnceAnswered() {
		assertEquals(Duration.ofSeconds(30), CallFormat.elapsed(T0, Optional.empty(), T0.plusSeconds(30)));
		assertEquals(Duration.ofSeconds(20),
				CallFormat.elapsed(T0, Optional.of(T0.plusSeconds(10)), T0.plusSeconds(30)));
		assertEquals(Duration.ZERO, CallFormat.talkTime(Optional.empty(), T0.plusSeconds(30)));
		assertEquals(Duration.ofSeconds(95), CallFormat.talkTime(Optional.of(T0), T0.plusSeconds(95)));
		assertEquals(Duration.ZERO, CallFormat.talkTime(Optional.of(T0), T0.minusSeconds(1)));
	}

	@Test
	void mosBandsAtTheirEdges() {
		assertEquals(MosBand.GOOD, MosBand.of(4.5));
		assertEquals(MosBand.GOOD, MosBand.of(4.0));
		assertEquals(MosBand.FAIR, MosBand.of(3.999));
		assertEquals(MosBand.FAIR, MosBand.of(3.6));
		assertEquals(MosBand.POOR, MosBand.of(3.599));
		assertEquals(MosBand.POOR, MosBand.of(1.0));
	}

	@Test
	void qualityFigures() {
		VoiceQuality q = new VoiceQuality("PCMU", 2.345, 0.5, OptionalDouble.of(41.6), 4.32);
		assertEquals("4.3", CallFormat.mos(q));
		assertEquals("2.3 ms", CallFormat.jitter(q));
		assertEquals("0.5 %", CallFormat.loss(q));
		assertEquals("42 ms", CallFormat.roundTrip(q));
		assertEquals("PCMU, MOS 4.3 (good), jitter 2.3 ms, loss 0.5 %, round trip 42 ms", CallFormat.quality(q));
		VoiceQuality noRtcp = new VoiceQuality("", 30, 6, OptionalDouble.empty(), 3.1);
		assertEquals("\u2013", CallFormat.roundTrip(noRtcp));
		assertEquals("MOS 3.1 (poor), jitter 30.0 ms, loss 6.0 %, round trip \u2013", CallFormat.quality(noRtcp));
	}

	@Test
	void howACallEnded() {
		assertEquals("Busy here (SIP 486, Q.850 17), by the far end", CallFormat
				.end(new CallEnd(CallEnd.By.REMOTE, OptionalInt.of(486), OptionalInt.of(17), "Busy here")));
		assertEquals("Declined (SIP 603), by this side",
				CallFormat.end(new CallEnd(CallEnd.By.LOCAL, OptionalInt.of(603), OptionalInt.empty(), "Declined")));
		assertEquals("Hung up, by this side",
				CallFormat.end(new CallEnd(CallEnd.By.LOCAL, OptionalInt.empty(), OptionalInt.empty(), "Hung up")));
		assertEquals("Ended (Q.850 16), by the far end",
				CallFormat.end(new CallEnd(CallEnd.By.REMOTE, OptionalInt.empty(), OptionalInt.of(16), "")));
		assertEquals("No common codec (SIP 488), by an error",
				CallFormat.end(new CallEnd(CallEnd.By.ERROR, OptionalInt.of(488), null, "No common codec")));
	}

	@Test
	void directionStateAndRemote() {
		assertEquals("\u2190 in", CallFormat.direction(CallDirection.INCOMING));
		assertEquals("\u2192 out", CallFormat.direction(CallDirection.OUTGOING));
		assertEquals("INCOMING CALL", CallFormat.state(CallState.RINGING));
		for (CallState s : CallState.values()) {
			assertEquals(false, CallFormat.state(s).isBlank(), s.name());
		}
		SipAddress a = SipAddress.parse("sip:8002@10.0.0.1");
		assertEquals("Li Wei <sip:8002@10.0.0.1>", CallFormat.remote(a, Optional.of("Li Wei")));
		assertEquals("sip:8002@10.0.0.1", CallFormat.remote(a, Optional.of(" ")));
		assertEquals("sip:8002@10.0.0.1", CallFormat.remote(a, Optional.empty()));
	}

	@Test
	void historyDetails() {
		CallHistory.Entry talked = new CallHistory.Entry("c1", T0, T0.plusSeconds(70), CallDirection.INCOMING,
				SipAddress.parse("sip:8002@10.0.0.1"), Optional.of("Li Wei"), Duration.ofSeconds(60),
				Optional.of(new CallEnd(CallEnd.By.REMOTE, OptionalInt.empty(), OptionalInt.of(16), "Hung up")),
				Optional.of(new VoiceQuality("PCMA", 4, 1, OptionalDouble.empty(), 3.7)));
		assertEquals("Li Wei <sip:8002@10.0.0.1>\nHung up (Q.850 16), by the far end\n"
				+ "PCMA, MOS 3.7 (fair), jitter 4.0 ms, loss 1.0 %, round trip \u2013", CallFormat.details(talked));
		CallHistory.Entry busy = new CallHistory.Entry("c2", T0, T0.plusSeconds(3), CallDirection.OUTGOING,
				SipAddress.parse("sip:8002@10.0.0.1"), Optional.empty(), Duration.ZERO, Optional.empty(),
				Optional.empty());
		assertEquals("sip:8002@10.0.0.1\nEnded\nNo voice quality figures: the call was not answered",
				CallFormat.details(busy));
	}

	@Test
	void incomingBanner() {
		SipAddress a = SipAddress.parse("sip:8002@10.0.0.1");
		assertEquals("Incoming call from Li Wei <sip:8002@10.0.0.1>",
				CallFormat.incoming(a, Optional.of("Li Wei"), false));
		assertEquals("Call waiting: sip:8002@10.0.0.1 is calling; select the line to answer it",
				CallFormat.incoming(a, Optional.empty(), true));
	}
}
