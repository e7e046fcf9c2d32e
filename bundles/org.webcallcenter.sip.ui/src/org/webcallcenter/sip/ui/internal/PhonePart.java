package org.webcallcenter.sip.ui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.sip.api.SoftphoneEvents;
import org.webcallcenter.sip.api.VoiceQuality;
import org.webcallcenter.sip.ui.internal.CallActions.Action;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The agent's phone: a dial field with a dial pad, one row per live call (the lines) with live voice quality, and
 * the controls for the selected line. Which control is enabled comes from {@link CallActions}; all texts from
 * {@link CallFormat}. The softphone is an OSGi service that may come and go; without it the part says so.
 */
public class PhonePart {
	/** Key of the widget data naming a control for the UI tests. */
	public static final String TEST_ID = "org.webcallcenter.testId";
	static final String NOT_AVAILABLE = "Softphone not available: calls cannot be placed or received.";
	private static final char[] PAD = { '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#' };
	private static final String[] COLUMNS = { "", "Remote", "State", "Time", "MOS", "Jitter", "Loss", "RTT" };
	private static final int[] WIDTHS = { 52, 180, 125, 55, 45, 65, 55, 55 };

	@Inject
	UISynchronize sync;
	@Inject
	@Service
	CallHistory history;
	@Inject
	@org.eclipse.e4.core.di.annotations.Optional
	@Service
	AccountStore accounts;

	@Inject
	MPart part;
	@Inject
	EPartService partService;

	private volatile Softphone softphone;
	private volatile Optional<SipAccount> account = Optional.empty();

	private Composite root;
	private Label availability;
	private Text dialField;
	private Label message;
	private Button autoAnswer;
	private Table lines;
	private final Map<Action, Button> controls = new EnumMap<>(Action.class);
	private Button holdButton;
	private Button muteButton;
	private final List<Button> tones = new ArrayList<>();
	private List<Call> shown = List.of();

	@Inject
	void softphone(@org.eclipse.e4.core.di.annotations.Optional @Service Softphone s) {
		softphone = s;
		if (sync != null) {
			sync.asyncExec(this::refresh);
		}
	}

