package org.webcallcenter.agent.core.internal;

import org.eclipse.core.runtime.ILog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.webcallcenter.agent.api.AgentEvents;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SoftphoneEvents;

/**
 * Keeps the agent state in step with the softphone: a call that is answered (either way) puts the agent ON_CALL,
 * its end starts wrap-up. The state machine ignores repeats, second lines and calls while logged out, so every
 * CONNECTED and ENDED is simply passed on (a call that never connected never started, and its end is ignored).
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + SoftphoneEvents.CALL)
public class CallStateBridge implements EventHandler {
	private static final ILog LOG = ILog.of(CallStateBridge.class);

	private AgentStateService agent;

	@Reference
	void setAgentStateService(AgentStateService service) {
		agent = service;
	}

	@Override
	public void handleEvent(Event event) {
		if (!(event.getProperty(AgentEvents.PROPERTY_DATA) instanceof CallEvent e)) {
			return;
		}
		try {
			if (e.current() == CallState.CONNECTED) {
				agent.callStarted(e.call().id());
			} else if (e.current() == CallState.ENDED) {
				agent.callEnded(e.call().id());
			}
		} catch (RuntimeException ex) {
			LOG.error("Agent state could not follow call " + e.call().id() + " to " + e.current(), ex);
		}
	}
}
