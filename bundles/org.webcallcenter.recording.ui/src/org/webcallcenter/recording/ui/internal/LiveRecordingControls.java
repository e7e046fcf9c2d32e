package org.webcallcenter.recording.ui.internal;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingEvent;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingService;
import org.webcallcenter.recording.api.RecordingState;
import org.webcallcenter.sip.api.Call;

/**
 * The agent's recording controls for the call in progress, at the top of the Recordings view: what is happening
 * ("Recording", "Recording paused: card data", "Not recorded"), Pause (with a reason, logged with the recording as
 * a RECORDING_EVENT) and Resume, and Start / Stop when the policy is "on demand" (disabled under "record all",
 * which Expert Home always has). The state is read in Jobs, refreshed on every call event and each second while a
 * call is live; the service's answer is what is shown, never a guess.
 */
final class LiveRecordingControls {
	static final long REFRESH_MILLIS = 1000;

	private final UISynchronize sync;
	private final RecordingService recordings;
	private final Supplier<List<Call>> liveCalls;
	private final Label status;
	private final Text reason;
	private final Button pause;
	private final Button startStop;
	private final Label message;
	private volatile String callId;
	/** What the last refresh found, for the buttons' actions. */
	private volatile Shown shown = new Shown(null, null, null, false);
	private boolean refreshing;

	/** The state shown: the live call (or null), its recording (or null), the pause reason, the policy. */
	record Shown(String callId, Recording recording, String pauseReason, boolean onDemand) {
	}

	LiveRecordingControls(Composite parent, UISynchronize sync, RecordingService recordings,
			Supplier<List<Call>> liveCalls) {
		this.sync = sync;
		this.recordings = recordings;
		this.liveCalls = liveCalls;
		Composite c = new Composite(parent, SWT.NONE);
		c.setLayout(new GridLayout(6, false));
		c.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		new Label(c, SWT.NONE).setText("Call in progress:");
		status = new Label(c, SWT.NONE);
		status.setData(RecordingsPart.TEST_ID, "recordings.live.status");
		status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		status.setText("No call");
		reason = new Text(c, SWT.BORDER);
		reason.setMessage("Reason for a pause (e.g. card data)");
		reason.setData(RecordingsPart.TEST_ID, "recordings.live.reason");
		GridData wide = new GridData(SWT.FILL, SWT.CENTER, false, false);
		wide.widthHint = 220;
		reason.setLayoutData(wide);
		pause = new Button(c, SWT.PUSH);
		pause.setText("Pause recording");
		pause.setData(RecordingsPart.TEST_ID, "recordings.live.pause");
		pause.addListener(SWT.Selection, e -> pauseOrResume());
		startStop = new Button(c, SWT.PUSH);
		startStop.setText("Start recording");
		startStop.setData(RecordingsPart.TEST_ID, "recordings.live.startStop");
		startStop.addListener(SWT.Selection, e -> startOrStop());
		message = new Label(c, SWT.NONE);
		message.setData(RecordingsPart.TEST_ID, "recordings.live.message");
		message.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		render(shown);
		tick();
	}

	/** UI thread: a call changed state; the newest live call is the one the controls act on. */
	void callChanged(Call call) {
		if (call.state().isLive()) {
			callId = call.id();
		} else if (call.id().equals(callId)) {
			callId = latestLiveCall();
		}
		refresh();
	}

	private void tick() {
		if (status.isDisposed()) {
			return;
		}
		if (callId == null) {
			callId = latestLiveCall();
		}
		if (callId != null || shown.callId() != null) {
			refresh();
		}
		status.getDisplay().timerExec((int) REFRESH_MILLIS, this::tick);
	}

	/** The id of the newest live call, or null when no call is live. */
	private String latestLiveCall() {
		return liveCalls.get().stream().filter(x -> x.state().isLive()).map(Call::id).reduce((a, b) -> b).orElse(null);
	}

