package org.webcallcenter.sip.ui.internal;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.webcallcenter.sip.api.Softphone;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The calls that ended in this session, newest first, with how they ended and their final voice quality.
 * Double-click a call to dial it again.
 */
public class HistoryPart {
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
	private static final String[] COLUMNS = { "Time", "", "Remote", "Talk", "MOS", "How it ended" };
	private static final int[] WIDTHS = { 65, 45, 150, 45, 40, 260 };

	@Inject
	UISynchronize sync;
	@Inject
	@Service
	CallHistory history;
	@Inject
	@Optional
	@Service
	volatile Softphone softphone;

	private Table table;
	private Label message;
	private Label details;
	private List<CallHistory.Entry> shown = List.of();
	private final Runnable changed = () -> sync.asyncExec(this::refresh);

	@PostConstruct
	void create(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		Label intro = new Label(parent, SWT.WRAP);
		intro.setText("Calls that ended since the workstation started. Double-click one to call again.");
		intro.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL);
		table.setData(PhonePart.TEST_ID, "history.table");
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		Tables.columns(table, COLUMNS, WIDTHS, 2);
		table.addListener(SWT.DefaultSelection, e -> redial());
		table.addListener(SWT.Selection, e -> showDetails());
		details = new Label(parent, SWT.WRAP);
		details.setData(PhonePart.TEST_ID, "history.details");
		details.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		message = new Label(parent, SWT.WRAP);
		message.setData(PhonePart.TEST_ID, "history.message");
		message.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		history.addListener(changed);
		refresh();
	}

	@PreDestroy
	void dispose() {
		history.removeListener(changed);
	}

	private void refresh() {
		if (table == null || table.isDisposed()) {
			return;
		}
		shown = history.entries();
		table.removeAll();
		details.setText("");
		for (CallHistory.Entry e : shown) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(new String[] { TIME.format(LocalTime.ofInstant(e.endedAt(), ZoneId.systemDefault())),
					CallFormat.direction(e.direction()), CallFormat.remote(e.remote(), e.remoteName()),
					CallFormat.duration(e.talkTime()), e.quality().map(CallFormat::mos).orElse("\u2013"),
					e.end().map(CallFormat::end).orElse("Ended") });
			e.quality().ifPresent(q -> item.setForeground(4,
					PhonePart.bandColour(CallFormat.MosBand.of(q.mos()), table.getDisplay())));
		}
	}

	/** The selected call in full, for a narrow part: who, how it ended and its voice quality. */
	private void showDetails() {
		int i = table.getSelectionIndex();
		details.setText(i < 0 || i >= shown.size() ? "" : CallFormat.details(shown.get(i)));
		details.getParent().layout(true);
	}

	private void redial() {
		int i = table.getSelectionIndex();
		if (i < 0 || i >= shown.size()) {
			return;
		}
		Softphone s = softphone;
		if (s == null) {
			message.setText(PhonePart.NOT_AVAILABLE);
			return;
		}
		try {
			s.dial(shown.get(i).remote());
			message.setText("");
		} catch (RuntimeException e) {
			message.setText("Cannot dial: " + e.getMessage());
		}
		message.getParent().layout(true);
	}

	@Focus
	void focus() {
		table.setFocus();
	}
}
