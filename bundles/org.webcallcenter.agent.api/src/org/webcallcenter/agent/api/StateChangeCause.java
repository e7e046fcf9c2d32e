package org.webcallcenter.agent.api;

/** Why a state change happened, so observers can tell the agent's own actions from automatic ones. */
public enum StateChangeCause {
	/** The agent asked for it (toolbar, menu, key). */
	AGENT,
	/** A call started or ended (the softphone reported it). */
	CALL,
	/** The wrap-up timer ran out. */
	WRAP_UP_TIMER,
	/** The workstation restored the state saved before the last exit. */
	RESTORED,
	/** A supervisor or the hub changed it remotely. */
	REMOTE
}
