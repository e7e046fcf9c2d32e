package org.webcallcenter.recording.ui.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.browser.ProgressAdapter;
import org.eclipse.swt.browser.ProgressEvent;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Shell;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.session.SessionMessage;
import org.webcallcenter.recording.api.session.SessionRecords;

/**
 * Replays the stored co-browsing stream of a call: a window with an SWT Browser on the hub's replay page (the page
 * and the rrweb bundle the live Co-browsing view uses), fed the stored messages, which it replays with rrweb's
 * Replayer in its normal mode on the customer's timestamps. Play / Pause, a position slider, and the pages the
 * customer visited (choosing one shows the page as it was just before the customer left it). The page is fed with
 * {@link Browser#execute(String)} from the UI thread only, never from a browser callback; each message goes in as
 * base64, so no stored text is ever part of a script.
 */
final class PageReplayWindow {
	static final String TEST_ID = RecordingsPart.TEST_ID;
	/** The replay page, relative to the hub's address (as {@code CobrowseProtocol.REPLAY_PAGE}). */
	static final String REPLAY_PAGE = "cobrowse/replay.html";
	/** Characters of base64 per {@code execute}, to keep each script moderate. */
	private static final int CHUNK_CHARS = 1_000_000;
	private static final Pattern NUMBER = Pattern.compile("\"(timeMs|totalMs)\":(-?[0-9.]+)");
	private static final Pattern PLAYING = Pattern.compile("\"playing\":(true|false)");
	private static final Pattern PAGE = Pattern.compile("\\{\"href\":\"((?:[^\"\\\\]|\\\\.)*)\",\"offsetMs\":(-?[0-9.]+)\\}");

	private final Shell shell;
	private final Browser browser;
	private final Label state;
	private final Scale slider;
	private final Label time;
	private final Combo pages;
	private final List<Long> pageOffsets = new ArrayList<>();
	private final List<SessionMessage> messages;
	private final URI hub;
	private boolean loaded;
	private int tries;
	private long total;

	/**
	 * Opens the window and starts loading the replay page from {@code hub}.
	 *
	 * @param title    what is replayed, for the window title
	 * @param messages the stored messages, in order
	 * @throws SWTError when no browser is available (the caller says so)
	 */
	PageReplayWindow(Shell parent, URI hub, String title, List<SessionMessage> messages) {
		this.messages = List.copyOf(messages);
		this.hub = hub;
		shell = new Shell(parent, SWT.SHELL_TRIM);
		shell.setText("Pages of " + title);
		shell.setLayout(new GridLayout(1, false));
		shell.setSize(1100, 800);
		state = new Label(shell, SWT.WRAP);
		state.setData(TEST_ID, "recordings.replay.state");
		state.setText("Loading the replay page from the hub at " + hub + "…");
		state.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		try {
			browser = new Browser(shell, SWT.NONE);
		} catch (SWTError e) {
			shell.dispose();
			throw e;
		}
		browser.setData(TEST_ID, "recordings.replay.browser");
		browser.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		Composite controls = new Composite(shell, SWT.NONE);
		controls.setLayout(new GridLayout(6, false));
		controls.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		RecordingsPart.button(controls, "Play", "recordings.replay.play")
				.addListener(SWT.Selection, e -> run("wccReplay.play();"));
		RecordingsPart.button(controls, "Pause", "recordings.replay.pause")
				.addListener(SWT.Selection, e -> run("wccReplay.pause();"));
		slider = new Scale(controls, SWT.HORIZONTAL);
		slider.setData(TEST_ID, "recordings.replay.position");
		slider.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		slider.setMinimum(0);
		slider.setMaximum(1);
		slider.addListener(SWT.Selection, e -> run("wccReplay.seek(" + slider.getSelection() * 100L + ");"));
		time = new Label(controls, SWT.NONE);
		time.setText("0:00 / 0:00");
		time.setData(TEST_ID, "recordings.replay.time");
		new Label(controls, SWT.NONE).setText("Page");
		pages = new Combo(controls, SWT.READ_ONLY);
		pages.setData(TEST_ID, "recordings.replay.pages");
		pages.setLayoutData(new GridData(260, SWT.DEFAULT));
		pages.addListener(SWT.Selection, e -> showPage(pages.getSelectionIndex()));
		browser.addProgressListener(new ProgressAdapter() {
			@Override
			public void completed(ProgressEvent event) {
				// never run scripts from inside a browser callback: feed the page after it returns
				shell.getDisplay().asyncExec(PageReplayWindow.this::feed);
			}
		});
		browser.setUrl(hub.resolve(REPLAY_PAGE).toString());
		shell.open();
	}

