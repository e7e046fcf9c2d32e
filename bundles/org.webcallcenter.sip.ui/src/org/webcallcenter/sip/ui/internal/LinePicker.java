package org.webcallcenter.sip.ui.internal;

import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.webcallcenter.sip.api.Call;

/** Asks which other line to use, for an attended transfer or a conference. */
final class LinePicker extends Dialog {
	private final String title;
	private final String question;
	private final List<Call> choices;
	private org.eclipse.swt.widgets.List list;
	private Call chosen;

	LinePicker(Shell parent, String title, String question, List<Call> choices) {
		super(parent);
		this.title = title;
		this.question = question;
		this.choices = choices;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(title);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		new Label(area, SWT.WRAP).setText(question);
		list = new org.eclipse.swt.widgets.List(area, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
		list.setData(PhonePart.TEST_ID, "phone.linepicker");
		GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
		data.widthHint = 380;
		data.heightHint = 100;
		list.setLayoutData(data);
		for (Call c : choices) {
			list.add(CallFormat.remote(c.remote(), c.remoteName()) + " \u2014 " + CallFormat.state(c.state()));
		}
		list.select(0);
		return area;
	}

	@Override
	protected void okPressed() {
		int i = list.getSelectionIndex();
		chosen = i < 0 ? null : choices.get(i);
		super.okPressed();
	}

	/** @return the chosen line, or null when cancelled */
	Call chosen() {
		return chosen;
	}
}
