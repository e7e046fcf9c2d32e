package org.webcallcenter.agent.ui.internal;

import java.util.function.Consumer;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.AgentAction;
import org.webcallcenter.agent.api.AgentStateService;

/** Handlers of the Agent menu's commands. */
public final class Handlers {
	private Handlers() {
	}

	private static boolean allowed(AgentStateService s, AgentAction action) {
		return s != null && action.allowedIn(s.current().state());
	}

	private static void run(Shell shell, Runnable r) {
		try {
			r.run();
		} catch (IllegalStateException | IllegalArgumentException e) {
			MessageDialog.openWarning(shell, "Agent state", e.getMessage());
		}
	}

	/** A command that asks the state machine for one action; enabled exactly where the action is allowed. */
	abstract static class StateAction {
		private final AgentAction action;
		private final Consumer<AgentStateService> change;

		StateAction(AgentAction action, Consumer<AgentStateService> change) {
			this.action = action;
			this.change = change;
		}

		@CanExecute
		boolean can(@Service AgentStateService state) {
			return allowed(state, action);
		}

		@Execute
		void execute(Shell shell, @Service AgentStateService state) {
			run(shell, () -> change.accept(state));
		}
	}

	public static class Login {
		@CanExecute
		boolean can(@Service AgentStateService state) {
			return allowed(state, AgentAction.LOG_IN);
		}

		@Execute
		void execute(Shell shell, @Service AgentStateService state, @Service AccountStore accounts, UISynchronize sync) {
			LoginFlow.start(shell, accounts, state, sync);
		}
	}

	public static class Logout extends StateAction {
		public Logout() {
			super(AgentAction.LOG_OUT, AgentStateService::logout);
		}
	}

	public static class Ready extends StateAction {
		public Ready() {
			super(AgentAction.READY, AgentStateService::ready);
		}
	}

	public static class NotReady {
		@CanExecute
		boolean can(@Service AgentStateService state) {
			return allowed(state, AgentAction.NOT_READY);
		}

		@Execute
		void execute(Shell shell, @Service AgentStateService state) {
			ReasonDialog dialog = new ReasonDialog(shell, state.reasonCodes());
			if (dialog.open() == Window.OK && dialog.reason() != null) {
				run(shell, () -> state.notReady(dialog.reason()));
			}
		}
	}

	public static class FinishWrapUp extends StateAction {
		public FinishWrapUp() {
			super(AgentAction.FINISH_WRAP_UP, AgentStateService::finishWrapUp);
		}
	}
}
