package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SoftphoneEvents;
import org.webcallcenter.sip.api.VoiceQuality;

class CallHistoryTest {
	private static final VoiceQuality GOOD = new VoiceQuality("PCMU", 1.0, 0.0, OptionalDouble.of(20), 4.3);
	private static final VoiceQuality LAST_SEEN = new VoiceQuality("PCMU", 9.0, 2.0, OptionalDouble.empty(), 3.8);

	private static Event event(Call call, CallState previous, CallState current) {
		return new Event(SoftphoneEvents.CALL, Map.of(IEventBroker.DATA, new CallEvent(call, previous, current)));
	}

	private static StubCall ended(String id) {
		StubCall c = new StubCall(id, CallState.ENDED);
		c.answeredAt = Optional.of(Instant.now().minusSeconds(65));
		c.end = Optional.of(new CallEnd(CallEnd.By.REMOTE, OptionalInt.empty(), OptionalInt.of(16), "Hung up"));
		return c;
	}

	@Test
	void anEndedCallIsListedWithItsEndAndFinalQuality() {
		CallHistory h = new CallHistory();
		AtomicInteger told = new AtomicInteger();
		h.addListener(told::incrementAndGet);
		StubCall c = ended("a").with(Call.QualityMonitor.class, () -> GOOD);
		h.handleEvent(event(c, CallState.CONNECTED, CallState.ENDED));
		List<CallHistory.Entry> list = h.entries();
		assertEquals(1, list.size());
		CallHistory.Entry e = list.get(0);
		assertEquals("a", e.callId());
		assertEquals(c.remote(), e.remote());
		assertEquals(Optional.of(GOOD), e.quality());
		assertEquals(c.end, e.end());
		long talk = e.talkTime().toSeconds();
		assertEquals(true, talk >= 64 && talk <= 70, "talk time " + e.talkTime());
		assertEquals(1, told.get());
	}

	@Test
	void withoutMediaTheLastFiguresSeenAreKept() {
		CallHistory h = new CallHistory();
		h.noteQuality("b", LAST_SEEN);
		StubCall c = ended("b").with(Call.QualityMonitor.class, () -> {
			throw new IllegalStateException("media closed");
		});
		h.handleEvent(event(c, CallState.CONNECTED, CallState.ENDED));
		assertEquals(Optional.of(LAST_SEEN), h.entries().get(0).quality());
		StubCall unanswered = ended("c").with(Call.QualityMonitor.class,
				() -> new VoiceQuality("PCMU", 0, 0, OptionalDouble.empty(), 1.0));
		unanswered.answeredAt = Optional.empty();
		h.handleEvent(event(unanswered, CallState.DIALING, CallState.ENDED));
		assertEquals(Optional.empty(), h.entries().get(0).quality());
		assertEquals(Duration.ZERO, h.entries().get(0).talkTime());
	}

	@Test
	void onlyEndsCountOnceEachNewestFirst() {
		CallHistory h = new CallHistory();
		StubCall live = new StubCall("x", CallState.CONNECTED);
		h.handleEvent(event(live, CallState.DIALING, CallState.CONNECTED));
		h.handleEvent(new Event(SoftphoneEvents.CALL, Map.of(IEventBroker.DATA, "not a call event")));
		assertEquals(List.of(), h.entries());
		StubCall first = ended("1");
		StubCall second = ended("2");
		h.handleEvent(event(first, CallState.CONNECTED, CallState.ENDED));
		h.handleEvent(event(second, CallState.CONNECTED, CallState.ENDED));
		h.handleEvent(event(first, CallState.CONNECTED, CallState.ENDED));
		assertEquals(List.of("2", "1"), h.entries().stream().map(CallHistory.Entry::callId).toList());
	}

	@Test
	void theListIsBounded() {
		CallHistory h = new CallHistory();
		for (int i = 0; i < CallHistory.MAX_ENTRIES + 3; i++) {
			h.ended(ended("n" + i), Instant.now());
		}
		assertEquals(CallHistory.MAX_ENTRIES, h.entries().size());
		assertEquals("n" + (CallHistory.MAX_ENTRIES + 2), h.entries().get(0).callId());
	}
}
