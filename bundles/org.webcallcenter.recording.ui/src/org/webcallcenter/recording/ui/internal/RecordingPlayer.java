package org.webcallcenter.recording.ui.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.webcallcenter.media.session.FrameSink;
import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingService;

/**
 * Plays a recording, both channels mixed or one of them, in 20 ms frames of 8 kHz PCM paced on an absolute
 * schedule into a {@link FrameSink} (the headset through javax.sound, see {@code AudioPlayback}). Reads a second
 * ahead from the recording service; {@link #seek(long)} moves the position while it plays.
 */
final class RecordingPlayer implements AutoCloseable {
	/** What is heard. */
	enum Mode {
		BOTH, CUSTOMER, AGENT
	}

	static final int FRAME = 160;
	private static final long FRAME_NANOS = 20_000_000L;
	private static final int BLOCK = Recording.SAMPLE_RATE;

	private final RecordingService service;
	private final long recordingId;
	private final long length;
	private final Mode mode;
	private final FrameSink sink;
	private final LongConsumer position;
	private final Consumer<String> problem;
	private final Thread thread;
	private volatile boolean running = true;
	private volatile long seekTo = -1;

	RecordingPlayer(RecordingService service, Recording recording, Mode mode, long from, FrameSink sink,
			LongConsumer position, Consumer<String> problem) {
		this.service = service;
		this.recordingId = recording.id();
		this.length = recording.lengthSamples();
		this.mode = mode;
		this.sink = sink;
		this.position = position;
		this.problem = problem;
		this.seekTo = Math.max(0, Math.min(from, length));
		this.thread = new Thread(this::run, "Recording player " + recordingId);
		thread.setDaemon(true);
		thread.start();
	}

	void seek(long sample) {
		seekTo = Math.max(0, Math.min(sample, length));
	}

	boolean isPlaying() {
		return running && thread.isAlive();
	}

	private void run() {
		long pos = 0;
		short[] customer = new short[0];
		short[] agent = new short[0];
		long blockStart = -1;
		long deadline = System.nanoTime();
		try {
			while (running && pos < length) {
				long wanted = seekTo;
				if (wanted >= 0) {
					seekTo = -1;
					pos = wanted - wanted % FRAME;
					blockStart = -1;
					deadline = System.nanoTime();
				}
				if (blockStart < 0 || pos >= blockStart + BLOCK) {
					blockStart = pos;
					customer = mode == Mode.AGENT ? new short[0] : service.read(recordingId, Channel.CUSTOMER, pos, BLOCK);
					agent = mode == Mode.CUSTOMER ? new short[0] : service.read(recordingId, Channel.AGENT, pos, BLOCK);
				}
				int at = (int) (pos - blockStart);
				sink.play(mix(customer, agent, at, mode));
				pos += FRAME;
				position.accept(Math.min(pos, length));
				deadline += FRAME_NANOS;
				long wait = deadline - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
			}
		} catch (RecordingException e) {
			problem.accept("Cannot play recording " + recordingId + ": " + e.getMessage());
		} catch (RuntimeException e) {
			problem.accept("Playback of recording " + recordingId + " stopped: " + e);
		} finally {
			running = false;
			position.accept(-1);
		}
	}

	/** One 20 ms frame: the chosen channel, or both averaged (so that two loud voices do not clip). */
	static short[] mix(short[] customer, short[] agent, int at, Mode mode) {
		short[] frame = new short[FRAME];
		for (int k = 0; k < FRAME; k++) {
			int c = at + k < customer.length ? customer[at + k] : 0;
			int a = at + k < agent.length ? agent[at + k] : 0;
			frame[k] = (short) switch (mode) {
			case CUSTOMER -> c;
			case AGENT -> a;
			case BOTH -> (c + a) / 2;
			};
		}
		return frame;
	}

	@Override
	public void close() {
		running = false;
		thread.interrupt();
		try {
			thread.join(1000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
