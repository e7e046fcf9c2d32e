package org.webcallcenter.agent.ui.internal;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.AccountStore.AccountStoreException;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.agent.api.SipAccount;

/**
 * Log in without blocking the UI thread on secure storage: read the saved login in a job, show the dialog, sign
 * the agent in at once, and save the account in a second job.
 */
final class LoginFlow {
	private static final ILog LOG = ILog.of(LoginFlow.class);
	private static volatile boolean open;

	private LoginFlow() {
	}

	static void start(Shell shell, AccountStore store, AgentStateService state, UISynchronize sync) {
		if (open || state.current().state() != AgentState.LOGGED_OUT) {
			return;
		}
		open = true;
		Job.create("Reading the saved login", monitor -> {
			AgentIdentity identity = store.lastIdentity().orElse(null);
			SipAccount account = null;
			boolean hasPassword = false;
			try {
				account = store.account().orElse(null);
				hasPassword = store.hasPassword();
			} catch (AccountStoreException e) {
				LOG.warn("The saved SIP account cannot be read: " + e.getMessage());
			}
			SipAccount a = account;
			boolean p = hasPassword;
			sync.asyncExec(() -> showDialog(shell, store, state, sync, identity, a, p));
			return Status.OK_STATUS;
		}).schedule();
	}

	private static void showDialog(Shell shell, AccountStore store, AgentStateService state, UISynchronize sync,
			AgentIdentity identity, SipAccount account, boolean hasPassword) {
		try {
			if (shell.isDisposed() || state.current().state() != AgentState.LOGGED_OUT) {
				return;
			}
			LoginDialog dialog = new LoginDialog(shell, identity, account, hasPassword);
			if (dialog.open() != Window.OK) {
				return;
			}
			state.login(dialog.identity());
			save(shell, store, sync, dialog.identity(), dialog.account(), dialog.password());
		} finally {
			open = false;
		}
	}

	private static void save(Shell shell, AccountStore store, UISynchronize sync, AgentIdentity identity,
			SipAccount account, char[] password) {
		Job job = Job.create("Saving the login in secure storage", monitor -> {
			try {
				store.saveIdentity(identity);
				store.saveAccount(account, password);
				return Status.OK_STATUS;
			} catch (AccountStoreException e) {
				sync.asyncExec(() -> {
					if (!shell.isDisposed()) {
						MessageDialog.openError(shell, "Login not saved", e.getMessage()
								+ "\n\nYou are logged in, but the softphone cannot use the SIP account until it is saved.");
					}
				});
				return new Status(IStatus.ERROR, "org.webcallcenter.agent.ui", e.getMessage(), e);
			}
		});
		job.schedule();
	}
}
