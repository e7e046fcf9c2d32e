package org.webcallcenter.agent.ui.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.webcallcenter.agent.api.AgentEvents;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.agent.api.AgentStatus;
import org.webcallcenter.app.api.StatusBarService;

/**
 * Shows who is logged in and the agent's state in the status bar. Observes the state through EventAdmin rather
 * than as an AgentStateListener service: it also references the state service, and a listener service would make
 * a reference cycle.
 */
@Component(immediate = true, property = EventConstants.EVENT_TOPIC + "=" + AgentEvents.STATE_CHANGED)
public class AgentStatusEntry implements EventHandler {
	public static final String ID = "org.webcallcenter.agent.status";

	@Reference
	StatusBarService statusBar;
	@Reference
	AgentStateService state;

	private StatusBarService.Entry entry;

	@Activate
	void activate() {
		entry = statusBar.entry(ID, 50);
		show(state.current());
	}

	@Deactivate
	void deactivate() {
		entry.remove();
	}

	@Override
	public void handleEvent(Event event) {
		show(state.current());
	}

	private void show(AgentStatus s) {
		String text = s.agent().map(a -> "Agent " + a.label() + ": " + s.describe())
				.orElse("Not logged in");
		entry.update(text, s.agent().isPresent() ? StatusBarService.Severity.OK : StatusBarService.Severity.INFO,
				"Who is logged in at this workstation, and the agent's state");
	}
}
