package org.webcallcenter.cobrowse.ui.internal;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.session.SessionRecorder;
import org.webcallcenter.recording.api.session.SessionRecords;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.Softphone;

/**
 * Keeps what the co-browsing view receives with the interaction: every {@code reset} and {@code events} message of
 * the joined session goes, with its arrival time, to the workstation's {@link SessionRecords} (the recording
 * bundle's store), which commits it in batches on its own thread. The rule that ties a session to a call: the call
 * connected when the session was joined, else the first call that connects while the view is in the session (each
 * further call connected during the session is linked too). Without a call the stream is stored under the hub's
 * session id alone, and linked when a call connects. Linking waits on the disk, so it runs on this class's own
 * thread, never the UI thread or the WebSocket's.
 */
final class StreamRecording {
	private static final Pattern RECORDED = Pattern.compile("^\\{\"t\":\"(reset|events)\"");

	private final Supplier<SessionRecords> records;
	private final Supplier<Softphone> phone;
	private final Consumer<String> problems;
	private final ExecutorService linker = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "co-browsing record links");
		t.setDaemon(true);
		return t;
	});
	private SessionRecorder recorder;
	private String linkedCall;

	/**
	 * @param records  the store, or null when the recording feature is not there (then nothing is kept)
	 * @param phone    the softphone, or null (then no call is known)
	 * @param problems what went wrong, in words for the agent
	 */
	StreamRecording(Supplier<SessionRecords> records, Supplier<Softphone> phone, Consumer<String> problems) {
		this.records = records;
		this.phone = phone;
		this.problems = problems;
	}

	/** A message of session {@code session} arrived (the WebSocket's thread); never waits for the disk. */
	void message(String session, String json) {
		if (session == null || !RECORDED.matcher(json).find()) {
			return;
		}
		SessionRecorder r;
		boolean opened = false;
		synchronized (this) {
			r = recorder;
			if (r == null || !r.sessionId().equals(session)) {
				SessionRecords store = records.get();
				if (store == null) {
					return;
				}
				if (r != null) {
					r.close();
				}
				try {
					r = store.record(session);
				} catch (RuntimeException e) {
					problems.accept("The co-browsing session is not recorded: " + e.getMessage());
					return;
				}
				recorder = r;
				linkedCall = null;
				opened = true;
			}
		}
		try {
			r.append(Instant.now(), json);
		} catch (RuntimeException e) {
			problems.accept("A co-browsing message is not recorded: " + e.getMessage());
		}
		if (opened) {
			linkCurrentCall();
		}
	}

	/** A softphone call changed state (any thread): a call that connects during the session is linked. */
	void callChanged(Call call) {
		if (call != null && call.state() == CallState.CONNECTED) {
			link(call.id());
		}
	}

	/** The view left the session, or the session ended: the recorder commits what it holds and ends. */
	synchronized void end() {
		if (recorder != null) {
			recorder.close();
			recorder = null;
			linkedCall = null;
		}
	}

	/** The view closes. */
	void dispose() {
		end();
		linker.shutdown();
	}

	/** @return the id of the session being recorded, if any (tests) */
	synchronized String session() {
		return recorder == null ? null : recorder.sessionId();
	}

	private void linkCurrentCall() {
		Softphone p = phone.get();
		if (p == null) {
			return;
		}
		for (Call c : p.calls()) {
			if (c.state() == CallState.CONNECTED) {
				link(c.id());
				return;
			}
		}
	}

	private void link(String callId) {
		String session;
		synchronized (this) {
			if (recorder == null || callId.equals(linkedCall)) {
				return;
			}
			session = recorder.sessionId();
			linkedCall = callId;
		}
		SessionRecords store = records.get();
		if (store == null) {
			return;
		}
		try {
			linker.execute(() -> {
				try {
					store.link(session, callId);
				} catch (RecordingException | RuntimeException e) {
					problems.accept("The co-browsing session is not linked to the call: " + e.getMessage());
				}
			});
		} catch (java.util.concurrent.RejectedExecutionException e) {
			// the view is closing
		}
	}
}
