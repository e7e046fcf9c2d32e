package org.webcallcenter.recording.derby.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingState;
import org.webcallcenter.sip.api.Call;

/**
 * One recording being written. Frames from the call's media tap (20 ms of 8 kHz PCM per direction) are placed on
 * the recording's timeline and buffered; {@link #flush()} (the recorder's writer thread, every
 * {@link Recorder#FLUSH_MILLIS} ms) stores what was buffered as chunks of at most one second, committed with their
 * chain links. The media thread only copies into memory: it never waits for the disk.
 * <p>
 * Placement: a direction's first frame lands where the wall clock says it arrived since the recording began
 * (rounded to 20 ms); later frames follow by their tap timestamps. So the two channels line up, and a pause or a
 * far end that sends nothing leaves a gap that reads as silence.
 */
public final class LiveRecording implements Call.MediaTap.Listener {
	private static final int FRAME = 160;
	private static final long FRAME_NANOS = 20_000_000L;

	private final RecordingStore store;
	private volatile RecordingStore.OpenChain chain;
	private final LongSupplier nanos;
	private final long startNanos;
	private final Consumer<String> problems;
	private final long[] base = { -1, -1 };
	private final Buffer[] current = { new Buffer(), new Buffer() };
	private final List<RecordingStore.Chunk> pending = new ArrayList<>();
	private long timelineEnd;
	private boolean paused;
	private boolean finished;
	private volatile String lastProblem;
	private long lostSamples;

	private static final class Buffer {
		long start;
		short[] samples = new short[RecordingStore.MAX_CHUNK_SAMPLES];
		int length;
	}

	LiveRecording(RecordingStore store, RecordingStore.OpenChain chain, LongSupplier nanos, Consumer<String> problems) {
		this(store, nanos, problems);
		this.chain = chain;
	}

	/**
	 * A recording whose row is made after the tap is attached ({@link #attach}): the tap goes on first so that no
	 * audio is missed while the database stores the new recording; frames wait in memory until then.
	 */
	LiveRecording(RecordingStore store, LongSupplier nanos, Consumer<String> problems) {
		this(store, nanos, nanos.getAsLong(), problems);
	}

	/**
	 * @param originNanos where the timeline starts ({@link System#nanoTime()} scale): the call's answer for a call
	 *                    recorded from its answer, so that the recording's time matches the call's even though the
	 *                    tap came a little later (that first stretch reads as silence)
	 */
	LiveRecording(RecordingStore store, LongSupplier nanos, long originNanos, Consumer<String> problems) {
		this.store = store;
		this.nanos = nanos;
		this.startNanos = originNanos;
		this.problems = problems;
	}

	void attach(RecordingStore.OpenChain value) {
		chain = value;
	}

	public long id() {
		return chain.id;
	}

	public String interactionId() {
		return chain.interactionId;
	}

	/** Media thread: copies the frame into the channel's buffer. */
	@Override
	public void frame(Call.MediaTap.Direction direction, long rtpTimestamp, short[] pcm) {
		frame(direction, rtpTimestamp, pcm, nanos.getAsLong());
	}

	/**
	 * A channel's first frame is placed by the instant it was sent or played, not by when the tap delivered it: the
	 * tap's dispatch thread can run late (under load, by 100 ms and more), which would shift the whole channel.
	 */
	@Override
	public void frame(Call.MediaTap.Direction direction, long rtpTimestamp, short[] pcm, long capturedNanos) {
		Channel channel = direction == Call.MediaTap.Direction.RECEIVED ? Channel.CUSTOMER : Channel.AGENT;
		append(channel, rtpTimestamp, pcm, capturedNanos);
	}

	/** Places samples of one channel; {@code timestamp} counts samples since the channel's first frame. */
	synchronized void append(Channel channel, long timestamp, short[] pcm) {
		append(channel, timestamp, pcm, nanos.getAsLong());
	}

	private synchronized void append(Channel channel, long timestamp, short[] pcm, long capturedNanos) {
		if (finished) {
			return;
		}
		int c = channel.ordinal();
		if (base[c] < 0) {
			long frames = Math.round((double) (capturedNanos - startNanos) / FRAME_NANOS);
			base[c] = Math.max(0, frames * FRAME - timestamp);
		}
		long position = base[c] + timestamp;
		timelineEnd = Math.max(timelineEnd, position + pcm.length);
		if (paused) {
			return;
		}
		Buffer b = current[c];
		if (b.length > 0 && (position != b.start + b.length || b.length + pcm.length > b.samples.length)) {
			close(channel);
			b = current[c];
		}
		if (b.length == 0) {
			b.start = position;
		}
		System.arraycopy(pcm, 0, b.samples, b.length, Math.min(pcm.length, b.samples.length - b.length));
		b.length += Math.min(pcm.length, b.samples.length - b.length);
	}

