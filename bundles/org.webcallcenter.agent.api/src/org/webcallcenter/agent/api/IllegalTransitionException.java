package org.webcallcenter.agent.api;

/** Thrown when the agent asks for a state change the state machine does not allow from the current state. */
public class IllegalTransitionException extends IllegalStateException {
	private static final long serialVersionUID = 1L;
	private final AgentState from;
	private final String action;

	public IllegalTransitionException(AgentState from, String action) {
		super("Cannot " + action + " while " + from.label());
		this.from = from;
		this.action = action;
	}

	public IllegalTransitionException(AgentState from, AgentAction action) {
		this(from, action.description());
	}

	public AgentState from() {
		return from;
	}

	public String action() {
		return action;
	}
}
