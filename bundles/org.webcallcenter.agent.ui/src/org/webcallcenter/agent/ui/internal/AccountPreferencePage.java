package org.webcallcenter.agent.ui.internal;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.preference.IPreferencePage;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.AccountStore.AccountStoreException;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.app.ui.PreferencePageProvider;

/** The SIP account, read from and written to secure storage (never to plain preferences). */
public class AccountPreferencePage extends PreferencePage {
	public static final String ID = "org.webcallcenter.agent.ui.prefs.account";
	private final AccountStore store;
	private SipAccountForm form;
	private boolean hasPassword;
	private boolean loaded;

	public AccountPreferencePage(AccountStore store) {
		this.store = store;
	}

	@Component(service = PreferencePageProvider.class)
	public static class Provider implements PreferencePageProvider {
		@Reference
		AccountStore store;

		@Override
		public String id() {
			return ID;
		}

		@Override
		public String label() {
			return "Account";
		}

		@Override
		public int order() {
			return 100;
		}

		@Override
		public IPreferencePage createPage() {
			return new AccountPreferencePage(store);
		}
	}

	@Override
	protected Control createContents(Composite parent) {
		Composite c = new Composite(parent, SWT.NONE);
		c.setLayout(new GridLayout(2, false));
		form = new SipAccountForm(c);
		form.setEnabled(false);
		setValid(false);
		setMessage("Reading the stored account...");
		noDefaultButton();
		// secure storage derives its key and reads a file: not on the UI thread
		Job.create("Reading the SIP account", monitor -> {
			SipAccount account = null;
			boolean stored = false;
			String problem = null;
			try {
				account = store.account().orElse(null);
				stored = store.hasPassword();
			} catch (AccountStoreException e) {
				problem = e.getMessage();
			}
			SipAccount a = account;
			boolean p = stored;
			String error = problem;
			c.getDisplay().asyncExec(() -> loaded(c, a, p, error));
			return Status.OK_STATUS;
		}).schedule();
		return c;
	}

	private void loaded(Composite c, SipAccount account, boolean stored, String error) {
		if (c.isDisposed()) {
			return;
		}
		hasPassword = stored;
		setMessage(null);
		form.show(account, hasPassword);
		form.setEnabled(true);
		form.onChange(this::validate);
		loaded = true;
		validate();
		if (error != null) {
			setErrorMessage(error);
		}
	}

	private void validate() {
		String problem = null;
		try {
			form.account();
			if (form.registrarMode.getSelection() && form.newPassword() == null && !hasPassword) {
				problem = "Enter the SIP password";
			}
		} catch (IllegalArgumentException e) {
			problem = e.getMessage();
		}
		setErrorMessage(problem);
		setValid(problem == null);
	}

	@Override
	public boolean performOk() {
		if (!loaded) {
			return true; // closed before the account was read: nothing was edited
		}
		try {
			store.saveAccount(form.account(), form.newPassword());
			return true;
		} catch (AccountStoreException | IllegalArgumentException e) {
			setErrorMessage(e.getMessage());
			return false;
		}
	}
}