	@PostConstruct
	void create(Composite parent) {
		root = parent;
		parent.setLayout(new GridLayout(2, false));
		availability = new Label(parent, SWT.WRAP);
		availability.setData(TEST_ID, "phone.availability");
		availability.setFont(JFaceResources.getBannerFont());
		availability.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));

		createDialer(parent);
		createLines(parent);
		refresh();
		readAccount(null);
		tick();
	}

	private void createDialer(Composite parent) {
		Composite left = new Composite(parent, SWT.NONE);
		left.setLayout(new GridLayout(3, true));
		left.setLayoutData(new GridData(SWT.FILL, SWT.FILL, false, true));

		dialField = new Text(left, SWT.BORDER | SWT.SINGLE);
		dialField.setData(TEST_ID, "phone.dial");
		dialField.setMessage("Number or sip:user@host");
		dialField.setToolTipText("A number or extension (dialled through the registrar), or a SIP address; Enter dials");
		GridData fieldData = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
		fieldData.widthHint = 200;
		dialField.setLayoutData(fieldData);
		dialField.addListener(SWT.DefaultSelection, e -> dial());
		dialField.addListener(SWT.Modify, e -> showMessage(""));

		for (char digit : PAD) {
			Button b = new Button(left, SWT.PUSH);
			b.setText(String.valueOf(digit));
			b.setData(TEST_ID, "phone.pad." + digit);
			b.setFont(JFaceResources.getHeaderFont());
			GridData d = new GridData(SWT.FILL, SWT.FILL, true, false);
			d.heightHint = 38;
			b.setLayoutData(d);
			b.addListener(SWT.Selection, e -> {
				dialField.insert(String.valueOf(digit));
				dialField.setFocus();
			});
		}
		Button clear = new Button(left, SWT.PUSH);
		clear.setText("Clear");
		clear.setData(TEST_ID, "phone.clear");
		clear.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		clear.addListener(SWT.Selection, e -> dialField.setText(""));
		Button callButton = new Button(left, SWT.PUSH);
		callButton.setText("Call");
		callButton.setData(TEST_ID, "phone.call");
		callButton.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		callButton.addListener(SWT.Selection, e -> dial());

		autoAnswer = new Button(left, SWT.CHECK);
		autoAnswer.setText("Auto-answer offered calls");
		autoAnswer.setData(TEST_ID, "phone.autoanswer");
		autoAnswer.setToolTipText("Answer calls that the call center's routing offers to you, after a short tone");
		autoAnswer.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
		autoAnswer.addListener(SWT.Selection, e -> {
			Softphone s = softphone;
			if (s != null) {
				s.capability(Softphone.AutoAnswer.class).ifPresent(a -> a.setEnabled(autoAnswer.getSelection()));
			}
		});

		message = new Label(left, SWT.WRAP);
		message.setData(TEST_ID, "phone.message");
		message.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		GridData m = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
		m.widthHint = 200;
		message.setLayoutData(m);
	}

	private void createLines(Composite parent) {
		Composite right = new Composite(parent, SWT.NONE);
		right.setLayout(new GridLayout(1, false));
		right.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

		new Label(right, SWT.NONE).setText("Lines");
		lines = new Table(right, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL);
		lines.setData(TEST_ID, "phone.lines");
		lines.setHeaderVisible(true);
		lines.setLinesVisible(true);
		GridData t = new GridData(SWT.FILL, SWT.FILL, true, true);
		t.heightHint = 140;
		lines.setLayoutData(t);
		Tables.columns(lines, COLUMNS, WIDTHS, 1);
		lines.addListener(SWT.Selection, e -> updateControls());

		Composite buttons = new Composite(right, SWT.NONE);
		RowLayout row = new RowLayout(SWT.HORIZONTAL);
		row.wrap = true;
		row.marginLeft = 0;
		buttons.setLayout(row);
		buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		control(buttons, Action.ANSWER, c -> c.answer());
		control(buttons, Action.REJECT, c -> c.reject(false)).setToolTipText("Refuse the call: 486 Busy Here");
		control(buttons, Action.DECLINE, c -> c.reject(true)).setToolTipText("Refuse the call: 603 Decline");
		control(buttons, Action.HANG_UP, Call::hangUp);
		holdButton = control(buttons, Action.HOLD, this::toggleHold);
		controls.put(Action.RESUME, holdButton);
		fitBoth(holdButton, Action.RESUME.label(), Action.HOLD.label());
		muteButton = control(buttons, Action.MUTE, this::toggleMute);
		controls.put(Action.UNMUTE, muteButton);
		fitBoth(muteButton, Action.UNMUTE.label(), Action.MUTE.label());
		control(buttons, Action.TRANSFER, this::blindTransfer).setToolTipText("Transfer the caller to another number");
		control(buttons, Action.ATTENDED_TRANSFER, this::attendedTransfer)
				.setToolTipText("Connect the caller to the party on another line");
		control(buttons, Action.CONFERENCE, this::conference).setToolTipText("Join this line and another in a conference");

		Composite keypad = new Composite(right, SWT.NONE);
		keypad.setLayout(new GridLayout(PAD.length + 1, false));
		keypad.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		Label toneLabel = new Label(keypad, SWT.NONE);
		toneLabel.setText("Tones:");
		toneLabel.setToolTipText("Send DTMF tones to the selected line (for menus at the far end)");
		for (char digit : PAD) {
			Button b = new Button(keypad, SWT.PUSH);
			b.setText(String.valueOf(digit));
			b.setData(TEST_ID, "phone.tone." + digit);
			GridData d = new GridData(SWT.CENTER, SWT.CENTER, false, false);
			d.widthHint = 32;
			b.setLayoutData(d);
			b.addListener(SWT.Selection, e -> act(c -> c.capability(Call.Dtmf.class).ifPresent(x -> x.send(digit))));
			tones.add(b);
		}
	}

	private Button control(Composite parent, Action action, Consumer<Call> what) {
		Button b = new Button(parent, SWT.PUSH);
		b.setText(action.label());
		b.setData(TEST_ID, "phone." + action.name().toLowerCase().replace('_', '.'));
		b.addListener(SWT.Selection, e -> act(what));
		controls.put(action, b);
		return b;
	}

	/** Sizes a toggle button for the longer of its two labels, so that toggling never reflows the row. */
	private static void fitBoth(Button b, String one, String other) {
		b.setText(one);
		int w = b.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
		b.setText(other);
		b.setLayoutData(new RowData(Math.max(w, b.computeSize(SWT.DEFAULT, SWT.DEFAULT).x), SWT.DEFAULT));
	}

	private void act(Consumer<Call> what) {
		Call c = selected();
		if (c == null) {
			return;
		}
		try {
			what.accept(c);
			showMessage("");
		} catch (RuntimeException e) {
			showMessage(e.getMessage() == null ? e.toString() : e.getMessage());
		}
		refresh();
	}

	private void toggleHold(Call c) {
		c.capability(Call.Hold.class).ifPresent(h -> {
			if (c.state() == CallState.HELD) {
				h.resume();
			} else {
				h.hold();
			}
		});
	}

	private void toggleMute(Call c) {
		c.capability(Call.Mute.class).ifPresent(m -> m.setMuted(!m.isMuted()));
	}

	private void blindTransfer(Call c) {
		IInputValidator valid = text -> DialInput.parse(text, account) instanceof DialInput.Invalid i ? i.message() : null;
		InputDialog ask = new InputDialog(root.getShell(), "Transfer",
				"Transfer " + CallFormat.remote(c.remote(), c.remoteName()) + " to:", "", valid);
		if (ask.open() == Window.OK && DialInput.parse(ask.getValue(), account) instanceof DialInput.Dial d) {
			c.capability(Call.BlindTransfer.class).ifPresent(t -> t.transferTo(d.address()));
		}
	}

	private void attendedTransfer(Call c) {
		Call other = pickOther(c, "Attended transfer", "Connect " + CallFormat.remote(c.remote(), c.remoteName())
				+ " to the party on which line?");
		if (other != null) {
			c.capability(Call.AttendedTransfer.class).ifPresent(t -> t.transferTo(other));
		}
	}

	private void conference(Call c) {
		Call other = pickOther(c, "Conference", "Join " + CallFormat.remote(c.remote(), c.remoteName())
				+ " with which line?");
		Softphone s = softphone;
		if (other != null && s != null) {
			s.capability(Softphone.Conference.class).ifPresent(conf -> conf.join(c, other));
		}
	}

	private Call pickOther(Call c, String title, String question) {
		List<Call> others = otherLinesUp(c);
		if (others.isEmpty()) {
			return null;
		}
		LinePicker picker = new LinePicker(root.getShell(), title, question, others);
		return picker.open() == Window.OK ? picker.chosen() : null;
	}

	private List<Call> otherLinesUp(Call c) {
		return shown.stream().filter(o -> o != c && CallActions.isUp(o.state())).toList();
	}

	/** Validates what was typed (reading the account off the UI thread), then dials. */
	private void dial() {
		String text = dialField.getText();
		showMessage("");
		readAccount(acc -> {
			DialInput.Result r = DialInput.parse(text, acc);
			if (r instanceof DialInput.Invalid i) {
				showMessage(i.message());
				return;
			}
			Softphone s = softphone;
			if (s == null) {
				showMessage(NOT_AVAILABLE);
				return;
			}
			try {
				s.dial(((DialInput.Dial) r).address());
				sync.asyncExec(() -> {
					if (!dialField.isDisposed() && dialField.getText().equals(text)) {
						dialField.setText("");
					}
					refresh();
				});
			} catch (RuntimeException e) {
				showMessage("Cannot dial: " + e.getMessage());
			}
		});
	}

	/** Reads the SIP account in a Job (secure storage is slow); then runs {@code then} in the Job. */
	private void readAccount(Consumer<Optional<SipAccount>> then) {
		Job job = Job.create("Reading the SIP account", (IProgressMonitor monitor) -> {
			AccountStore store = accounts;
			if (store != null) {
				try {
					account = store.account();
				} catch (AccountStore.AccountStoreException | RuntimeException e) {
					account = Optional.empty();
				}
			}
			if (then != null) {
				then.accept(account);
			}
			return Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
	}

	private void showMessage(String text) {
		sync.asyncExec(() -> {
			if (!message.isDisposed() && !message.getText().equals(text)) {
				message.setText(text);
				message.getParent().layout(true);
			}
		});
	}

	@Inject
	@org.eclipse.e4.core.di.annotations.Optional
	void callChanged(@UIEventTopic(SoftphoneEvents.CALL) CallEvent event) {
		if (event.current() == CallState.RINGING && part != null && partService != null) {
			// a ringing call must not go unnoticed behind another part (does nothing in another perspective)
			partService.bringToTop(part);
		}
		refresh();
	}

	/** Reads the lines from the softphone and redraws them; on the UI thread. */
	void refresh() {
		if (lines == null || lines.isDisposed()) {
			return;
		}
		Softphone s = softphone;
		List<Call> now = s == null ? List.of() : s.calls().stream().filter(c -> c.state().isLive()).toList();
		banner(s, now);
		Optional<Softphone.AutoAnswer> auto = s == null ? Optional.empty()
				: s.capability(Softphone.AutoAnswer.class);
		autoAnswer.setEnabled(auto.isPresent());
		autoAnswer.setSelection(auto.map(Softphone.AutoAnswer::isEnabled).orElse(false));
		Call selected = selected();
		if (!sameCalls(now, shown)) {
			lines.removeAll();
			for (int i = 0; i < now.size(); i++) {
				new TableItem(lines, SWT.NONE);
			}
			shown = now;
			int keep = selected == null ? -1 : indexOf(now, selected.id());
			if (keep < 0) {
				keep = firstRinging(now);
			}
			if (keep < 0 && !now.isEmpty()) {
				keep = now.size() - 1;
			}
			if (keep >= 0) {
				lines.setSelection(keep);
			}
		}
		Instant at = Instant.now();
		Display d = lines.getDisplay();
		for (int i = 0; i < now.size(); i++) {
			fill(lines.getItem(i), now.get(i), at, d);
		}
		updateControls();
	}

	/** The line over the part: the softphone is missing, or a call rings (also when its row is not in view). */
	private void banner(Softphone s, List<Call> now) {
		Display d = root.getDisplay();
		Optional<Call> ringing = now.stream().filter(c -> c.state() == CallState.RINGING).findFirst();
		String text = s == null ? NOT_AVAILABLE
				: ringing.map(c -> CallFormat.incoming(c.remote(), c.remoteName(),
						now.stream().anyMatch(o -> CallActions.isUp(o.state())))).orElse("");
		if (!text.equals(availability.getText())) {
			availability.setText(text);
			availability.setForeground(s == null ? d.getSystemColor(SWT.COLOR_DARK_RED) : null);
			availability.setBackground(ringing.isPresent() && s != null ? d.getSystemColor(SWT.COLOR_YELLOW) : null);
			availability.getParent().layout(true);
		}
	}

	private void fill(TableItem item, Call c, Instant at, Display d) {
		Optional<VoiceQuality> q = quality(c);
		q.ifPresent(v -> history.noteQuality(c.id(), v));
		String[] text = { CallFormat.direction(c.direction()), CallFormat.remote(c.remote(), c.remoteName()),
				CallFormat.state(c.state()), CallFormat.duration(CallFormat.elapsed(c.createdAt(), c.answeredAt(), at)),
				q.map(CallFormat::mos).orElse("\u2013"), q.map(CallFormat::jitter).orElse("\u2013"),
				q.map(CallFormat::loss).orElse("\u2013"), q.map(CallFormat::roundTrip).orElse("\u2013") };
		for (int i = 0; i < text.length; i++) {
			if (!text[i].equals(item.getText(i))) {
				item.setText(i, text[i]);
			}
		}
		boolean ringing = c.state() == CallState.RINGING;
		item.setBackground(ringing ? d.getSystemColor(SWT.COLOR_YELLOW) : null);
		item.setFont(2, ringing ? JFaceResources.getBannerFont() : null);
		item.setForeground(4, q.map(v -> bandColour(CallFormat.MosBand.of(v.mos()), d)).orElse(null));
	}

	static Color bandColour(CallFormat.MosBand band, Display d) {
		return d.getSystemColor(switch (band) {
		case GOOD -> SWT.COLOR_DARK_GREEN;
		case FAIR -> SWT.COLOR_DARK_YELLOW;
		case POOR -> SWT.COLOR_RED;
		});
	}

	private static Optional<VoiceQuality> quality(Call c) {
		if (!CallActions.isUp(c.state()) && c.state() != CallState.EARLY_MEDIA) {
			return Optional.empty();
		}
		try {
			return c.capability(Call.QualityMonitor.class).map(Call.QualityMonitor::current);
		} catch (RuntimeException e) {
			return Optional.empty();
		}
	}

	private static boolean sameCalls(List<Call> a, List<Call> b) {
		if (a.size() != b.size()) {
			return false;
		}
		for (int i = 0; i < a.size(); i++) {
			if (!a.get(i).id().equals(b.get(i).id())) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(List<Call> calls, String id) {
		for (int i = 0; i < calls.size(); i++) {
			if (calls.get(i).id().equals(id)) {
				return i;
			}
		}
		return -1;
	}

	private static int firstRinging(List<Call> calls) {
		for (int i = 0; i < calls.size(); i++) {
			if (calls.get(i).state() == CallState.RINGING) {
				return i;
			}
		}
		return -1;
	}

	private Call selected() {
		if (lines == null || lines.isDisposed()) {
			return null;
		}
		int i = lines.getSelectionIndex();
		return i >= 0 && i < shown.size() ? shown.get(i) : null;
	}

	private void updateControls() {
		Call c = selected();
		Softphone s = softphone;
		CallActions.Line line = c == null ? null : CallActions.Line.of(c);
		boolean otherUp = c != null && !otherLinesUp(c).isEmpty();
		boolean conference = s != null && s.capability(Softphone.Conference.class).isPresent();
		Set<Action> on = CallActions.enabled(line, otherUp, conference);
		for (Map.Entry<Action, Button> e : controls.entrySet()) {
			if (e.getValue() != holdButton && e.getValue() != muteButton) {
				e.getValue().setEnabled(on.contains(e.getKey()));
			}
		}
		holdButton.setEnabled(on.contains(Action.HOLD) || on.contains(Action.RESUME));
		holdButton.setText(on.contains(Action.RESUME) ? Action.RESUME.label() : Action.HOLD.label());
		muteButton.setEnabled(on.contains(Action.MUTE) || on.contains(Action.UNMUTE));
		muteButton.setText(on.contains(Action.UNMUTE) ? Action.UNMUTE.label() : Action.MUTE.label());
		boolean dtmf = on.contains(Action.DTMF);
		tones.forEach(b -> b.setEnabled(dtmf));
	}

	private void tick() {
		if (root == null || root.isDisposed()) {
			return;
		}
		refresh();
		root.getDisplay().timerExec(1000, this::tick);
	}

	@Focus
	void focus() {
		dialField.setFocus();
	}
}