	/** UI thread: reads the live call's recording in a Job, then shows it. */
	void refresh() {
		if (refreshing) {
			return;
		}
		refreshing = true;
		String id = callId;
		Job job = Job.create("Reading the call's recording state", monitor -> {
			Shown next;
			String problem = null;
			try {
				next = read(id);
			} catch (RecordingException e) {
				next = new Shown(id, null, null, false);
				problem = e.getMessage();
			}
			Shown result = next;
			String p = problem;
			sync.asyncExec(() -> {
				refreshing = false;
				if (!status.isDisposed()) {
					shown = result;
					render(result);
					if (p != null) {
						message.setText(p);
					}
				}
			});
			return Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
	}

	private Shown read(String id) throws RecordingException {
		boolean onDemand = recordings.onDemand();
		if (id == null) {
			return new Shown(null, null, null, onDemand);
		}
		List<Recording> rs = recordings.recordings(id);
		Recording last = rs.isEmpty() ? null : rs.get(rs.size() - 1);
		String why = null;
		if (last != null && last.state() == RecordingState.PAUSED) {
			why = recordings.events(last.id()).stream().filter(e -> e.kind().equals("PAUSED"))
					.map(RecordingEvent::detail).reduce((a, b) -> b).orElse("");
		}
		return new Shown(id, last, why, onDemand);
	}

	private static boolean live(Recording r) {
		return r != null && (r.state() == RecordingState.RECORDING || r.state() == RecordingState.PAUSED);
	}

	/** UI thread. */
	private void render(Shown s) {
		Recording r = s.recording();
		boolean live = live(r);
		String text;
		if (s.callId() == null) {
			text = "No call";
		} else if (!live) {
			text = "Not recorded" + (s.onDemand() ? " (recording on demand)" : "");
		} else if (r.state() == RecordingState.PAUSED) {
			text = "Recording paused: " + s.pauseReason();
		} else {
			text = "Recording";
		}
		status.setText(text);
		status.setForeground(status.getDisplay().getSystemColor(
				live && r.state() == RecordingState.RECORDING ? SWT.COLOR_DARK_RED : SWT.COLOR_WIDGET_FOREGROUND));
		pause.setText(live && r.state() == RecordingState.PAUSED ? "Resume recording" : "Pause recording");
		pause.setEnabled(live);
		startStop.setText(live ? "Stop recording" : "Start recording");
		startStop.setEnabled(s.callId() != null && s.onDemand());
		startStop.setToolTipText(s.onDemand() ? "Recording on demand: start and stop the recording of this call"
				: "Every call is recorded (policy \"record all\"): a recording cannot be started or stopped by hand");
		status.getParent().layout(true);
	}

	/** UI thread. */
	void pauseOrResume() {
		Shown s = shown;
		if (s.callId() == null || !live(s.recording())) {
			message.setText("The call is not being recorded");
			return;
		}
		String id = s.callId();
		if (s.recording().state() == RecordingState.PAUSED) {
			act("Resuming the recording", () -> recordings.resume(id), "Recording resumed");
			return;
		}
		String why = reason.getText().strip();
		if (why.isEmpty()) {
			message.setText("Give a reason for the pause (for example: card data)");
			reason.setFocus();
			return;
		}
		act("Pausing the recording", () -> recordings.pause(id, why), "Recording paused: " + why);
	}

	/** UI thread. */
	void startOrStop() {
		Shown s = shown;
		if (s.callId() == null) {
			message.setText("There is no call in progress");
			return;
		}
		String id = s.callId();
		if (live(s.recording())) {
			act("Stopping the recording", () -> recordings.stop(id), "Recording stopped");
		} else {
			act("Starting the recording", () -> recordings.start(id), "Recording started");
		}
	}

	@FunctionalInterface
	private interface Action {
		void run() throws RecordingException;
	}

	private void act(String what, Action action, String done) {
		message.setText(what + "…");
		Job job = Job.create(what, monitor -> {
			String said;
			try {
				action.run();
				said = done;
			} catch (RecordingException e) {
				said = e.getMessage();
			}
			String text = said;
			sync.asyncExec(() -> {
				if (!message.isDisposed()) {
					message.setText(text);
					refresh();
				}
			});
			return Status.OK_STATUS;
		});
		job.schedule();
	}
}
