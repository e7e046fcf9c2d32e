package org.webcallcenter.agent.ui.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.SipAccount;

/** Log in: who the agent is, and the SIP account the softphone uses. */
public class LoginDialog extends TitleAreaDialog {
	public static final String SHELL_ID = "org.webcallcenter.agent.ui.login";

	private final AgentIdentity lastIdentity;
	private final SipAccount lastAccount;
	private final boolean hasPassword;
	private Text agentId;
	private Text displayName;
	private Text branch;
	private Text extension;
	private SipAccountForm sip;

	private AgentIdentity identity;
	private SipAccount account;
	private char[] password;

	public LoginDialog(Shell parent, AgentIdentity lastIdentity, SipAccount lastAccount, boolean hasPassword) {
		super(parent);
		this.lastIdentity = lastIdentity;
		this.lastAccount = lastAccount;
		this.hasPassword = hasPassword;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Log in to Web Call Center");
		shell.setData(SipAccountForm.TEST_ID, SHELL_ID);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle("Log in");
		setMessage("Who is working at this workstation today?");
		Composite c = new Composite(area, SWT.NONE);
		c.setLayout(new GridLayout(2, false));
		c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		agentId = field(c, "Agent id:", "login.agentId");
		displayName = field(c, "Display name:", "login.displayName");
		branch = field(c, "Branch:", "login.branch");
		extension = field(c, "Extension:", "login.extension");
		sip = new SipAccountForm(c);
		if (lastIdentity != null) {
			agentId.setText(lastIdentity.agentId());
			displayName.setText(lastIdentity.displayName());
			branch.setText(lastIdentity.branch());
			extension.setText(lastIdentity.extension());
		}
		sip.show(lastAccount, hasPassword);
		sip.onChange(this::validate);
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "Log in", true).setData(SipAccountForm.TEST_ID, "login.ok");
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false)
				.setData(SipAccountForm.TEST_ID, "login.cancel");
		validate();
	}

	private Text field(Composite c, String label, String testId) {
		new Label(c, SWT.NONE).setText(label);
		Text t = new Text(c, SWT.BORDER);
		t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		t.setData(SipAccountForm.TEST_ID, testId);
		t.addModifyListener(e -> validate());
		return t;
	}

	private void validate() {
		if (getButton(IDialogConstants.OK_ID) == null) {
			return;
		}
		String problem = null;
		try {
			new AgentIdentity(agentId.getText(), displayName.getText(), branch.getText(), extension.getText());
			if (sip.registrarMode.getSelection() && sip.newPassword() == null && !hasPassword) {
				problem = "Enter the SIP password";
			}
			sip.account();
		} catch (IllegalArgumentException | NullPointerException e) {
			problem = e.getMessage();
		}
		setErrorMessage(problem);
		getButton(IDialogConstants.OK_ID).setEnabled(problem == null);
	}

	@Override
	protected void okPressed() {
		try {
			identity = new AgentIdentity(agentId.getText(), displayName.getText(), branch.getText(), extension.getText());
			account = sip.account();
			password = sip.newPassword();
		} catch (IllegalArgumentException e) {
			setErrorMessage(e.getMessage());
			return;
		}
		super.okPressed();
	}

	public AgentIdentity identity() {
		return identity;
	}

	public SipAccount account() {
		return account;
	}

	/** @return the new password or null to keep the stored one */
	public char[] password() {
		return password;
	}
}
