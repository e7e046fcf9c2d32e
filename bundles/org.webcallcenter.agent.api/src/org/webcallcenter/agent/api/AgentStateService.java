package org.webcallcenter.agent.api;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent state machine. Thread-safe; every method returns quickly and never blocks on I/O.
 *
 * <pre>
 * LOGGED_OUT --login--> NOT_READY(LOGIN) --ready--> READY --callStarted--> ON_CALL --callEnded--> WRAP_UP
 * READY/NOT_READY/WRAP_UP --notReady(reason)--> NOT_READY        WRAP_UP --timer or finishWrapUp--> (state before)
 * any but ON_CALL --logout--> LOGGED_OUT                          NOT_READY/WRAP_UP --callStarted--> ON_CALL
 * </pre>
 *
 * A call may also start from NOT_READY or WRAP_UP (an internal or outbound call the agent places); wrap-up then
 * returns the agent to NOT_READY with the reason they had, so a break is never turned into READY. The state is
 * saved on every change and restored at the next start; a call cannot survive a restart, so a saved ON_CALL comes
 * back as WRAP_UP for that call.
 */
@ProviderType
public interface AgentStateService {

	/** @return the current status */
	AgentStatus current();

	/** Signs the agent in; the agent starts NOT_READY with {@link ReasonCode#LOGIN}. */
	AgentStatus login(AgentIdentity agent);

	/** Signs the agent out. Refused while on a call. */
	AgentStatus logout();

	/** The agent is available for calls. Refused when logged out or on a call. */
	AgentStatus ready();

	/** The agent is unavailable for the given reason. Refused when logged out or on a call. */
	AgentStatus notReady(ReasonCode reason);

	/** A call was answered or placed (reported by the softphone). */
	AgentStatus callStarted(String callId);

	/** The call ended; wrap-up starts and ends by itself after {@link #wrapUpDuration()}. */
	AgentStatus callEnded(String callId);

	/** Ends wrap-up early: READY, or NOT_READY with the reason the agent had before the call. */
	AgentStatus finishWrapUp();

	/** Adds time to the running wrap-up. */
	AgentStatus extendWrapUp(Duration more);

	/** @return the reason codes the agent may choose from, in display order */
	List<ReasonCode> reasonCodes();

	/** @return how long wrap-up lasts after each call */
	Duration wrapUpDuration();

	/** @return today's state changes, oldest first (local calendar day of this workstation) */
	List<AgentStateEvent> today();
}
