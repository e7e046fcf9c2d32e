package org.webcallcenter.agent.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateService;

/** Handlers of the Agent menu's commands. */
public final class Handlers {
	private Handlers() {
	}

	private static boolean in(AgentStateService s, AgentState... states) {
		if (s == null) {
			return false;
		}
		AgentState current = s.current().state();
		for (AgentState a : states) {
			if (a == current) {
				return true;
			}
		}
		return false;
	}

	private static void run(Shell shell, Runnable r) {
		try {
			r.run();
		} catch (IllegalStateException | IllegalArgumentException e) {
			MessageDialog.openWarning(shell, "Agent state", e.getMessage());
		}
	}

	public static class Login {
		@CanExecute
		boolean can(@Service AgentStateService state) {
			return in(state, AgentState.LOGGED_OUT);
		}

		@Execute
		void execute(Shell shell, @Service AgentStateService state, @Service AccountStore accounts, UISynchronize sync) {
			LoginFlow.start(shell, accounts, state, sync);
		}
	}

	public static class Logout {
		@CanExecute
		boolean can(@Service AgentStateService state) {
			return in(state, AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP);
		}

		@Execute
		void execute(Shell shell, @Service AgentStateService state) {
			run(shell, state::logout);
		}
	}

	public static class Ready {
		@CanExecute
		boolean can(@Service AgentStateService state) {
			return in(state, AgentState.NOT_READY, AgentState.WRAP_UP);
		}

		@Execute
		void execute(Shell shell, @Service AgentStateService state) {
			run(shell, state::ready);
		}
	}

	public static class NotReady {
		@CanExecute
		boolean can(@Service AgentStateService state) {
			return in(state, AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP);
		}

		@Execute
		void execute(Shell shell, @Service AgentStateService state) {
			ReasonDialog dialog = new ReasonDialog(shell, state.reasonCodes());
			if (dialog.open() == Window.OK && dialog.reason() != null) {
				run(shell, () -> state.notReady(dialog.reason()));
			}
		}
	}

	public static class FinishWrapUp {
		@CanExecute
		boolean can(@Service AgentStateService state) {
			return in(state, AgentState.WRAP_UP);
		}

		@Execute
		void execute(Shell shell, @Service AgentStateService state) {
			run(shell, state::finishWrapUp);
		}
	}
}
