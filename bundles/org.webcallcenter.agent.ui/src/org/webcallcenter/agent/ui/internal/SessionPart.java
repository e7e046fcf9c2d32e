package org.webcallcenter.agent.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.webcallcenter.agent.api.AgentEvents;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateEvent;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.agent.api.AgentStatus;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * "My session": who is logged in, how long the agent has been in each state today, and today's state changes.
 */
public class SessionPart {
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	@Inject
	@Service
	AgentStateService state;

	private Label who;
	private Table totals;
	private Table changes;

	@PostConstruct
	void create(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		who = new Label(parent, SWT.WRAP);
		who.setFont(JFaceResources.getHeaderFont());
		who.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		new Label(parent, SWT.NONE).setText("Time in each state today:");
		totals = table(parent, new String[] { "State", "Time" }, new int[] { 160, 90 }, 130);
		new Label(parent, SWT.NONE).setText("State changes today:");
		changes = table(parent, new String[] { "Time", "State", "Why" }, new int[] { 70, 170, 90 }, SWT.DEFAULT);
		changes.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		refresh();
		tick(parent);
	}

	private Table table(Composite parent, String[] names, int[] widths, int height) {
		Table t = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		t.setHeaderVisible(true);
		GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
		data.heightHint = height;
		t.setLayoutData(data);
		for (int i = 0; i < names.length; i++) {
			TableColumn c = new TableColumn(t, SWT.LEFT);
			c.setText(names[i]);
			c.setWidth(widths[i]);
		}
		return t;
	}

	private void tick(Composite parent) {
		if (parent.isDisposed()) {
			return;
		}
		refreshTotals();
		parent.getDisplay().timerExec(5000, () -> tick(parent));
	}

	@Inject
	@Optional
	void stateChanged(@UIEventTopic(AgentEvents.STATE_CHANGED) AgentStateEvent event) {
		if (who != null && !who.isDisposed()) {
			refresh();
		}
	}

	private void refresh() {
		AgentStatus now = state.current();
		who.setText(now.agent().map(a -> a.label() + "\n" + now.describe())
				.orElse("Nobody is logged in."));
		refreshTotals();
		changes.removeAll();
		List<AgentStateEvent> today = state.today();
		for (int i = today.size() - 1; i >= 0; i--) {
			AgentStateEvent e = today.get(i);
			TableItem item = new TableItem(changes, SWT.NONE);
			item.setText(new String[] { TIME.format(LocalTime.ofInstant(e.current().since(), ZoneId.systemDefault())),
					e.current().describe(), e.cause().name().toLowerCase().replace('_', ' ') });
		}
		who.getParent().layout();
	}

	/** @return time spent in each state today, up to now */
	static Map<AgentState, Duration> totals(List<AgentStateEvent> today, Instant now) {
		Map<AgentState, Duration> result = new EnumMap<>(AgentState.class);
		for (int i = 0; i < today.size(); i++) {
			AgentStatus s = today.get(i).current();
			Instant end = i + 1 < today.size() ? today.get(i + 1).current().since() : now;
			result.merge(s.state(), Duration.between(s.since(), end).abs(), Duration::plus);
		}
		return result;
	}

	private void refreshTotals() {
		if (totals.isDisposed()) {
			return;
		}
		Map<AgentState, Duration> map = totals(state.today(), Instant.now());
		totals.removeAll();
		for (AgentState s : AgentState.values()) {
			if (s == AgentState.LOGGED_OUT) {
				continue;
			}
			TableItem item = new TableItem(totals, SWT.NONE);
			item.setText(new String[] { s.label(), Durations.format(map.getOrDefault(s, Duration.ZERO)) });
		}
	}

	@Focus
	void focus() {
		changes.setFocus();
	}
}
