package org.webcallcenter.recording.derby.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingState;

/**
 * Simulated calls for the recording benchmark: each call gets an interaction and a {@link LiveRecording}, and every
 * {@link #frame()} hands each recording one 20 ms frame of a tone per direction, as a call's media tap would; a
 * writer flushes them every {@link Recorder#FLUSH_MILLIS} ms, as the recorder does. No SIP, no RTP: simulated.
 */
public final class SyntheticRecordings {
	private final RecordingStore store;
	private final Consumer<String> problems;
	private final List<Call> calls = new CopyOnWriteArrayList<>();
	private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

	private static final class Call {
		final LiveRecording recording;
		/** One second of each direction's tone (whole-hertz tones repeat every second): frames are copied from it. */
		final short[] customer = new short[8000];
		final short[] agent = new short[8000];
		long timestamp;

		Call(LiveRecording recording, int hz) {
			this.recording = recording;
			for (int k = 0; k < 8000; k++) {
				double t = k / 8000.0;
				customer[k] = (short) (8000 * Math.sin(2 * Math.PI * hz * t));
				agent[k] = (short) (8000 * Math.sin(2 * Math.PI * hz * 2 * t));
			}
		}
	}

	public SyntheticRecordings(RecordingStore store, Consumer<String> problems) {
		this.store = store;
		this.problems = problems;
		writer.scheduleWithFixedDelay(
				() -> LiveRecording.flushAll(store, calls.stream().map(c -> c.recording).toList()),
				Recorder.FLUSH_MILLIS, Recorder.FLUSH_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** Starts a simulated call whose customer sends {@code hz} and agent {@code hz * 2}. */
	public void start(String id, int hz) throws RecordingException {
		store.create(Interaction.started(id, Interaction.Direction.INCOMING, "7000", "+41" + id, Instant.now()));
		calls.add(new Call(new LiveRecording(store, store.startRecording(id), System::nanoTime, problems), hz));
	}

	/**
	 * One 20 ms frame per direction for every call: fresh arrays, as a media tap hands over, filled from the call's
	 * precomputed second of tone (the simulated tap's own work is kept small so that it does not count as the
	 * recorder's).
	 */
	public void frame() {
		for (Call c : calls) {
			int at = (int) (c.timestamp % 8000);
			short[] customer = Arrays.copyOfRange(c.customer, at, at + 160);
			short[] agent = Arrays.copyOfRange(c.agent, at, at + 160);
			c.recording.append(Channel.CUSTOMER, c.timestamp, customer);
			c.recording.append(Channel.AGENT, c.timestamp, agent);
			c.timestamp += 160;
		}
	}

	/** Stops the writer and finishes every recording (stored and sealed). */
	public void finishAll() throws RecordingException, InterruptedException {
		writer.shutdown();
		writer.awaitTermination(30, TimeUnit.SECONDS);
		for (Call c : calls) {
			c.recording.finish(RecordingState.COMPLETE, "simulated call ended");
		}
	}
}
