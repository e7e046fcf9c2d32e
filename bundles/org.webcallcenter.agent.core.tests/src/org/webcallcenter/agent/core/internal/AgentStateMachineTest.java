package org.webcallcenter.agent.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.webcallcenter.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateEvent;
import org.webcallcenter.agent.api.AgentStatus;
import org.webcallcenter.agent.api.IllegalTransitionException;
import org.webcallcenter.agent.api.ReasonCode;
import org.webcallcenter.agent.api.StateChangeCause;
import org.webcallcenter.testing.MutableClock;

/**
 * {@link AgentStateMachine} with a hand-moved clock, real files in a temporary folder and a real single-thread
 * executor, as in production.
 */
class AgentStateMachineTest {
	private static final ZoneId ZONE = ZoneId.of("Europe/Zurich");
	/** Long enough that the wrap-up timer never fires during a test that does not wait for it. */
	private static final Duration LONG_WRAP_UP = Duration.ofHours(1);
	/** Short enough that a test can wait for the timer. */
	private static final Duration SHORT_WRAP_UP = Duration.ofMillis(200);
	private static final AgentIdentity AGENT = new AgentIdentity("a-17", "Ana Müller", "Zürich Nord", "4711");
	private static final ReasonCode BREAK = new ReasonCode("BREAK", "Break");
	private static final ReasonCode LUNCH = new ReasonCode("LUNCH", "Lunch");
	private static final List<ReasonCode> REASONS = List.of(BREAK, LUNCH);
	private static final String STATE_FILE = "agent-state.txt";

	@TempDir
	Path dir;

	private final MutableClock clock = new MutableClock(
			ZonedDateTime.of(2026, 3, 10, 9, 0, 0, 0, ZONE).toInstant(), ZONE);
	private final List<Running> running = new ArrayList<>();

	/** One "run" of the workstation: a machine, its executor and what its observer saw. */
	private record Running(AgentStateMachine machine, ScheduledExecutorService executor, RecordingObserver events) {
	}

	private Running start(Path folder, Duration wrapUp) {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
		RecordingObserver events = new RecordingObserver();
		AgentStateMachine machine = new AgentStateMachine(clock, new StateStore(folder, ZONE), executor, wrapUp,
				REASONS, events);
		Running r = new Running(machine, executor, events);
		running.add(r);
		return r;
	}

	private Running start(Duration wrapUp) {
		return start(dir, wrapUp);
	}

	/** Like closing the workstation: the timer is cancelled and every pending save finishes. */
	private static void stop(Running r) throws InterruptedException {
		r.machine().close();
		r.executor().shutdown();
		assertTrue(r.executor().awaitTermination(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS),
				"pending saves did not finish");
	}

	@AfterEach
	void stopAll() throws InterruptedException {
		for (Running r : running) {
			if (!r.executor().isShutdown()) {
				stop(r);
			}
		}
	}

	private Instant tick() {
		return clock.advance(Duration.ofSeconds(7));
	}

	private static void assertEvent(AgentStateEvent event, AgentState from, AgentState to, StateChangeCause cause) {
		assertEquals(from + " -> " + to + " (" + cause + ")", event.previous().state() + " -> "
				+ event.current().state() + " (" + event.cause() + ")", () -> "event " + event);
	}

	// ---------------------------------------------------------------- allowed transitions

	@Test
	void loginStartsNotReadyWithReasonLogin() {
		Running r = start(LONG_WRAP_UP);
		assertEquals(AgentState.LOGGED_OUT, r.machine().current().state());
		Instant at = tick();

		AgentStatus s = r.machine().login(AGENT);

		assertEquals(AgentState.NOT_READY, s.state());
		assertEquals(Optional.of(ReasonCode.LOGIN), s.reason());
		assertEquals(Optional.of(AGENT), s.agent());
		assertEquals(at, s.since());
		assertEquals(Optional.empty(), s.callId());
		assertSame(s, r.machine().current());
		assertEvent(r.events().await(1).get(0), AgentState.LOGGED_OUT, AgentState.NOT_READY, StateChangeCause.AGENT);
	}

	@Test
	void readyAndNotReadyFollowTheAgent() {
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);

		Instant readyAt = tick();
		AgentStatus ready = r.machine().ready();
		assertEquals(AgentState.READY, ready.state());
		assertEquals(readyAt, ready.since());
		assertEquals(Optional.of(AGENT), ready.agent());

