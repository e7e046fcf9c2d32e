package org.webcallcenter.agent.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.webcallcenter.agent.api.AgentAction;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateEvent;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.agent.api.AgentStatus;
import org.webcallcenter.agent.api.IllegalTransitionException;
import org.webcallcenter.agent.api.ReasonCode;
import org.webcallcenter.agent.api.StateChangeCause;

/**
 * The state machine behind {@link AgentStateService}, free of OSGi so that it can be tested with any clock.
 * <p>
 * State is guarded by {@code this}. Saving, history and observers run on {@code executor} (one thread), in the
 * order of the changes, so that callers (often the UI thread) never wait for a disk.
 */
public final class AgentStateMachine implements AgentStateService {
	private static final ILog LOG = ILog.of(AgentStateMachine.class);

	private final Clock clock;
	private final StateStore store;
	private final ScheduledExecutorService executor;
	private final Duration wrapUp;
	private final List<ReasonCode> reasons;
	private final Consumer<AgentStateEvent> observer;
	private final List<AgentStateEvent> today = new ArrayList<>();

	private AgentStatus status;
	private LocalDate todayDate;
	/** Calls in progress; the agent leaves ON_CALL when the last one ends. */
	private final Set<String> calls = new LinkedHashSet<>();
	/** Where wrap-up returns to: the not-ready reason the agent had before the call, or empty for READY. */
	private Optional<ReasonCode> returnReason = Optional.empty();
	private ScheduledFuture<?> wrapUpTimer;

	public AgentStateMachine(Clock clock, StateStore store, ScheduledExecutorService executor, Duration wrapUp,
			List<ReasonCode> reasons, Consumer<AgentStateEvent> observer) {
		if (wrapUp.isNegative() || wrapUp.isZero()) {
			throw new IllegalArgumentException("Wrap-up must last longer than zero");
		}
		this.clock = clock;
		this.store = store;
		this.executor = executor;
		this.wrapUp = wrapUp;
		this.reasons = List.copyOf(reasons);
		this.observer = observer;
		this.todayDate = LocalDate.now(clock);
		this.today.addAll(store.history(todayDate));
		this.status = restore(store.load().orElse(AgentStatus.loggedOut(clock.instant())));
		// only now: the timer may fire at once and must find the restored status
		if (status.state() == AgentState.WRAP_UP) {
			scheduleWrapUpEnd(status.wrapUpEndsAt().get());
		}
	}

	/**
	 * A restart keeps the agent's state, except that no call survives it: a saved ON_CALL becomes WRAP_UP for that
	 * call, and a wrap-up whose time ran out while the workstation was down ends as it would have: READY, or
	 * NOT_READY with the reason the agent had before the call (saved with the state).
	 */
	private AgentStatus restore(AgentStatus saved) {
		Instant now = clock.instant();
		if (saved.state() == AgentState.ON_CALL || saved.state() == AgentState.WRAP_UP) {
			returnReason = store.loadReturnReason();
		}
		AgentStatus restored = switch (saved.state()) {
		case ON_CALL -> new AgentStatus(AgentState.WRAP_UP, Optional.empty(), now, Optional.of(now.plus(wrapUp)),
				saved.callId(), saved.agent());
		case WRAP_UP -> saved.wrapUpEndsAt().get().isAfter(now) ? saved : afterWrapUp(saved.agent());
		default -> saved;
		};
		if (restored != saved) {
			record(new AgentStateEvent(saved, restored, StateChangeCause.RESTORED));
		}
		return restored;
	}

	@Override
	public synchronized AgentStatus current() {
		return status;
	}

	@Override
	public synchronized AgentStatus login(AgentIdentity agent) {
		require(AgentAction.LOG_IN);
		return change(notReady(ReasonCode.LOGIN, Optional.of(agent)), StateChangeCause.AGENT);
	}

	@Override
	public synchronized AgentStatus logout() {
		require(AgentAction.LOG_OUT);
		return change(AgentStatus.loggedOut(clock.instant()), StateChangeCause.AGENT);
	}

	@Override
	public synchronized AgentStatus ready() {
		if (status.state() == AgentState.READY) {
			return status;
		}
		require(AgentAction.READY);
		return change(ready(status.agent()), StateChangeCause.AGENT);
	}

	@Override
	public synchronized AgentStatus notReady(ReasonCode reason) {
		require(AgentAction.NOT_READY);
		if (status.reason().equals(Optional.of(reason))) {
			return status;
		}
		return change(notReady(reason, status.agent()), StateChangeCause.AGENT);
	}

	@Override
	public synchronized AgentStatus callStarted(String callId) {
		if (status.state() == AgentState.LOGGED_OUT || !calls.add(callId)) {
			return status; // calls while logged out (internal calls) and repeated reports do not change the state
		}
		if (status.state() == AgentState.ON_CALL) {
			return status; // a second line (call waiting) keeps the agent on call
		}
		if (status.state() == AgentState.NOT_READY) {
			returnReason = status.reason();
		} else if (status.state() == AgentState.READY) {
			returnReason = Optional.empty();
		}
		return change(new AgentStatus(AgentState.ON_CALL, Optional.empty(), clock.instant(), Optional.empty(),
				Optional.of(callId), status.agent()), StateChangeCause.CALL);
	}

