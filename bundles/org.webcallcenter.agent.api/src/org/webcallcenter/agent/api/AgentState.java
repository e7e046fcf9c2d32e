package org.webcallcenter.agent.api;

/**
 * The states an agent can be in. The call center offers calls only to {@link #READY} agents.
 */
public enum AgentState {
	/** Not signed in at this workstation. */
	LOGGED_OUT("Logged out"),
	/** Available: the next call may be offered. */
	READY("Ready"),
	/** Signed in but unavailable, always with a {@link ReasonCode}. */
	NOT_READY("Not ready"),
	/** After-call work; ends when the wrap-up timer runs out or the agent finishes it. */
	WRAP_UP("Wrap-up"),
	/** Talking to a caller. */
	ON_CALL("On call");

	private final String label;

	AgentState(String label) {
		this.label = label;
	}

	/** @return the label shown to the agent */
	public String label() {
		return label;
	}
}
