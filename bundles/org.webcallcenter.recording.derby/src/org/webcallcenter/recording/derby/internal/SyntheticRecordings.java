package org.webcallcenter.recording.derby.internal;

import java.time.Instant;
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
		final double hz;
		long timestamp;

		Call(LiveRecording recording, double hz) {
			this.recording = recording;
			this.hz = hz;
		}
	}

	public SyntheticRecordings(RecordingStore store, Consumer<String> problems) {
		this.store = store;
		this.problems = problems;
		writer.scheduleWithFixedDelay(() -> calls.forEach(c -> c.recording.flush()), Recorder.FLUSH_MILLIS,
				Recorder.FLUSH_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** Starts a simulated call whose customer sends {@code hz} and agent {@code hz * 2}. */
	public void start(String id, double hz) throws RecordingException {
		store.create(Interaction.started(id, Interaction.Direction.INCOMING, "7000", "+41" + id, Instant.now()));
		calls.add(new Call(new LiveRecording(store, store.startRecording(id), System::nanoTime, problems), hz));
	}

	/** One 20 ms frame per direction for every call. */
	public void frame() {
		for (Call c : calls) {
			short[] customer = new short[160];
			short[] agent = new short[160];
			for (int k = 0; k < 160; k++) {
				double t = (c.timestamp + k) / 8000.0;
				customer[k] = (short) (8000 * Math.sin(2 * Math.PI * c.hz * t));
				agent[k] = (short) (8000 * Math.sin(2 * Math.PI * c.hz * 2 * t));
			}
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