	/**
	 * Reads the stored streams of the sessions in a Job (never on the UI thread), then opens the window on the hub of
	 * the workstation's preference (Preferences > Service center hub).
	 *
	 * @param store the co-browsing records, or null when they are not available
	 * @param say   shows a message in the calling view (any thread)
	 */
	static void open(Shell parent, UISynchronize sync, SessionRecords store, List<String> sessionIds, String title,
			Consumer<String> say) {
		if (store == null) {
			say.accept("The co-browsing records are not available");
			return;
		}
		URI hub;
		try {
			hub = URI.create(InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE)
					.get(WorkstationPreferences.HUB_ADDRESS, WorkstationPreferences.HUB_ADDRESS_DEFAULT).strip()
					.replaceFirst("/?$", "/"));
		} catch (IllegalArgumentException e) {
			say.accept("The hub address in the preferences is not an address: " + e.getMessage());
			return;
		}
		Job.create("Reading the co-browsing record", monitor -> {
			try {
				List<SessionMessage> all = new ArrayList<>();
				for (String id : sessionIds) {
					all.addAll(store.read(id));
				}
				if (all.isEmpty()) {
					say.accept("No pages were stored for this call (co-browsing session "
							+ String.join(", ", sessionIds) + ")");
					return Status.OK_STATUS;
				}
				sync.asyncExec(() -> {
					if (parent.isDisposed()) {
						return;
					}
					try {
						new PageReplayWindow(parent, hub, title, all);
						say.accept("Replaying the pages of " + title + " (" + all.size() + " messages)");
					} catch (SWTError e) {
						say.accept("No web browser to replay the pages: " + e.getMessage());
					}
				});
			} catch (RecordingException | IllegalArgumentException e) {
				say.accept(e.getMessage());
			}
			return Status.OK_STATUS;
		}).schedule();
	}

	Shell shell() {
		return shell;
	}

	private void feed() {
		if (shell.isDisposed() || loaded) {
			return;
		}
		if (!Boolean.TRUE.equals(browser.evaluate("return !!(window.wccReplay && wccReplay.startRecorded);"))) {
			if (++tries < 20) {
				shell.getDisplay().timerExec(500, this::feed); // loaded, its scripts not run yet
			} else {
				state.setText("The replay page did not load from the hub at " + hub
						+ ": is the hub reachable (Preferences > Service center hub), and of this version?");
			}
			return;
		}
		loaded = true;
		StringBuilder script = new StringBuilder();
		for (SessionMessage m : messages) {
			String b64 = Base64.getEncoder().encodeToString(m.json().getBytes(StandardCharsets.UTF_8));
			script.append("wccReplay.addRecorded('").append(b64).append("');");
			if (script.length() > CHUNK_CHARS) {
				browser.execute(script.toString());
				script.setLength(0);
			}
		}
		browser.execute(script.toString());
		Object summary = browser.evaluate("return JSON.stringify(wccReplay.startRecorded());");
		String s = summary instanceof String text ? text : "{}";
		if (s.contains("\"error\"")) {
			state.setText("Nothing to replay: " + s);
			return;
		}
		Matcher total = NUMBER.matcher(s);
		while (total.find()) {
			if (total.group(1).equals("totalMs")) {
				this.total = (long) Double.parseDouble(total.group(2));
			}
		}
		slider.setMaximum((int) Math.max(1, this.total / 100));
		Matcher p = PAGE.matcher(s);
		while (p.find()) {
			pageOffsets.add((long) Double.parseDouble(p.group(2)));
			pages.add(pageOffsets.size() + ". " + p.group(1).replaceAll("\\\\(.)", "$1"));
		}
		state.setText("Replaying " + messages.size() + " stored messages, " + pageOffsets.size() + " pages, "
				+ clock(this.total) + " (masked fields stay masked: they were never sent)");
		shell.layout(true, true);
		showPosition();
	}

	/** Shows page {@code index} as it was just before the next page began (or at the end for the last one). */
	void showPage(int index) {
		if (index < 0 || index >= pageOffsets.size()) {
			return;
		}
		long at = index + 1 < pageOffsets.size() ? Math.max(pageOffsets.get(index), pageOffsets.get(index + 1) - 1)
				: total;
		run("wccReplay.seek(" + at + ");");
	}

	private void run(String script) {
		if (loaded && !browser.isDisposed()) {
			browser.execute(script);
		}
	}

	private void showPosition() {
		if (shell.isDisposed()) {
			return;
		}
		Object pos = browser.evaluate("return JSON.stringify(wccReplay.position());");
		if (pos instanceof String s) {
			long at = 0;
			Matcher m = NUMBER.matcher(s);
			while (m.find()) {
				if (m.group(1).equals("timeMs")) {
					at = (long) Double.parseDouble(m.group(2));
				}
			}
			Matcher playing = PLAYING.matcher(s);
			if (playing.find() && playing.group(1).equals("true") || !slider.isFocusControl()) {
				slider.setSelection((int) (Math.min(at, total) / 100));
			}
			time.setText(clock(at) + " / " + clock(total));
			time.getParent().layout();
		}
		shell.getDisplay().timerExec(250, this::showPosition);
	}

	static String clock(long millis) {
		long s = Math.max(0, millis) / 1000;
		return s / 60 + ":" + String.format("%02d", s % 60);
	}
}
