package org.webcallcenter.recording.ui.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.webcallcenter.media.audio.AudioDeviceException;
import org.webcallcenter.media.audio.AudioPlayback;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingService;
import org.webcallcenter.recording.api.SearchCriteria;
import org.webcallcenter.recording.api.VerifyResult;
import org.webcallcenter.recording.api.session.SessionRecords;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.sip.api.SoftphoneEvents;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Recordings view: search the interactions (date range, party, agent, direction, duration, disposition), pick
 * a call, play its recording (both channels or one, with a position slider) on the agent's headset, verify its hash
 * chain, export it as a stereo WAV with a JSON sidecar. At the top, the recording controls of the call in progress
 * ({@link LiveRecordingControls}). Database work runs in Jobs, never on the UI thread. A call with a co-browsing
 * link offers "Replay pages": its stored session stream in a {@link PageReplayWindow}.
 */
public class RecordingsPart {
	static final String TEST_ID = "org.webcallcenter.testId";
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
			.withZone(ZoneId.systemDefault());
	private static final String[] COLUMNS = { "Started", "Direction", "Remote party", "Local party", "Agent",
			"Duration", "Disposition", "Recording" };
	private static final int[] WIDTHS = { 140, 75, 150, 90, 80, 70, 110, 110 };

	@Inject
	UISynchronize sync;
	@Inject
	@Service
	RecordingService recordings;
	@Inject
	@org.eclipse.e4.core.di.annotations.Optional
	@Service
	org.webcallcenter.recording.api.InteractionStore interactions;
	@Inject
	@org.eclipse.e4.core.di.annotations.Optional
	@Service
	Softphone softphone;
	@Inject
	@org.eclipse.e4.core.di.annotations.Optional
	@Service
	volatile SessionRecords sessions;

	private DateTime from;
	private DateTime to;
	private Text party;
	private Text agent;
	private Combo direction;
	private Text minSeconds;
	private Text maxSeconds;
	private Text disposition;
	private Table table;
	private Scale slider;
	private Label time;
	private Label message;
	private final List<Row> rows = new ArrayList<>();
	private RecordingPlayer player;
	private LiveRecordingControls live;
	private Recording playing;
	/** Counts plays and stops (UI thread): a device opened for an older one is closed, not used. */
	private int playGeneration;

	/** A row of the results: the interaction and its last recording, if any. */
	record Row(Interaction interaction, Optional<Recording> recording) {
	}

	@PostConstruct
	void create(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		live = new LiveRecordingControls(parent, sync, recordings, () -> {
			Softphone s = softphone;
			return s == null ? List.of() : s.calls();
		});
		Composite form = new Composite(parent, SWT.NONE);
		form.setLayout(new GridLayout(8, false));
		form.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		label(form, "From");
		from = new DateTime(form, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER);
		LocalDate weekAgo = LocalDate.now().minusDays(7);
		from.setDate(weekAgo.getYear(), weekAgo.getMonthValue() - 1, weekAgo.getDayOfMonth());
		from.setData(TEST_ID, "recordings.from");
		label(form, "To");
		to = new DateTime(form, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER);
		to.setData(TEST_ID, "recordings.to");
		party = text(form, "Party", "recordings.party");
		agent = text(form, "Agent", "recordings.agent");
		label(form, "Direction");
		direction = new Combo(form, SWT.READ_ONLY);
		direction.setItems("Any", "Incoming", "Outgoing");
		direction.select(0);
		direction.setData(TEST_ID, "recordings.direction");
		minSeconds = text(form, "Min s", "recordings.minSeconds");
		maxSeconds = text(form, "Max s", "recordings.maxSeconds");
		disposition = text(form, "Disposition", "recordings.disposition");
		Button search = button(form, "Search", "recordings.search");
		search.addListener(SWT.Selection, e -> search());

		table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL);
		table.setData(TEST_ID, "recordings.table");
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		for (int i = 0; i < COLUMNS.length; i++) {
			TableColumn c = new TableColumn(table, SWT.LEFT);
			c.setText(COLUMNS[i]);
			c.setWidth(WIDTHS[i]);
		}