		tick();
		assertSame(ready, r.machine().ready(), "ready while ready changes nothing");

		Instant breakAt = tick();
		AgentStatus onBreak = r.machine().notReady(BREAK);
		assertEquals(AgentState.NOT_READY, onBreak.state());
		assertEquals(Optional.of(BREAK), onBreak.reason());
		assertEquals(breakAt, onBreak.since());

		tick();
		assertSame(onBreak, r.machine().notReady(BREAK), "the same reason again changes nothing");

		AgentStatus atLunch = r.machine().notReady(LUNCH);
		assertEquals(Optional.of(LUNCH), atLunch.reason(), "another reason while not ready is a change");

		assertEquals(AgentState.READY, r.machine().ready().state());

		List<AgentStateEvent> events = r.events().await(5);
		assertEvent(events.get(1), AgentState.NOT_READY, AgentState.READY, StateChangeCause.AGENT);
		assertEvent(events.get(2), AgentState.READY, AgentState.NOT_READY, StateChangeCause.AGENT);
		assertEvent(events.get(3), AgentState.NOT_READY, AgentState.NOT_READY, StateChangeCause.AGENT);
		assertEvent(events.get(4), AgentState.NOT_READY, AgentState.READY, StateChangeCause.AGENT);
	}

	@Test
	void aCallGoesOnCallAndThenIntoWrapUpWithADeadline() {
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().ready();

		Instant callAt = tick();
		AgentStatus onCall = r.machine().callStarted("call-1");
		assertEquals(AgentState.ON_CALL, onCall.state());
		assertEquals(Optional.of("call-1"), onCall.callId());
		assertEquals(callAt, onCall.since());
		assertEquals(Optional.of(AGENT), onCall.agent());

		Instant endAt = tick();
		AgentStatus wrapUp = r.machine().callEnded("call-1");
		assertEquals(AgentState.WRAP_UP, wrapUp.state());
		assertEquals(Optional.of("call-1"), wrapUp.callId());
		assertEquals(endAt, wrapUp.since());
		assertEquals(Optional.of(endAt.plus(LONG_WRAP_UP)), wrapUp.wrapUpEndsAt());

		List<AgentStateEvent> events = r.events().await(4);
		assertEvent(events.get(2), AgentState.READY, AgentState.ON_CALL, StateChangeCause.CALL);
		assertEvent(events.get(3), AgentState.ON_CALL, AgentState.WRAP_UP, StateChangeCause.CALL);
	}

	@Test
	void callsMayStartFromNotReadyAndFromWrapUp() {
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);
		assertEquals(AgentState.ON_CALL, r.machine().callStarted("out-1").state(), "from NOT_READY");
		assertEquals(AgentState.WRAP_UP, r.machine().callEnded("out-1").state());
		assertEquals(AgentState.ON_CALL, r.machine().callStarted("out-2").state(), "from WRAP_UP");
		List<AgentStateEvent> events = r.events().await(4);
		assertEvent(events.get(1), AgentState.NOT_READY, AgentState.ON_CALL, StateChangeCause.CALL);
		assertEvent(events.get(3), AgentState.WRAP_UP, AgentState.ON_CALL, StateChangeCause.CALL);
	}

	@Test
	void finishWrapUpMakesTheAgentReady() {
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().ready();
		r.machine().callStarted("call-1");
		r.machine().callEnded("call-1");

		Instant at = tick();
		AgentStatus s = r.machine().finishWrapUp();
		assertEquals(AgentState.READY, s.state());
		assertEquals(at, s.since());
		assertEquals(Optional.empty(), s.callId());
		assertEvent(r.events().await(5).get(4), AgentState.WRAP_UP, AgentState.READY, StateChangeCause.AGENT);
	}

	@Test
	void extendWrapUpMovesTheDeadlineAndKeepsTheStart() {
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().ready();
		r.machine().callStarted("call-1");
		AgentStatus wrap = r.machine().callEnded("call-1");

		tick();
		AgentStatus extended = r.machine().extendWrapUp(Duration.ofMinutes(2));
		assertEquals(AgentState.WRAP_UP, extended.state());
		assertEquals(wrap.since(), extended.since());
		assertEquals(Optional.of(wrap.wrapUpEndsAt().get().plusSeconds(120)), extended.wrapUpEndsAt());
		assertEquals(Optional.of("call-1"), extended.callId());

		assertThrows(IllegalArgumentException.class, () -> r.machine().extendWrapUp(Duration.ZERO));
		assertThrows(IllegalArgumentException.class, () -> r.machine().extendWrapUp(Duration.ofSeconds(-5)));
		assertSame(extended, r.machine().current());
		assertEvent(r.events().await(5).get(4), AgentState.WRAP_UP, AgentState.WRAP_UP, StateChangeCause.AGENT);
	}

	@Test
	void logoutIsAllowedFromReadyNotReadyAndWrapUp() {
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);
		Instant at = tick();
		AgentStatus out = r.machine().logout();
		assertEquals(AgentStatus.loggedOut(at), out);

		r.machine().login(AGENT);
		r.machine().ready();
		assertEquals(AgentState.LOGGED_OUT, r.machine().logout().state(), "from READY");

		r.machine().login(AGENT);
		r.machine().ready();
		r.machine().callStarted("call-1");
		r.machine().callEnded("call-1");
		assertEquals(AgentState.LOGGED_OUT, r.machine().logout().state(), "from WRAP_UP");

		List<AgentStateEvent> events = r.events().await(10);
		assertEvent(events.get(1), AgentState.NOT_READY, AgentState.LOGGED_OUT, StateChangeCause.AGENT);
		assertEvent(events.get(4), AgentState.READY, AgentState.LOGGED_OUT, StateChangeCause.AGENT);
		assertEvent(events.get(9), AgentState.WRAP_UP, AgentState.LOGGED_OUT, StateChangeCause.AGENT);
	}

	@Test
	void wrapUpMustLastLongerThanZero() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
		try {
			StateStore store = new StateStore(dir, ZONE);
			assertThrows(IllegalArgumentException.class,
					() -> new AgentStateMachine(clock, store, executor, Duration.ZERO, REASONS, e -> {
					}));
		} finally {
			executor.shutdown();
		}
	}

	// ---------------------------------------------------------------- refused transitions

	private static final Map<String, Consumer<AgentStateMachine>> ACTIONS = new LinkedHashMap<>();
	private static final Map<String, Set<AgentState>> ALLOWED = new LinkedHashMap<>();
	static {
		ACTIONS.put("log in", m -> m.login(AGENT));
		ALLOWED.put("log in", EnumSet.of(AgentState.LOGGED_OUT));
		ACTIONS.put("log out", AgentStateMachine::logout);
		ALLOWED.put("log out", EnumSet.of(AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP));
		ACTIONS.put("become ready", AgentStateMachine::ready);
		ALLOWED.put("become ready", EnumSet.of(AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP));
		ACTIONS.put("become not ready", m -> m.notReady(LUNCH));
		ALLOWED.put("become not ready", EnumSet.of(AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP));
		ACTIONS.put("finish wrap-up", AgentStateMachine::finishWrapUp);
		ALLOWED.put("finish wrap-up", EnumSet.of(AgentState.WRAP_UP));
		ACTIONS.put("extend wrap-up", m -> m.extendWrapUp(Duration.ofMinutes(1)));
		ALLOWED.put("extend wrap-up", EnumSet.of(AgentState.WRAP_UP));
	}

	/** Brings a fresh machine into {@code state} and returns how many events that took. */
	private static int driveTo(AgentStateMachine m, AgentState state) {
		switch (state) {
		case LOGGED_OUT:
			return 0;
		case NOT_READY:
			m.login(AGENT);
			return 1;
		case READY:
			m.login(AGENT);
			m.ready();
			return 2;
		case ON_CALL:
			m.login(AGENT);
			m.ready();
			m.callStarted("call-1");
			return 3;
		case WRAP_UP:
			m.login(AGENT);
			m.ready();
			m.callStarted("call-1");
			m.callEnded("call-1");
			return 4;
		default:
			throw new AssertionError(state);
		}
	}

	@TestFactory
	Stream<DynamicTest> everyRefusedTransitionThrowsAndNamesTheState() {
		List<DynamicTest> tests = new ArrayList<>();
		for (AgentState state : AgentState.values()) {
			for (Map.Entry<String, Consumer<AgentStateMachine>> action : ACTIONS.entrySet()) {
				if (ALLOWED.get(action.getKey()).contains(state)) {
					continue;
				}
				tests.add(DynamicTest.dynamicTest(action.getKey() + " while " + state, () -> {
					Running r = start(dir.resolve(state + "-" + action.getKey().replace(' ', '_')), LONG_WRAP_UP);
					int before = driveTo(r.machine(), state);
					AgentStatus current = r.machine().current();
					assertEquals(state, current.state());

					IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
							() -> action.getValue().accept(r.machine()));

					assertEquals(state, e.from());
					assertEquals(action.getKey(), e.action());
					assertTrue(e.getMessage().contains(state.label()),
							"message '" + e.getMessage() + "' names the state " + state.label());
					assertSame(current, r.machine().current(), "a refused transition changes nothing");
					assertEquals(before, r.machine().today().size(), "a refused transition records nothing");
					r.events().await(before);
				}));
			}
		}
		assertEquals(18, tests.size(), "refused (state, action) pairs");
		return tests.stream();
	}

	@TestFactory
	Stream<DynamicTest> everyAllowedTransitionIsAccepted() {
		List<DynamicTest> tests = new ArrayList<>();
		for (AgentState state : AgentState.values()) {
			for (Map.Entry<String, Consumer<AgentStateMachine>> action : ACTIONS.entrySet()) {
				if (!ALLOWED.get(action.getKey()).contains(state)) {
					continue;
				}
				tests.add(DynamicTest.dynamicTest(action.getKey() + " while " + state, () -> {
					Running r = start(dir.resolve(state + "-" + action.getKey().replace(' ', '_')), LONG_WRAP_UP);
					driveTo(r.machine(), state);
					action.getValue().accept(r.machine());
				}));
			}
		}
		assertEquals(12, tests.size(), "allowed (state, action) pairs");
		return tests.stream();
	}

	@Test
	void callReportsWhileLoggedOutAreIgnored() {
		Running r = start(LONG_WRAP_UP);
		AgentStatus out = r.machine().current();
		assertSame(out, r.machine().callStarted("internal-1"));
		assertSame(out, r.machine().callEnded("internal-1"));

		r.machine().login(AGENT);
		AgentStatus notReady = r.machine().current();
		assertSame(notReady, r.machine().callEnded("internal-1"), "a call from before the login is unknown");
		assertEquals(1, r.machine().today().size());
	}

	// ---------------------------------------------------------------- wrap-up and calls

	@Test
	void wrapUpTimerMakesTheAgentReady() {
		Running r = start(SHORT_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().ready();
		r.machine().callStarted("call-1");
		r.machine().callEnded("call-1");

		Poll.until("READY after the wrap-up timer", () -> r.machine().current().state() == AgentState.READY);

		AgentStatus ready = r.machine().current();
		assertEquals(Optional.empty(), ready.callId());
		assertEquals(Optional.of(AGENT), ready.agent());
		assertEvent(r.events().await(5).get(4), AgentState.WRAP_UP, AgentState.READY,
				StateChangeCause.WRAP_UP_TIMER);
	}

	@Test
	void aCallFromNotReadyReturnsToTheSameReasonWhenTheTimerEnds() {
		Running r = start(SHORT_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().notReady(LUNCH);
		r.machine().callStarted("out-1");
		r.machine().callEnded("out-1");

		Poll.until("NOT_READY after the wrap-up timer", () -> r.machine().current().state() == AgentState.NOT_READY);

		assertEquals(Optional.of(LUNCH), r.machine().current().reason());
		assertEvent(r.events().await(5).get(4), AgentState.WRAP_UP, AgentState.NOT_READY,
				StateChangeCause.WRAP_UP_TIMER);
	}

	@Test
	void finishWrapUpAfterACallFromNotReadyReturnsToTheSameReason() {
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().notReady(BREAK);
		r.machine().callStarted("out-1");
		r.machine().callEnded("out-1");

		AgentStatus s = r.machine().finishWrapUp();
		assertEquals(AgentState.NOT_READY, s.state());
		assertEquals(Optional.of(BREAK), s.reason());
	}

	@Test
	void aSecondCallDuringWrapUpKeepsTheReasonFromBeforeTheFirst() {
		Running r = start(SHORT_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().notReady(BREAK);
		r.machine().callStarted("out-1");
		r.machine().callEnded("out-1");
		r.machine().callStarted("out-2"); // from WRAP_UP, before the timer
		// the first wrap-up's timer must not end the second call
		assertEquals(AgentState.ON_CALL, r.machine().current().state());
		r.machine().callEnded("out-2");

		Poll.until("NOT_READY after the second wrap-up", () -> r.machine().current().state() == AgentState.NOT_READY);
		assertEquals(Optional.of(BREAK), r.machine().current().reason());
	}

	@Test
	void theWrapUpTimerDoesNotEndACallStartedDuringWrapUp() throws InterruptedException {
		Running r = start(SHORT_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().ready();
		r.machine().callStarted("call-1");
		r.machine().callEnded("call-1");
		r.machine().callStarted("call-2");
		// let the (cancelled) first timer's deadline pass; the state must stay ON_CALL
		Thread.sleep(SHORT_WRAP_UP.toMillis() * 3);
		assertEquals(AgentState.ON_CALL, r.machine().current().state());
		assertEquals(Optional.of("call-2"), r.machine().current().callId());
	}

	@Test
	void manualChangesDuringWrapUpStopTheTimer() throws InterruptedException {
		Running r = start(SHORT_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().ready();
		r.machine().callStarted("call-1");
		r.machine().callEnded("call-1");
		r.machine().notReady(BREAK);
		Thread.sleep(SHORT_WRAP_UP.toMillis() * 3);
		assertEquals(Optional.of(BREAK), r.machine().current().reason(), "the timer must not override a choice");
		assertEquals(5, r.events().await(5).size());
	}

	@Test
	void callWaitingKeepsTheAgentOnCallUntilTheLastCallEnds() {
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().ready();
		AgentStatus first = r.machine().callStarted("call-A");
		assertSame(first, r.machine().callStarted("call-B"), "a second line changes nothing");

		AgentStatus stillOnCall = r.machine().callEnded("call-A");
		assertEquals(AgentState.ON_CALL, stillOnCall.state());
		assertEquals(Optional.of("call-B"), stillOnCall.callId(), "the remaining call is the current one");
		assertEquals(first.since(), stillOnCall.since(), "still the same time on call");

		tick();
		AgentStatus wrap = r.machine().callEnded("call-B");
		assertEquals(AgentState.WRAP_UP, wrap.state());
		assertEquals(Optional.of("call-B"), wrap.callId());

		List<AgentStateEvent> events = r.events().await(5);
		assertEvent(events.get(3), AgentState.ON_CALL, AgentState.ON_CALL, StateChangeCause.CALL);
		assertEvent(events.get(4), AgentState.ON_CALL, AgentState.WRAP_UP, StateChangeCause.CALL);
	}

	@Test
	void repeatedAndUnknownCallIdsChangeNothing() {
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().ready();
		AgentStatus onCall = r.machine().callStarted("call-1");
		assertSame(onCall, r.machine().callStarted("call-1"), "repeated start");
		assertSame(onCall, r.machine().callEnded("no-such-call"), "unknown end");

		AgentStatus wrap = r.machine().callEnded("call-1");
		assertEquals(AgentState.WRAP_UP, wrap.state());
		assertSame(wrap, r.machine().callEnded("call-1"), "repeated end");
		assertSame(wrap, r.machine().callEnded("no-such-call"), "unknown end in wrap-up");
		assertEquals(4, r.machine().today().size());
		assertEquals(4, r.events().await(4).size());
	}

	// ---------------------------------------------------------------- observer and files

	@Test
	void theObserverSeesEveryChangeInOrderAndTheFilesAreWritten() throws IOException {
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);
		tick();
		r.machine().ready();
		tick();
		r.machine().notReady(BREAK);
		tick();
		r.machine().callStarted("call-1");
		tick();
		r.machine().callEnded("call-1");
		tick();
		r.machine().finishWrapUp();
		tick();
		r.machine().logout();

		List<AgentStateEvent> events = r.events().await(7);
		AgentState[] states = { AgentState.LOGGED_OUT, AgentState.NOT_READY, AgentState.READY, AgentState.NOT_READY,
				AgentState.ON_CALL, AgentState.WRAP_UP, AgentState.NOT_READY, AgentState.LOGGED_OUT };
		StateChangeCause[] causes = { StateChangeCause.AGENT, StateChangeCause.AGENT, StateChangeCause.AGENT,
				StateChangeCause.CALL, StateChangeCause.CALL, StateChangeCause.AGENT, StateChangeCause.AGENT };
		for (int i = 0; i < events.size(); i++) {
			assertEvent(events.get(i), states[i], states[i + 1], causes[i]);
			if (i > 0) {
				assertEquals(events.get(i - 1).current(), events.get(i).previous(), "events form a chain");
			}
		}
		assertEquals(events, r.machine().today());

		// the observer runs after the files are written, so they are complete now
		Path stateFile = dir.resolve(STATE_FILE);
		assertEquals(r.machine().current(),
				StatusCodec.decodeStatus(Files.readString(stateFile, StandardCharsets.UTF_8)));
		Path history = dir.resolve("agent-history-2026-03-10.log");
		List<String> lines = Files.readAllLines(history, StandardCharsets.UTF_8);
		assertEquals(7, lines.size(), "one history line per change: " + lines);
		for (int i = 0; i < lines.size(); i++) {
			assertEquals(events.get(i), StatusCodec.decodeEvent(lines.get(i)));
		}
		assertEquals(events, new StateStore(dir, ZONE).history(LocalDate.of(2026, 3, 10)));
	}

	@Test
	void aFailingObserverDoesNotStopTheMachine() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
		List<AgentStateEvent> seen = new ArrayList<>();
		AgentStateMachine m = new AgentStateMachine(clock, new StateStore(dir, ZONE), executor, LONG_WRAP_UP,
				REASONS, e -> {
					synchronized (seen) {
						seen.add(e);
					}
					throw new IllegalStateException("observer failure (expected by the test)");
				});
		running.add(new Running(m, executor, null));
		m.login(AGENT);
		m.ready();
		Poll.until("both events despite the failing observer", () -> {
			synchronized (seen) {
				return seen.size() == 2;
			}
		});
		assertEquals(AgentState.READY, m.current().state());
		assertEquals(AgentState.READY, new StateStore(dir, ZONE).load().get().state());
	}

	// ---------------------------------------------------------------- restore after a restart

	@Test
	void notReadyWithAReasonSurvivesARestart() throws InterruptedException {
		Running first = start(LONG_WRAP_UP);
		first.machine().login(AGENT);
		AgentStatus lunch = first.machine().notReady(LUNCH);
		stop(first);

		clock.advance(Duration.ofMinutes(20));
		Running second = start(LONG_WRAP_UP);

		assertEquals(lunch, second.machine().current(), "same state, reason, agent and start time");
		assertEquals(first.events().events(), second.machine().today(), "today's history is read back");
		assertEquals(List.of(), second.events().events(), "nothing changed, so nothing is reported");
		assertEquals(AgentState.READY, second.machine().ready().state(), "and the machine works on");
	}

	@Test
	void aCallDoesNotSurviveARestartButItsWrapUpDoes() throws InterruptedException {
		Running first = start(LONG_WRAP_UP);
		first.machine().login(AGENT);
		first.machine().ready();
		AgentStatus onCall = first.machine().callStarted("call-9");
		stop(first);

		Instant restartAt = clock.advance(Duration.ofMinutes(3));
		Running second = start(LONG_WRAP_UP);

		AgentStatus restored = second.machine().current();
		assertEquals(AgentState.WRAP_UP, restored.state());
		assertEquals(Optional.of("call-9"), restored.callId());
		assertEquals(Optional.of(AGENT), restored.agent());
		assertEquals(restartAt, restored.since());
		assertEquals(Optional.of(restartAt.plus(LONG_WRAP_UP)), restored.wrapUpEndsAt());

		AgentStateEvent event = second.events().await(1).get(0);
		assertEquals(onCall, event.previous());
		assertEquals(restored, event.current());
		assertEquals(StateChangeCause.RESTORED, event.cause());
		assertEquals(event, second.machine().today().get(second.machine().today().size() - 1));
		Poll.until("the restored state saved", () -> restored.equals(new StateStore(dir, ZONE).load().orElse(null)));
	}

	@Test
	void aRestoredWrapUpStillEndsByItself() throws InterruptedException {
		Running first = start(SHORT_WRAP_UP);
		first.machine().login(AGENT);
		first.machine().ready();
		first.machine().callStarted("call-9");
		stop(first);

		Running second = start(SHORT_WRAP_UP);
		assertEquals(AgentState.WRAP_UP, second.machine().current().state());
		Poll.until("READY after the restored wrap-up", () -> second.machine().current().state() == AgentState.READY);
		List<AgentStateEvent> events = second.events().await(2);
		assertEquals(StateChangeCause.RESTORED, events.get(0).cause());
		assertEquals(StateChangeCause.WRAP_UP_TIMER, events.get(1).cause());
	}

	@Test
	void aWrapUpThatRanOutWhileDownComesBackReady() throws InterruptedException {
		Running first = start(LONG_WRAP_UP);
		first.machine().login(AGENT);
		first.machine().ready();
		first.machine().callStarted("call-1");
		AgentStatus wrap = first.machine().callEnded("call-1");
		stop(first);

		Instant restartAt = clock.advance(LONG_WRAP_UP.plusMinutes(1));
		Running second = start(LONG_WRAP_UP);

		AgentStatus restored = second.machine().current();
		assertEquals(AgentState.READY, restored.state());
		assertEquals(restartAt, restored.since());
		assertEquals(Optional.of(AGENT), restored.agent());
		AgentStateEvent event = second.events().await(1).get(0);
		assertEquals(wrap, event.previous());
		assertEquals(StateChangeCause.RESTORED, event.cause());
	}

	@Test
	void aBreakIsNotTurnedIntoReadyByARestartDuringACall() throws InterruptedException {
		Running first = start(LONG_WRAP_UP);
		first.machine().login(AGENT);
		first.machine().notReady(BREAK);
		first.machine().callStarted("call-internal");
		stop(first);

		clock.advance(Duration.ofMinutes(2));
		Running second = start(SHORT_WRAP_UP);
		assertEquals(AgentState.WRAP_UP, second.machine().current().state());
		Poll.until("back on the break after the restored wrap-up",
				() -> second.machine().current().state() == AgentState.NOT_READY);
		assertEquals(Optional.of(BREAK), second.machine().current().reason());
	}

	@Test
	void anExpiredWrapUpAfterABreakComesBackAsTheBreak() throws InterruptedException {
		Running first = start(LONG_WRAP_UP);
		first.machine().login(AGENT);
		first.machine().notReady(LUNCH);
		first.machine().callStarted("call-2");
		first.machine().callEnded("call-2");
		stop(first);

		clock.advance(LONG_WRAP_UP.plusMinutes(5));
		Running second = start(LONG_WRAP_UP);
		assertEquals(AgentState.NOT_READY, second.machine().current().state());
		assertEquals(Optional.of(LUNCH), second.machine().current().reason());
	}

	@Test
	void aWrapUpThatIsStillRunningKeepsItsDeadline() throws InterruptedException {
		Running first = start(LONG_WRAP_UP);
		first.machine().login(AGENT);
		first.machine().ready();
		first.machine().callStarted("call-1");
		AgentStatus wrap = first.machine().callEnded("call-1");
		stop(first);

		clock.advance(Duration.ofMinutes(10));
		Running second = start(LONG_WRAP_UP);

		assertEquals(wrap, second.machine().current(), "same deadline, call and start");
		assertEquals(List.of(), second.events().events());
		assertEquals(AgentState.READY, second.machine().finishWrapUp().state());
	}

	/**
	 * A real executor whose timers fire at once, before {@code schedule} returns: the worst case of a restored
	 * wrap-up whose time is nearly up when the workstation starts. Plain tasks ({@code execute}, which schedules
	 * with no delay) run as usual. Only for a machine that is just being constructed (a synchronized method
	 * calling {@code schedule} would wait for itself).
	 */
	private static final class ImpatientExecutor extends ScheduledThreadPoolExecutor {
		ImpatientExecutor() {
			super(1);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
			if (delay <= 0) {
				return super.schedule(command, delay, unit);
			}
			ScheduledFuture<?> f = super.schedule(command, 0, unit);
			try {
				f.get(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			} catch (ExecutionException e) {
				// like any timer task's failure, it stays in the future and nobody sees it
			} catch (InterruptedException | TimeoutException e) {
				throw new AssertionError("the timer task did not run", e);
			}
			return f;
		}
	}

	@Test
	void aRestoredWrapUpEndsEvenIfItsTimerFiresAtOnce() throws InterruptedException {
		for (boolean fromCall : new boolean[] { false, true }) {
			Path folder = dir.resolve(fromCall ? "on-call" : "wrap-up");
			Running first = start(folder, LONG_WRAP_UP);
			first.machine().login(AGENT);
			first.machine().ready();
			first.machine().callStarted("call-1");
			if (!fromCall) {
				first.machine().callEnded("call-1");
			}
			stop(first);

			ImpatientExecutor executor = new ImpatientExecutor();
			RecordingObserver events = new RecordingObserver();
			AgentStateMachine second = new AgentStateMachine(clock, new StateStore(folder, ZONE), executor,
					LONG_WRAP_UP, REASONS, events);
			running.add(new Running(second, executor, events));

			Poll.until("READY after the restored wrap-up (saved " + (fromCall ? "ON_CALL" : "WRAP_UP") + ")",
					() -> second.current().state() == AgentState.READY);
			assertEquals(StateChangeCause.WRAP_UP_TIMER, events.await(fromCall ? 2 : 1).get(fromCall ? 1 : 0).cause());
		}
	}

	@Test
	void aDamagedStateFileMeansLoggedOut() throws IOException, InterruptedException {
		Running first = start(LONG_WRAP_UP);
		first.machine().login(AGENT);
		first.machine().ready();
		stop(first);
		String good = Files.readString(dir.resolve(STATE_FILE), StandardCharsets.UTF_8).strip();

		List<String> damaged = List.of("", "\n", "garbage", "state=READY", good.substring(0, good.indexOf("since=") + 8),
				good.replace("state=READY", "state=DANCING"), good.replace("state=READY", "state=NOT_READY"),
				"state=READY&since=not-a-number&agentId=a-17", "state=READY&since=1&agentId=%E",
				new String(new byte[] { 0, (byte) 0xff, 0x41 }, StandardCharsets.ISO_8859_1));
		for (String content : damaged) {
			Path folder = Files.createDirectories(dir.resolve("damaged-" + damaged.indexOf(content)));
			Files.writeString(folder.resolve(STATE_FILE), content, StandardCharsets.UTF_8);
			Running r = start(folder, LONG_WRAP_UP);
			assertEquals(AgentState.LOGGED_OUT, r.machine().current().state(), "state file '" + content + "'");
			assertEquals(AgentState.NOT_READY, r.machine().login(AGENT).state(), "the machine works on");
		}
	}

	@Test
	void damagedHistoryLinesAreSkipped() throws IOException, InterruptedException {
		Running first = start(LONG_WRAP_UP);
		first.machine().login(AGENT);
		first.machine().ready();
		first.machine().notReady(BREAK);
		first.machine().ready();
		stop(first);
		List<AgentStateEvent> events = first.events().events();
		Path history = dir.resolve("agent-history-2026-03-10.log");
		List<String> lines = Files.readAllLines(history, StandardCharsets.UTF_8);
		assertEquals(4, lines.size());

		// a line damaged in the middle of the file, and a last line cut short as by a crash while appending
		List<String> damaged = new ArrayList<>(lines);
		damaged.set(1, lines.get(1).replace("cause=AGENT", "cause=GREMLINS"));
		String last = lines.get(3);
		damaged.set(3, last.substring(0, last.length() - "&end=1".length() + 2));
		Files.writeString(history, String.join("\n", damaged), StandardCharsets.UTF_8);

		Running second = start(LONG_WRAP_UP);
		assertEquals(List.of(events.get(0), events.get(2)), second.machine().today());
		assertEquals(events.get(3).current(), second.machine().current(), "the state file is separate");
	}

	// ---------------------------------------------------------------- midnight

	@Test
	void todayForgetsYesterdayAfterMidnight() throws IOException, InterruptedException {
		clock.set(ZonedDateTime.of(2026, 3, 10, 23, 59, 0, 0, ZONE).toInstant());
		Running r = start(LONG_WRAP_UP);
		r.machine().login(AGENT);
		r.machine().ready();
		assertEquals(2, r.machine().today().size());

		clock.set(ZonedDateTime.of(2026, 3, 11, 0, 0, 30, 0, ZONE).toInstant());
		assertEquals(List.of(), r.machine().today(), "a new day starts empty");

		AgentStatus onBreak = r.machine().notReady(BREAK);
		List<AgentStateEvent> today = r.machine().today();
		assertEquals(1, today.size());
		assertEquals(onBreak, today.get(0).current());

		r.events().await(3);
		stop(r);
		assertEquals(2, Files.readAllLines(dir.resolve("agent-history-2026-03-10.log")).size());
		assertEquals(1, Files.readAllLines(dir.resolve("agent-history-2026-03-11.log")).size());

		Running restarted = start(LONG_WRAP_UP);
		assertEquals(today, restarted.machine().today(), "a restart reads only today's history");
	}
}
