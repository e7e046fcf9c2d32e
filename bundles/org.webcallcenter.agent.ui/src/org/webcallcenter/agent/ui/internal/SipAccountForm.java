package org.webcallcenter.agent.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.webcallcenter.agent.api.SipAccount;

/** The SIP account fields, shared by the login dialog and the Account preference page. */
final class SipAccountForm {
	static final String TEST_ID = "org.webcallcenter.testId";

	final Button registrarMode;
	final Button directMode;
	final Text registrar;
	final Text user;
	final Text authUser;
	final Text password;
	private final Label passwordHint;
	private final Group group;
	private Runnable onChange = () -> {
	};

	SipAccountForm(Composite parent) {
		Group g = new Group(parent, SWT.NONE);
		group = g;
		g.setText("SIP account (stored encrypted in secure storage)");
		g.setLayout(new GridLayout(2, false));
		g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
		registrarMode = new Button(g, SWT.RADIO);
		registrarMode.setText("Through the registrar (branch gateway or head office)");
		registrarMode.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		registrarMode.setData(TEST_ID, "sip.mode.registrar");
		directMode = new Button(g, SWT.RADIO);
		directMode.setText("Direct, no registrar (calls to sip:user@ip:port)");
		directMode.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		directMode.setData(TEST_ID, "sip.mode.direct");
		registrar = field(g, "Registrar (host:port):", "sip.registrar", SWT.BORDER);
		user = field(g, "SIP user:", "sip.user", SWT.BORDER);
		authUser = field(g, "Authentication user:", "sip.authUser", SWT.BORDER);
		authUser.setMessage("same as SIP user");
		password = field(g, "Password:", "sip.password", SWT.BORDER | SWT.PASSWORD);
		passwordHint = new Label(g, SWT.WRAP);
		passwordHint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
		registrarMode.setSelection(true);
		registrarMode.addListener(SWT.Selection, e -> changed());
		directMode.addListener(SWT.Selection, e -> changed());
	}

	private Text field(Composite g, String label, String testId, int style) {
		new Label(g, SWT.NONE).setText(label);
		Text t = new Text(g, style);
		t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		t.setData(TEST_ID, testId);
		t.addModifyListener(e -> changed());
		return t;
	}

	/** Enables or disables every field (the registrar field follows the mode when enabled). */
	void setEnabled(boolean enabled) {
		for (org.eclipse.swt.widgets.Control child : group.getChildren()) {
			child.setEnabled(enabled);
		}
		if (enabled) {
			changed();
		}
	}

	void onChange(Runnable r) {
		onChange = r;
	}

	void show(SipAccount account, boolean hasPassword) {
		if (account != null) {
			registrarMode.setSelection(account.mode() == SipAccount.Mode.REGISTRAR);
			directMode.setSelection(account.mode() == SipAccount.Mode.DIRECT);
			registrar.setText(account.registrar());
			user.setText(account.user());
			authUser.setText(account.authUser());
		}
		passwordHint.setText(hasPassword ? "A password is stored; leave the field empty to keep it." : "");
		changed();
	}

	private void changed() {
		registrar.setEnabled(registrarMode.getSelection());
		onChange.run();
	}

	/** @throws IllegalArgumentException with a message for the agent when a field is wrong */
	SipAccount account() {
		return new SipAccount(registrarMode.getSelection() ? SipAccount.Mode.REGISTRAR : SipAccount.Mode.DIRECT,
				registrarMode.getSelection() ? registrar.getText() : "", user.getText(), authUser.getText());
	}

	/** @return the typed password, or null to keep the stored one */
	char[] newPassword() {
		String p = password.getText();
		return p.isEmpty() ? null : p.toCharArray();
	}
}
