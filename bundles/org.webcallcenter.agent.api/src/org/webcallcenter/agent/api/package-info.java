/**
 * The agent's identity, state machine and SIP account as seen by every other plugin.
 * <p>
 * No Eclipse UI here: interfaces, records and event topics only. The implementation lives in
 * {@code org.webcallcenter.agent.core}; observers either subscribe to the {@link AgentEvents} topics through
 * OSGi EventAdmin (e4's IEventBroker) or register an {@link AgentStateListener} service.
 */
package org.webcallcenter.agent.api;
