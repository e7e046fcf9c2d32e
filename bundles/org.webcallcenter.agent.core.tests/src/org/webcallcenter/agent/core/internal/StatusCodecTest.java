package org.webcallcenter.agent.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateEvent;
import org.webcallcenter.agent.api.AgentStatus;
import org.webcallcenter.agent.api.ReasonCode;
import org.webcallcenter.agent.api.StateChangeCause;

/** The one-line format of the state file and the history. */
class StatusCodecTest {
	/** Every character that has a meaning in the format, plus spaces, a line feed and non-ASCII text. */
	private static final String AWKWARD = " Zoë & Søren = 100% + 名前 a%20b %E2 end=1\nnext ";
	private static final AgentIdentity AGENT = new AgentIdentity("a.b_c-9", AWKWARD, "Zürich & Bern = 50%", "*12#");
	private static final ReasonCode REASON = new ReasonCode("BACK_OFFICE", AWKWARD);
	private static final Instant T0 = Instant.parse("2026-03-10T08:15:30.123Z");

	private static List<AgentStatus> everyKindOfStatus() {
		return List.of(AgentStatus.loggedOut(T0),
				new AgentStatus(AgentState.READY, Optional.empty(), T0, Optional.empty(), Optional.empty(),
						Optional.of(AGENT)),
				new AgentStatus(AgentState.NOT_READY, Optional.of(REASON), T0, Optional.empty(), Optional.empty(),
						Optional.of(AGENT)),
				new AgentStatus(AgentState.ON_CALL, Optional.empty(), T0, Optional.empty(),
						Optional.of("sip:call&id=1%2B @host/ü?x=y"), Optional.of(AGENT)),
				new AgentStatus(AgentState.WRAP_UP, Optional.empty(), T0, Optional.of(T0.plusMillis(30_007)),
						Optional.of("c=&%"), Optional.of(new AgentIdentity("x", null, null, null))));
	}

	@Test
	void statusesSurviveTheRoundTrip() {
		for (AgentStatus s : everyKindOfStatus()) {
			String line = StatusCodec.encode(s);
			assertFalse(line.contains("\n") || line.contains("\r"), "one line: " + line);
			assertEquals(s, StatusCodec.decodeStatus(line), line);
			assertEquals(s, StatusCodec.decodeStatus(line + "\n"), "a trailing line feed is fine");
		}
	}

	@Test
	void awkwardValuesAreKeptExactly() {
		AgentStatus s = everyKindOfStatus().get(2);
		AgentStatus back = StatusCodec.decodeStatus(StatusCodec.encode(s));
		assertEquals(AWKWARD, back.reason().get().label(), "leading and trailing spaces, %, &, = and line feeds");
		assertEquals(AWKWARD.strip(), back.agent().get().displayName());
		assertEquals("Zürich & Bern = 50%", back.agent().get().branch());
	}

	@Test
	void eventsSurviveTheRoundTripWithEveryCause() {
		List<AgentStatus> statuses = everyKindOfStatus();
		for (StateChangeCause cause : StateChangeCause.values()) {
			for (int i = 0; i + 1 < statuses.size(); i++) {
				AgentStateEvent e = new AgentStateEvent(statuses.get(i), statuses.get(i + 1), cause);
				String line = StatusCodec.encode(e);
				assertFalse(line.contains("\n"), line);
				assertTrue(line.endsWith("&end=1"), line);
				assertEquals(e, StatusCodec.decodeEvent(line), line);
			}
		}
	}

	@Test
	void everyTruncatedEventIsRejected() {
		AgentStateEvent e = new AgentStateEvent(everyKindOfStatus().get(2), everyKindOfStatus().get(3),
				StateChangeCause.CALL);
		String line = StatusCodec.encode(e);
		List<Integer> accepted = new ArrayList<>();
		for (int cut = 0; cut < line.length(); cut++) {
			String partial = line.substring(0, cut);
			try {
				StatusCodec.decodeEvent(partial);
				accepted.add(cut);
			} catch (IllegalArgumentException expected) {
				// the line was detected as damaged
			}
		}
		assertEquals(List.of(), accepted, "cut positions of " + line + " that decoded without an error");
	}

	@Test
	void malformedRecordsAreRejected() {
		String good = StatusCodec.encode(everyKindOfStatus().get(2));
		for (String bad : List.of("", "   ", "garbage", "state", "=READY", "state=READY", "since=5",
				good.replace("state=NOT_READY", "state=SLEEPING"), good.replace("since=", "since=x"),
				good.replace("state=NOT_READY", "state=READY"), good + "&agentId=%Z1")) {
			assertThrows(IllegalArgumentException.class, () -> StatusCodec.decodeStatus(bad), "status '" + bad + "'");
		}
		String event = StatusCodec.encode(new AgentStateEvent(everyKindOfStatus().get(0), everyKindOfStatus().get(1),
				StateChangeCause.AGENT));
		assertThrows(IllegalArgumentException.class, () -> StatusCodec.decodeEvent(event.replace("end=1", "end=0")));
		assertThrows(IllegalArgumentException.class,
				() -> StatusCodec.decodeEvent(event.replace("cause=AGENT", "cause=MAGIC")));
		assertThrows(RuntimeException.class,
				() -> StatusCodec.decodeEvent(event.replace("cause=AGENT&", "")), "missing cause");
		assertThrows(IllegalArgumentException.class, () -> StatusCodec.decodeStatus(event.replace("p.", "q.")));
	}
}
