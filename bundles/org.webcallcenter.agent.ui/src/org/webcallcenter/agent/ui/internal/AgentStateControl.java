package org.webcallcenter.agent.ui.internal;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.AgentAction;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentEvents;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateEvent;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.agent.api.AgentStatus;
import org.webcallcenter.agent.api.ReasonCode;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The agent's state toolbar, always in view: a coloured badge with the state and the time in it, and the buttons
 * an agent presses dozens of times a day (Ready, Not ready with a reason, Finish wrap-up, Log in / Log out).
 */
public class AgentStateControl {
	static final String TEST_ID = SipAccountForm.TEST_ID;

	@Inject
	@Service
	AgentStateService state;
	@Inject
	@Service
	AccountStore accounts;
	@Inject
	UISynchronize sync;
	@Inject
	Shell shell;

	private Composite box;
	private Label badge;
	private Button ready;
	private Button notReady;
	private Button finishWrapUp;
	private Button extendWrapUp;
	private Label who;
	private Button login;
	private Menu reasons;
	private Color readyColor;
	private Color notReadyColor;
	private Color callColor;
	private Color wrapUpColor;
	private Color loggedOutColor;

	@PostConstruct
	void create(Composite parent) {
		box = new Composite(parent, SWT.NONE);
		GridLayout layout = new GridLayout(7, false);
		layout.marginHeight = 3;
		layout.marginWidth = 6;
		layout.horizontalSpacing = 6;
		box.setLayout(layout);
		readyColor = new Color(46, 139, 87);
		notReadyColor = new Color(196, 61, 48);
		callColor = new Color(41, 98, 181);
		wrapUpColor = new Color(204, 133, 0);
		loggedOutColor = new Color(110, 110, 110);

		badge = new Label(box, SWT.CENTER);
		badge.setFont(JFaceResources.getBannerFont());
		badge.setForeground(box.getDisplay().getSystemColor(SWT.COLOR_WHITE));
		GridData badgeData = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
		badgeData.widthHint = 330;
		badge.setLayoutData(badgeData);
		badge.setData(TEST_ID, "state.badge");

		ready = button("Ready", "state.ready", () -> act(() -> state.ready()));
		ready.setToolTipText("Take calls");
		notReady = button("Not ready \u25be", "state.notReady", this::showReasons);
		notReady.setToolTipText("Stop taking calls, with a reason");
		finishWrapUp = button("Finish wrap-up", "state.finishWrapUp", () -> act(() -> state.finishWrapUp()));
		extendWrapUp = button("+30 s", "state.extendWrapUp", () -> act(() -> state.extendWrapUp(Duration.ofSeconds(30))));
		extendWrapUp.setToolTipText("More time for after-call work");

		who = new Label(box, SWT.NONE);
		who.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false));
		who.setData(TEST_ID, "state.who");
		login = button("Log in...", "state.login", this::loginOrLogout);

		reasons = new Menu(box);
		for (ReasonCode r : state.reasonCodes()) {
			MenuItem item = new MenuItem(reasons, SWT.PUSH);
			item.setText(r.label());
			item.setData(TEST_ID, "reason." + r.code());
			item.addListener(SWT.Selection, e -> act(() -> state.notReady(r)));
		}
		box.addDisposeListener(e -> {
			reasons.dispose();
			for (Color c : new Color[] { readyColor, notReadyColor, callColor, wrapUpColor, loggedOutColor }) {
				c.dispose();
			}
		});
		render(state.current());
		tick();
	}

	private Button button(String text, String testId, Runnable action) {
		Button b = new Button(box, SWT.PUSH);
		b.setText(text);
		b.setData(TEST_ID, testId);
		b.addListener(SWT.Selection, e -> action.run());
		return b;
	}

	private void tick() {
		if (box.isDisposed()) {
			return;
		}
		render(state.current());
		box.getDisplay().timerExec(1000, this::tick);
	}

	@Inject
	@Optional
	void stateChanged(@UIEventTopic(AgentEvents.STATE_CHANGED) AgentStateEvent event) {
		if (box != null && !box.isDisposed()) {
			render(state.current());
		}
	}

	private void act(Runnable r) {
		try {
			r.run();
		} catch (IllegalStateException | IllegalArgumentException e) {
			MessageDialog.openWarning(shell, "Agent state", e.getMessage());
		}
		render(state.current());
	}

	private void showReasons() {
		Rectangle b = notReady.getBounds();
		Point p = notReady.getParent().toDisplay(b.x, b.y + b.height);
		reasons.setLocation(p);
		reasons.setVisible(true);
	}

	/** @return the reason menu, for tests */
	public Menu reasonMenu() {
		return reasons;
	}

	private void loginOrLogout() {
		if (state.current().state() == AgentState.LOGGED_OUT) {
			LoginFlow.start(shell, accounts, state, sync);
		} else {
			act(() -> state.logout());
		}
	}

	void render(AgentStatus s) {
		if (badge.isDisposed()) {
			return;
		}
		String elapsed = Durations.format(Duration.between(s.since(), Instant.now()));
		String text = switch (s.state()) {
		case NOT_READY -> "Not ready \u00b7 " + s.reason().get().label() + "  " + elapsed;
		case WRAP_UP -> "Wrap-up  " + Durations.format(Duration.between(Instant.now(), s.wrapUpEndsAt().get())) + " left";
		case LOGGED_OUT -> "Logged out";
		default -> s.state().label() + "  " + elapsed;
		};
		if (!text.equals(badge.getText())) {
			badge.setText(text);
		}
		badge.setBackground(switch (s.state()) {
		case READY -> readyColor;
		case NOT_READY -> notReadyColor;
		case ON_CALL -> callColor;
		case WRAP_UP -> wrapUpColor;
		case LOGGED_OUT -> loggedOutColor;
		});
		AgentState st = s.state();
		ready.setEnabled(AgentAction.READY.allowedIn(st));
		notReady.setEnabled(AgentAction.NOT_READY.allowedIn(st));
		finishWrapUp.setEnabled(AgentAction.FINISH_WRAP_UP.allowedIn(st));
		extendWrapUp.setEnabled(AgentAction.EXTEND_WRAP_UP.allowedIn(st));
		login.setEnabled(AgentAction.LOG_IN.allowedIn(st) || AgentAction.LOG_OUT.allowedIn(st));
		String loginText = st == AgentState.LOGGED_OUT ? "Log in..." : "Log out";
		String whoText = s.agent().map(AgentIdentity::label).orElse("");
		if (!loginText.equals(login.getText()) || !whoText.equals(who.getText())) {
			login.setText(loginText);
			who.setText(whoText);
			box.layout(true);
			box.getParent().layout(true);
		}
	}
}
