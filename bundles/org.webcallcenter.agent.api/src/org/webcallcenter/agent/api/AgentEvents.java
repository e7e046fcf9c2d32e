package org.webcallcenter.agent.api;

/**
 * EventAdmin topics and property names posted by the agent state service. In e4 parts subscribe with
 * {@code @Inject @Optional void on(@UIEventTopic(AgentEvents.STATE_CHANGED) AgentStateEvent e)}: the event's
 * {@code org.eclipse.e4.data} property carries the {@link AgentStateEvent}.
 */
public final class AgentEvents {
	/** Base of all agent topics. */
	public static final String TOPIC_BASE = "org/webcallcenter/agent/";
	/** Posted after every state change. */
	public static final String STATE_CHANGED = TOPIC_BASE + "STATE_CHANGED";
	/**
	 * Posted after the SIP account was saved or removed, so that the softphone re-reads it (the event carries no
	 * account data: read it from {@link AccountStore} off the UI thread).
	 */
	public static final String ACCOUNT_CHANGED = TOPIC_BASE + "ACCOUNT_CHANGED";
	/** Property holding the {@link AgentStateEvent} (the name e4's IEventBroker uses for its data). */
	public static final String PROPERTY_DATA = "org.eclipse.e4.data";
	/** Property holding the new state's name, for LDAP filters on the event handler. */
	public static final String PROPERTY_STATE = "state";

	private AgentEvents() {
	}
}
