package org.webcallcenter.agent.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard listener: register an implementation as an OSGi service to be told of every state change.
 * Called on a background thread, in order, one event at a time; never on the UI thread.
 */
@ConsumerType
@FunctionalInterface
public interface AgentStateListener {
	void stateChanged(AgentStateEvent event);
}
