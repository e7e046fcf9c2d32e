package org.webcallcenter.agent.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an agent can ask of the {@link AgentStateService}, and in which states the request changes something.
 * The state machine refuses an action outside its states; the toolbar and menus enable their buttons from the same
 * rule, so the two never disagree.
 */
public enum AgentAction {
	LOG_IN("log in", AgentState.LOGGED_OUT),
	LOG_OUT("log out", AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP),
	/** Asking for READY while READY is accepted and changes nothing, so READY is not among its states. */
	READY("become ready", AgentState.NOT_READY, AgentState.WRAP_UP),
	NOT_READY("become not ready", AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP),
	FINISH_WRAP_UP("finish wrap-up", AgentState.WRAP_UP),
	EXTEND_WRAP_UP("extend wrap-up", AgentState.WRAP_UP);

	private final String description;
	private final Set<AgentState> states;

	AgentAction(String description, AgentState first, AgentState... rest) {
		this.description = description;
		this.states = EnumSet.of(first, rest);
	}

	/** @return the action in words, as in "Cannot <description> while On call" */
	public String description() {
		return description;
	}

	/** @return whether the action changes the agent's state when asked in {@code state} */
	public boolean allowedIn(AgentState state) {
		return states.contains(state);
	}
}
