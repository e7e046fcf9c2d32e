package org.webcallcenter.app.internal;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.webcallcenter.app.api.StatusBarService;
import org.webcallcenter.app.api.StatusBarService.Item;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** The status bar at the bottom of the main window: one label per {@link StatusBarService} entry. */
public class StatusBarControl {
	public static final String ITEM_ID = "org.webcallcenter.statusbar.itemId";

	@Inject
	@Service
	StatusBarService service;

	@Inject
	UISynchronize sync;

	private Composite bar;
	private final Consumer<List<Item>> listener = items -> sync.asyncExec(() -> render(items));

	@PostConstruct
	void create(Composite parent) {
		bar = new Composite(parent, SWT.NONE);
		GridLayout layout = new GridLayout(1, false);
		layout.marginHeight = 2;
		layout.marginWidth = 6;
		layout.horizontalSpacing = 18;
		bar.setLayout(layout);
		service.addListener(listener);
		render(service.items());
	}

	@PreDestroy
	void dispose() {
		service.removeListener(listener);
	}

	/** @return the bar, for tests */
	public Composite bar() {
		return bar;
	}

	private void render(List<Item> items) {
		if (bar == null || bar.isDisposed()) {
			return;
		}
		for (Control c : bar.getChildren()) {
			c.dispose();
		}
		for (Item item : items) {
			Label label = new Label(bar, SWT.NONE);
			label.setText(item.text());
			label.setToolTipText(item.tooltip());
			label.setData(ITEM_ID, item.id());
			int color = switch (item.severity()) {
			case ERROR -> SWT.COLOR_RED;
			case WARNING -> SWT.COLOR_DARK_YELLOW;
			case OK -> SWT.COLOR_DARK_GREEN;
			default -> SWT.COLOR_WIDGET_FOREGROUND;
			};
			label.setForeground(bar.getDisplay().getSystemColor(color));
			label.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
		}
		((GridLayout) bar.getLayout()).numColumns = Math.max(1, items.size());
		// requestLayout marks every ancestor up to the shell, so the trim bar grows when its first entry arrives
		bar.requestLayout();
	}
}
