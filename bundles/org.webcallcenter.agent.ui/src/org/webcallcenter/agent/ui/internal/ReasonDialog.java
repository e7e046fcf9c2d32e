package org.webcallcenter.agent.ui.internal;

import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.webcallcenter.agent.api.ReasonCode;

/** Asks why the agent is not ready. */
final class ReasonDialog extends Dialog {
	private final List<ReasonCode> reasons;
	private org.eclipse.swt.widgets.List list;
	private ReasonCode reason;

	ReasonDialog(Shell parent, List<ReasonCode> reasons) {
		super(parent);
		this.reasons = reasons;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Not ready");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite c = (Composite) super.createDialogArea(parent);
		new Label(c, SWT.NONE).setText("Why are you not ready?");
		list = new org.eclipse.swt.widgets.List(c, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
		GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
		data.heightHint = 180;
		data.widthHint = 260;
		list.setLayoutData(data);
		for (ReasonCode r : reasons) {
			list.add(r.label());
		}
		list.select(0);
		list.addListener(SWT.DefaultSelection, e -> okPressed());
		return c;
	}

	@Override
	protected void okPressed() {
		int i = list.getSelectionIndex();
		reason = i < 0 ? null : reasons.get(i);
		super.okPressed();
	}

	ReasonCode reason() {
		return reason;
	}
}