	@Override
	public synchronized AgentStatus callEnded(String callId) {
		if (!calls.remove(callId) || status.state() != AgentState.ON_CALL) {
			return status;
		}
		if (!calls.isEmpty()) {
			String other = calls.iterator().next();
			return change(new AgentStatus(AgentState.ON_CALL, Optional.empty(), status.since(), Optional.empty(),
					Optional.of(other), status.agent()), StateChangeCause.CALL);
		}
		Instant now = clock.instant();
		AgentStatus wrap = new AgentStatus(AgentState.WRAP_UP, Optional.empty(), now, Optional.of(now.plus(wrapUp)),
				Optional.of(callId), status.agent());
		AgentStatus result = change(wrap, StateChangeCause.CALL);
		scheduleWrapUpEnd(wrap.wrapUpEndsAt().get());
		return result;
	}

	@Override
	public synchronized AgentStatus finishWrapUp() {
		require(AgentAction.FINISH_WRAP_UP);
		return change(afterWrapUp(), StateChangeCause.AGENT);
	}

	@Override
	public synchronized AgentStatus extendWrapUp(Duration more) {
		require(AgentAction.EXTEND_WRAP_UP);
		if (more.isNegative() || more.isZero()) {
			throw new IllegalArgumentException("Wrap-up can only be extended by a positive time");
		}
		Instant end = status.wrapUpEndsAt().get().plus(more);
		AgentStatus extended = new AgentStatus(AgentState.WRAP_UP, Optional.empty(), status.since(), Optional.of(end),
				status.callId(), status.agent());
		AgentStatus result = change(extended, StateChangeCause.AGENT);
		scheduleWrapUpEnd(end);
		return result;
	}

	@Override
	public List<ReasonCode> reasonCodes() {
		return reasons;
	}

	@Override
	public Duration wrapUpDuration() {
		return wrapUp;
	}

	@Override
	public synchronized List<AgentStateEvent> today() {
		rollDay();
		return List.copyOf(today);
	}

	/** Cancels the wrap-up timer; the state stays saved for the next start. */
	public synchronized void close() {
		if (wrapUpTimer != null) {
			wrapUpTimer.cancel(false);
		}
	}

	private synchronized void wrapUpTimerFired(Instant deadline) {
		if (status.state() == AgentState.WRAP_UP && status.wrapUpEndsAt().get().equals(deadline)) {
			change(afterWrapUp(), StateChangeCause.WRAP_UP_TIMER);
		}
	}

	private void scheduleWrapUpEnd(Instant deadline) {
		if (wrapUpTimer != null) {
			wrapUpTimer.cancel(false);
		}
		long delay = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
		wrapUpTimer = executor.schedule(() -> wrapUpTimerFired(deadline), delay, TimeUnit.MILLISECONDS);
	}

	private AgentStatus afterWrapUp() {
		return afterWrapUp(status.agent());
	}

	private AgentStatus afterWrapUp(Optional<AgentIdentity> agent) {
		AgentStatus next = returnReason.map(r -> notReady(r, agent)).orElseGet(() -> ready(agent));
		returnReason = Optional.empty();
		return next;
	}

	private AgentStatus ready(Optional<AgentIdentity> agent) {
		return new AgentStatus(AgentState.READY, Optional.empty(), clock.instant(), Optional.empty(), Optional.empty(),
				agent);
	}

	private AgentStatus notReady(ReasonCode reason, Optional<AgentIdentity> agent) {
		return new AgentStatus(AgentState.NOT_READY, Optional.of(reason), clock.instant(), Optional.empty(),
				Optional.empty(), agent);
	}

	private void require(AgentAction action) {
		if (!action.allowedIn(status.state())) {
			throw new IllegalTransitionException(status.state(), action);
		}
	}

	private AgentStatus change(AgentStatus next, StateChangeCause cause) {
		AgentStateEvent event = new AgentStateEvent(status, next, cause);
		status = next;
		if (next.state() != AgentState.WRAP_UP && wrapUpTimer != null) {
			wrapUpTimer.cancel(false);
			wrapUpTimer = null;
		}
		if (next.state() == AgentState.LOGGED_OUT) {
			calls.clear();
			returnReason = Optional.empty();
		}
		record(event);
		return next;
	}

	private void record(AgentStateEvent event) {
		rollDay();
		today.add(event);
		AgentStatus snapshot = event.current();
		Optional<ReasonCode> returnTo = returnReason;
		executor.execute(() -> {
			try {
				store.save(snapshot, returnTo);
				store.append(event);
			} catch (RuntimeException e) {
				LOG.error("The agent state could not be saved; it will be lost at the next restart", e);
			}
			try {
				observer.accept(event);
			} catch (RuntimeException e) {
				LOG.error("An agent state observer failed", e);
			}
		});
	}

	private void rollDay() {
		LocalDate now = LocalDate.now(clock);
		if (!now.equals(todayDate)) {
			todayDate = now;
			today.clear();
		}
	}
}
