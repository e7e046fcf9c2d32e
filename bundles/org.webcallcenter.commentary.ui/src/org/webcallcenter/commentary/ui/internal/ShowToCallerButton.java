package org.webcallcenter.commentary.ui.internal;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.webcallcenter.hub.api.display.CallerDisplay;

/**
 * A "Show to caller" button: enabled only while the co-browsing view has joined a session (asked through the
 * {@link CallerDisplay} service, which may come and go) and the part has something to show.
 */
final class ShowToCallerButton {
	private final Button button;
	private final UISynchronize sync;
	private final BooleanSupplier ready;
	private volatile CallerDisplay display;
	private AutoCloseable subscription;

	ShowToCallerButton(Composite parent, String testId, UISynchronize sync, BooleanSupplier ready, Runnable action) {
		this.sync = sync;
		this.ready = ready;
		button = new Button(parent, SWT.PUSH);
		button.setText("Show to caller");
		button.setData(Topics.TEST_ID, testId);
		button.addListener(SWT.Selection, e -> action.run());
		button.addListener(SWT.Dispose, e -> display(null));
	}

	/** The service changed (or went away: null). */
	void display(CallerDisplay d) {
		synchronized (this) {
			if (subscription != null) {
				try {
					subscription.close();
				} catch (Exception e) {
					// only removes a listener
				}
				subscription = null;
			}
			display = d;
			if (d != null && !button.isDisposed()) {
				subscription = d.onChange(() -> sync.asyncExec(this::update));
			}
		}
		if (!button.isDisposed()) {
			update();
		}
	}

	CallerDisplay display() {
		return display;
	}

	/** @return what reports a show's outcome in the label, from any thread */
	Consumer<String> reportIn(Label message) {
		message.setText("Showing to the caller...");
		return text -> sync.asyncExec(() -> {
			if (!message.isDisposed()) {
				message.setText(text);
			}
		});
	}

	/** Sets enabled and the tooltip from the session and the part's content; UI thread. */
	void update() {
		if (button.isDisposed()) {
			return;
		}
		CallerDisplay d = display;
		boolean joined = d != null && d.session().isPresent();
		button.setEnabled(joined && ready.getAsBoolean());
		button.setToolTipText(joined ? "Show it in a panel on the customer's co-browsed page"
				: "Join the customer's co-browsing session first (Co-browsing view)");
	}
}
