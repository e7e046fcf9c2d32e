package org.webcallcenter.agent.ui.internal;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.app.api.WorkstationPreferences;

import jakarta.inject.Inject;

/**
 * Opens the login dialog once the main window is up, when nobody is logged in. The window appears first: the
 * dialog never delays it. Off with the preference {@code login.promptAtStart=false} or the system property
 * {@code webcallcenter.login.prompt=false}.
 */
public class LoginPromptAddon {
	@Inject
	@Service
	AgentStateService state;
	@Inject
	@Service
	AccountStore accounts;
	@Inject
	UISynchronize sync;

	@Inject
	@Optional
	void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, MApplication app) {
		if (!enabled() || state.current().state() != AgentState.LOGGED_OUT || app.getChildren().isEmpty()) {
			return;
		}
		MWindow window = app.getChildren().get(0);
		if (window.getWidget() instanceof Shell shell) {
			sync.asyncExec(() -> LoginFlow.start(shell, accounts, state, sync));
		}
	}

	static boolean enabled() {
		String property = System.getProperty(WorkstationPreferences.LOGIN_PROMPT_SYSTEM_PROPERTY);
		if (property != null) {
			return Boolean.parseBoolean(property);
		}
		return InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE)
				.getBoolean(WorkstationPreferences.LOGIN_PROMPT_AT_START, true);
	}
}