		Composite play = new Composite(parent, SWT.NONE);
		play.setLayout(new GridLayout(10, false));
		play.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		button(play, "Play both", "recordings.playBoth").addListener(SWT.Selection,
				e -> play(RecordingPlayer.Mode.BOTH));
		button(play, "Customer", "recordings.playCustomer").addListener(SWT.Selection,
				e -> play(RecordingPlayer.Mode.CUSTOMER));
		button(play, "Agent", "recordings.playAgent").addListener(SWT.Selection,
				e -> play(RecordingPlayer.Mode.AGENT));
		button(play, "Stop", "recordings.stop").addListener(SWT.Selection, e -> stop());
		slider = new Scale(play, SWT.HORIZONTAL);
		slider.setData(TEST_ID, "recordings.position");
		slider.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		slider.setMinimum(0);
		slider.setMaximum(1);
		slider.addListener(SWT.Selection, e -> {
			RecordingPlayer p = player;
			if (p != null) {
				p.seek((long) slider.getSelection() * RecordingPlayer.FRAME);
			}
		});
		time = new Label(play, SWT.NONE);
		time.setText("0:00 / 0:00");
		time.setData(TEST_ID, "recordings.time");
		button(play, "Verify", "recordings.verify").addListener(SWT.Selection, e -> verify());
		button(play, "Export WAV…", "recordings.export").addListener(SWT.Selection, e -> export());
		Button pages = button(play, "Replay pages", "recordings.replayPages");
		pages.setEnabled(false);
		pages.addListener(SWT.Selection, e -> replayPages());
		table.addListener(SWT.Selection, e -> pages.setEnabled(!cobrowseSessions().isEmpty()));
		message = new Label(parent, SWT.WRAP);
		message.setData(TEST_ID, "recordings.message");
		message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
	}

	/** A call changed state: the live controls follow the call in progress. */
	@Inject
	@org.eclipse.e4.core.di.annotations.Optional
	void callChanged(@UIEventTopic(SoftphoneEvents.CALL) CallEvent event) {
		LiveRecordingControls c = live;
		if (c != null && event != null) {
			c.callChanged(event.call());
		}
	}

	@PreDestroy
	void dispose() {
		stop();
	}

	private static void label(Composite c, String text) {
		new Label(c, SWT.NONE).setText(text);
	}

	private static Text text(Composite c, String label, String id) {
		label(c, label);
		Text t = new Text(c, SWT.BORDER);
		t.setData(TEST_ID, id);
		t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		return t;
	}

	/** A push button with its test id; the caller adds what it does. */
	static Button button(Composite c, String text, String id) {
		Button b = new Button(c, SWT.PUSH);
		b.setText(text);
		b.setData(TEST_ID, id);
		return b;
	}

	/** @return the criteria of the form, or a message for the agent when a field is wrong */
	SearchCriteria criteria() {
		ZoneId zone = ZoneId.systemDefault();
		Instant start = LocalDate.of(from.getYear(), from.getMonth() + 1, from.getDay()).atStartOfDay(zone).toInstant();
		Instant end = LocalDate.of(to.getYear(), to.getMonth() + 1, to.getDay()).plusDays(1).atStartOfDay(zone)
				.toInstant();
		Interaction.Direction d = switch (direction.getSelectionIndex()) {
		case 1 -> Interaction.Direction.INCOMING;
		case 2 -> Interaction.Direction.OUTGOING;
		default -> null;
		};
		return SearchCriteria.any().withDateRange(start, end).withParty(party.getText()).withAgent(agent.getText())
				.withDirection(d).withDuration(seconds(minSeconds, "Min s"), seconds(maxSeconds, "Max s"))
				.withDisposition(disposition.getText());
	}

	private static Duration seconds(Text t, String what) {
		String s = t.getText().strip();
		if (s.isEmpty()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Long.parseLong(s));
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(what + " takes whole seconds, not \"" + s + "\"");
		}
	}

	void search() {
		SearchCriteria c;
		try {
			c = criteria();
		} catch (IllegalArgumentException e) {
			message.setText(e.getMessage());
			return;
		}
		message.setText("Searching…");
		Job job = Job.create("Searching recorded calls", monitor -> {
			try {
				org.webcallcenter.recording.api.InteractionStore store = interactions;
				if (store == null) {
					throw new RecordingException(RecordingException.Reason.STORAGE_UNAVAILABLE,
							"The interaction store is not available");
				}
				List<Row> found = new ArrayList<>();
				for (Interaction i : store.search(c)) {
					List<Recording> rs = recordings.recordings(i.id());
					found.add(new Row(i, rs.isEmpty() ? Optional.empty() : Optional.of(rs.get(rs.size() - 1))));
				}
				sync.asyncExec(() -> show(found, c));
			} catch (RecordingException e) {
				sync.asyncExec(() -> say(e.getMessage()));
			}
			return Status.OK_STATUS;
		});
		job.schedule();
	}

	private void show(List<Row> found, SearchCriteria c) {
		if (table.isDisposed()) {
			return;
		}
		rows.clear();
		rows.addAll(found);
		table.removeAll();
		for (Row r : found) {
			Interaction i = r.interaction();
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(new String[] { TIME.format(i.startedAt()),
					i.direction() == Interaction.Direction.INCOMING ? "In" : "Out", i.remoteParty(), i.localParty(),
					i.agent(), i.endedAt().map(e -> clock(i.duration(e).toMillis() * 8)).orElse("live"),
					i.disposition().map(Interaction.Disposition::code).orElse(""),
					r.recording().map(x -> x.state().name().toLowerCase()).orElse("none") });
		}
		message.setText(found.size() + (found.size() == c.limit() ? "+ calls (narrow the search)" : " calls"));
	}

	private Optional<Recording> selected() {
		int i = table.getSelectionIndex();
		if (i < 0 || i >= rows.size() || rows.get(i).recording().isEmpty()) {
			message.setText("Select a call that has a recording");
			return Optional.empty();
		}
		return rows.get(i).recording();
	}

	/**
	 * Plays the selected recording. Opening the sound device (javax.sound, which can block for a while on a busy or
	 * missing device) and stopping the previous player (a join of up to a second) happen in a Job, never on the UI
	 * thread; the player is installed back on the UI thread unless a newer play or stop came first.
	 */
	void play(RecordingPlayer.Mode mode) {
		Optional<Recording> r = selected();
		if (r.isEmpty()) {
			return;
		}
		RecordingPlayer previous = player;
		player = null;
		int generation = ++playGeneration;
		String device = InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE)
				.get(WorkstationPreferences.AUDIO_OUTPUT, "");
		boolean same = playing != null && playing.id() == r.get().id();
		playing = r.get();
		Recording recording = playing;
		slider.setMaximum((int) Math.max(1, recording.lengthSamples() / RecordingPlayer.FRAME));
		long from = same ? (long) slider.getSelection() * RecordingPlayer.FRAME : 0;
		long start = from >= recording.lengthSamples() ? 0 : from; // played to the end before: from the start again
		slider.setSelection((int) (start / RecordingPlayer.FRAME));
		message.setText("Opening the audio device…");
		Job job = Job.create("Playing recording " + recording.id(), monitor -> {
			if (previous != null) {
				previous.close();
			}
			AudioPlayback out;
			try {
				out = AudioPlayback.open(device);
			} catch (AudioDeviceException e) {
				sync.asyncExec(() -> {
					if (generation == playGeneration && !message.isDisposed()) {
						message.setText("Cannot play: " + e.getMessage());
					}
				});
				return Status.OK_STATUS;
			}
			sync.asyncExec(() -> {
				if (generation != playGeneration || message.isDisposed()) {
					out.close(); // stopped, or another play began, while the device opened
					return;
				}
				player = new RecordingPlayer(recordings, recording, mode, start, pcm -> out.play(pcm),
						pos -> sync.asyncExec(() -> position(pos, out)), this::say);
				message.setText("Playing recording " + recording.id() + " (" + mode.name().toLowerCase() + ")");
			});
			return Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
	}

	private void position(long pos, AudioPlayback out) {
		if (time.isDisposed() || playing == null) {
			out.close();
			return;
		}
		if (pos < 0) {
			out.close();
			return;
		}
		slider.setSelection((int) (pos / RecordingPlayer.FRAME));
		time.setText(clock(pos) + " / " + clock(playing.lengthSamples()));
	}

	/** Stops playing; the player thread is joined in a Job, not on the UI thread. */
	void stop() {
		playGeneration++;
		RecordingPlayer p = player;
		player = null;
		if (p != null) {
			Job job = Job.create("Stopping playback", monitor -> {
				p.close();
				return Status.OK_STATUS;
			});
			job.setSystem(true);
			job.schedule();
		}
	}

	void verify() {
		Optional<Recording> r = selected();
		if (r.isEmpty()) {
			return;
		}
		long id = r.get().id();
		Job job = Job.create("Verifying recording " + id, monitor -> {
			try {
				VerifyResult v = recordings.verify(id);
				say(v.intact() ? "Recording " + id + " is intact: " + v.chunksChecked() + " chunks, chain and seal hold"
						: "Recording " + id + " is BROKEN: " + String.join("; ", v.problems()));
			} catch (RecordingException e) {
				say(e.getMessage());
			}
			return Status.OK_STATUS;
		});
		job.setUser(true);
		job.schedule();
	}

	void export() {
		Optional<Recording> r = selected();
		if (r.isEmpty()) {
			return;
		}
		FileDialog dialog = new FileDialog(table.getShell(), SWT.SAVE);
		dialog.setFilterExtensions(new String[] { "*.wav" });
		dialog.setFileName("recording-" + r.get().id() + ".wav");
		dialog.setOverwrite(true);
		String file = dialog.open();
		if (file != null) {
			exportTo(r.get().id(), Path.of(file));
		}
	}

	/** Exports in a Job with progress; the result is shown in the view. */
	Job exportTo(long id, Path wav) {
		Job job = new Job("Exporting recording " + id) {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				SubMonitor progress = SubMonitor.convert(monitor, "Exporting recording " + id, 1000);
				int[] done = { 0 };
				try {
					Path json = recordings.export(id, wav, f -> {
						int now = (int) Math.round(f * 1000);
						progress.worked(Math.max(0, now - done[0]));
						done[0] = Math.max(done[0], now);
					});
					say("Exported recording " + id + " to " + wav + " and " + json.getFileName());
					return Status.OK_STATUS;
				} catch (RecordingException e) {
					say(e.getMessage());
					return Status.warning(e.getMessage(), e);
				}
			}
		};
		job.setUser(true);
		job.schedule();
		return job;
	}

	private void say(String text) {
		sync.asyncExec(() -> {
			if (!message.isDisposed()) {
				message.setText(text);
				message.getParent().layout(true);
			}
		});
	}

	/** @return the co-browsing sessions linked to the selected call, in the order they were linked */
	private List<String> cobrowseSessions() {
		int i = table.getSelectionIndex();
		if (i < 0 || i >= rows.size()) {
			return List.of();
		}
		return rows.get(i).interaction().links().stream()
				.filter(l -> l.kind().equals(Interaction.Link.COBROWSE)).map(Interaction.Link::reference).toList();
	}

	/** Replays the selected call's stored co-browsing pages in a window. */
	void replayPages() {
		List<String> ids = cobrowseSessions();
		if (ids.isEmpty()) {
			message.setText("Select a call with co-browsing");
			return;
		}
		message.setText("Reading the pages of the call…");
		PageReplayWindow.open(table.getShell(), sync, sessions, ids,
				"the call of " + TIME.format(rows.get(table.getSelectionIndex()).interaction().startedAt()), this::say);
	}

	static String clock(long samples) {
		long s = samples / Recording.SAMPLE_RATE;
		return s / 60 + ":" + String.format("%02d", s % 60);
	}
}