	private void close(Channel channel) {
		Buffer b = current[channel.ordinal()];
		if (b.length > 0) {
			pending.add(new RecordingStore.Chunk(channel, b.start, Arrays.copyOf(b.samples, b.length)));
			b.length = 0;
		}
	}

	/** Stores everything buffered so far (pause, finish, tests), as a round of one. */
	void flush() {
		flushAll(store, List.of(this));
	}

	/**
	 * Writer thread: stores everything the recordings buffered so far in one transaction for all of them
	 * ({@link RecordingStore#appendAll}); a recording whose chunks could not be stored says so (once per kind of
	 * failure) and counts the audio lost.
	 */
	static void flushAll(RecordingStore store, Collection<LiveRecording> recordings) {
		List<LiveRecording> from = new ArrayList<>(recordings.size());
		List<RecordingStore.Batch> batches = new ArrayList<>(recordings.size());
		List<RecordingException> failed;
		// taken and stored under the store's writer lock: a flush of one recording (pause, finish) and the writer's
		// round never store a recording's audio out of order, nor after its seal
		synchronized (store.writing) {
			for (LiveRecording r : recordings) {
				RecordingStore.Batch b = r.drain();
				if (b != null) {
					from.add(r);
					batches.add(b);
				}
			}
			if (batches.isEmpty()) {
				return;
			}
			failed = store.appendAll(batches);
		}
		for (int k = 0; k < batches.size(); k++) {
			from.get(k).stored(batches.get(k), failed.get(k));
		}
	}

	/** @return what was buffered, as a batch to store, or null when there is nothing (or no row yet) */
	private RecordingStore.Batch drain() {
		RecordingStore.OpenChain chain = this.chain;
		if (chain == null) {
			return null; // the recording's row is being made: keep the frames
		}
		synchronized (this) {
			close(Channel.CUSTOMER);
			close(Channel.AGENT);
			if (pending.isEmpty()) {
				return null;
			}
			List<RecordingStore.Chunk> batch = new ArrayList<>(pending);
			pending.clear();
			return new RecordingStore.Batch(chain, batch, timelineEnd);
		}
	}

	private void stored(RecordingStore.Batch batch, RecordingException e) {
		if (e == null) {
			lastProblem = null;
			return;
		}
		long lost;
		synchronized (this) {
			lostSamples += batch.chunks().stream().mapToLong(k -> k.pcm().length).sum();
			lost = lostSamples;
		}
		// told once per kind of failure, not every half second while it lasts
		if (!e.getMessage().equals(lastProblem)) {
			lastProblem = e.getMessage();
			problems.accept("Recording " + batch.chain().id + ": " + e.getMessage() + " (" + lost * 1000 / 8000
					+ " ms of audio not stored so far; the call goes on)");
		}
	}

	/** Stops storing audio (the timeline keeps running); the reason is logged with the recording. */
	void pause(String reason) throws RecordingException {
		long at;
		synchronized (this) {
			if (paused || finished) {
				return;
			}
			paused = true;
			close(Channel.CUSTOMER);
			close(Channel.AGENT);
			at = timelineEnd;
		}
		flush();
		store.state(chain.id, RecordingState.PAUSED, "PAUSED",
				reason == null || reason.isBlank() ? "(no reason given)" : reason.strip(), at);
	}

	void resume() throws RecordingException {
		long at;
		synchronized (this) {
			if (!paused || finished) {
				return;
			}
			paused = false;
			at = timelineEnd;
		}
		store.state(chain.id, RecordingState.RECORDING, "RESUMED", "Recording resumed", at);
	}

	synchronized boolean paused() {
		return paused;
	}

	/** @return the timeline's length so far, in samples */
	synchronized long timelineSamples() {
		return timelineEnd;
	}

	/** Stores what is left and seals the recording. */
	void finish(RecordingState state, String detail) throws RecordingException {
		flush();
		long length;
		long lost;
		synchronized (this) {
			finished = true;
			length = timelineEnd;
			lost = lostSamples;
		}
		if (lost > 0) {
			store.event(chain.id, "WRITE_ERROR", lost + " samples could not be stored", length);
		}
		store.finish(chain.id, state, length, detail);
	}
}
