package org.webcallcenter.commentary.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/** Chooses instruments from a list with a filter: tick the ones to add. */
final class InstrumentPickerDialog extends Dialog {
	private final String title;
	private final List<String> labels;
	private final boolean[] checked;
	private Table table;
	private final List<Integer> shown = new ArrayList<>();

	private InstrumentPickerDialog(Shell parent, String title, List<String> labels) {
		super(parent);
		this.title = title;
		this.labels = labels;
		this.checked = new boolean[labels.size()];
	}

	/** @return the indices (into {@code labels}) of the instruments ticked, empty when cancelled */
	static List<Integer> pick(Shell parent, String title, List<String> labels) {
		InstrumentPickerDialog d = new InstrumentPickerDialog(parent, title, labels);
		if (d.open() != OK) {
			return List.of();
		}
		List<Integer> out = new ArrayList<>();
		for (int i = 0; i < d.checked.length; i++) {
			if (d.checked[i]) {
				out.add(i);
			}
		}
		return out;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(title);
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		new Label(area, SWT.NONE).setText(labels.isEmpty() ? "Every offered instrument is in this list already."
				: "Tick the instruments to add (" + labels.size() + " offered):");
		Text filter = new Text(area, SWT.BORDER | SWT.SEARCH);
		filter.setMessage("Filter by symbol or name");
		filter.setData(Topics.TEST_ID, "commentary.quotes.pick.filter");
		filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		table = new Table(area, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL | SWT.FULL_SELECTION);
		table.setData(Topics.TEST_ID, "commentary.quotes.pick.table");
		GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
		gd.heightHint = 300;
		gd.widthHint = 420;
		table.setLayoutData(gd);
		table.addListener(SWT.Selection, e -> {
			if (e.detail == SWT.CHECK) {
				checked[shown.get(table.indexOf((TableItem) e.item))] = ((TableItem) e.item).getChecked();
			}
		});
		filter.addListener(SWT.Modify, e -> fill(filter.getText()));
		fill("");
		return area;
	}

	private void fill(String filter) {
		String f = filter.strip().toLowerCase(Locale.ROOT);
		table.removeAll();
		shown.clear();
		for (int i = 0; i < labels.size(); i++) {
			if (labels.get(i).toLowerCase(Locale.ROOT).contains(f)) {
				TableItem item = new TableItem(table, SWT.NONE);
				item.setText(labels.get(i));
				item.setChecked(checked[i]);
				shown.add(i);
			}
		}
	}
}
