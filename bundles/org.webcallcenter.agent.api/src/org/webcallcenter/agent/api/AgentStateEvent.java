package org.webcallcenter.agent.api;

import java.util.Objects;

/**
 * One state change.
 *
 * @param previous the status before
 * @param current  the status after
 * @param cause    why it changed
 */
public record AgentStateEvent(AgentStatus previous, AgentStatus current, StateChangeCause cause) {
	public AgentStateEvent {
		Objects.requireNonNull(previous, "previous");
		Objects.requireNonNull(current, "current");
		Objects.requireNonNull(cause, "cause");
	}
}
