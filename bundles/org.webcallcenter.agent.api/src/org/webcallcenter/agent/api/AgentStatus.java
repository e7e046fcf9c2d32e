package org.webcallcenter.agent.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of the agent's state.
 *
 * @param state        the state
 * @param reason       the reason code; present exactly when the state is {@link AgentState#NOT_READY}
 * @param since        when the state was entered
 * @param wrapUpEndsAt when wrap-up ends by itself; present exactly when the state is {@link AgentState#WRAP_UP}
 * @param callId       the call being handled or wrapped up, if any
 * @param agent        who is signed in; absent when {@link AgentState#LOGGED_OUT}
 */
public record AgentStatus(AgentState state, Optional<ReasonCode> reason, Instant since, Optional<Instant> wrapUpEndsAt,
		Optional<String> callId, Optional<AgentIdentity> agent) {

	public AgentStatus {
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(since, "since");
		reason = reason == null ? Optional.empty() : reason;
		wrapUpEndsAt = wrapUpEndsAt == null ? Optional.empty() : wrapUpEndsAt;
		callId = callId == null ? Optional.empty() : callId;
		agent = agent == null ? Optional.empty() : agent;
		if ((state == AgentState.NOT_READY) != reason.isPresent()) {
			throw new IllegalArgumentException("A reason code is given exactly in state NOT_READY, not in " + state);
		}
		if ((state == AgentState.WRAP_UP) != wrapUpEndsAt.isPresent()) {
			throw new IllegalArgumentException("A wrap-up deadline is given exactly in state WRAP_UP, not in " + state);
		}
		if ((state == AgentState.LOGGED_OUT) == agent.isPresent()) {
			throw new IllegalArgumentException("An agent is signed in in every state but LOGGED_OUT");
		}
	}

	/** @return the initial status of a workstation nobody has used yet */
	public static AgentStatus loggedOut(Instant since) {
		return new AgentStatus(AgentState.LOGGED_OUT, Optional.empty(), since, Optional.empty(), Optional.empty(),
				Optional.empty());
	}

	/** @return a short text for status bars and logs, for example {@code Not ready (Break)} */
	public String describe() {
		return reason.map(r -> state.label() + " (" + r.label() + ")").orElse(state.label());
	}
}
