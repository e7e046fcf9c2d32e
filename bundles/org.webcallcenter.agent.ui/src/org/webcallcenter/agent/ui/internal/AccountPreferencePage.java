package org.webcallcenter.agent.ui.internal;

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
		SipAccount account = null;
		try {
			account = store.account().orElse(null);
			hasPassword = store.hasPassword();
		} catch (AccountStoreException e) {
			setErrorMessage(e.getMessage());
		}
		form.show(account, hasPassword);
		form.onChange(this::validate);
		validate();
		noDefaultButton();
		return c;
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
		try {
			store.saveAccount(form.account(), form.newPassword());
			return true;
		} catch (AccountStoreException | IllegalArgumentException e) {
			setErrorMessage(e.getMessage());
			return false;
		}
	}
}
