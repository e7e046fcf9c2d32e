package org.webcallcenter.sip.jain.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;
import org.webcallcenter.media.audio.AudioDeviceException;
import org.webcallcenter.media.audio.AudioInput;
import org.webcallcenter.media.audio.AudioMode;
import org.webcallcenter.media.audio.AudioOutput;
import org.webcallcenter.media.audio.Signal;
import org.webcallcenter.media.audio.TonePlayer;
import org.webcallcenter.media.session.FrameSink;
import org.webcallcenter.media.session.FrameSource;

/**
 * The agent's headset and ringer as the calls' {@link AudioRouter.Endpoint}: the microphone and earpiece are opened
 * as soon as a call exists (while it rings or dials: sound devices can take a second to start, which must not cut
 * the start of the conversation) and closed when the last call has ended. A device that cannot be opened is logged
 * once as a warning and the call goes on without sound on that side. Device names come from the audio preferences
 * each time the headset opens.
 */
final class Headset implements AudioRouter.Endpoint, AutoCloseable {
	private static final ILog LOG = ILog.of(Headset.class);
	private static final FrameSource SILENCE = () -> null;
	private static final FrameSink DISCARD = pcm -> {
		// no earpiece
	};

	/** The devices to use, by javax.sound mixer name (empty: the system default). */
	record Devices(String input, String output, String ringer) {
		Devices {
			input = input == null ? "" : input;
			output = output == null ? "" : output;
			ringer = ringer == null || ringer.isEmpty() ? output : ringer;
		}
	}

	private final AudioMode mode;
	private final Supplier<Devices> devices;
	private final ExecutorService worker;
	private volatile AudioInput input;
	private volatile AudioOutput output;
	private volatile TonePlayer.Playing ringing;

	Headset(AudioMode mode, Supplier<Devices> devices) {
		this.mode = Objects.requireNonNull(mode, "mode");
		this.devices = Objects.requireNonNull(devices, "devices");
		this.worker = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "Audio devices");
			t.setDaemon(true);
			return t;
		});
	}

	@Override
	public FrameSource microphone() {
		AudioInput in = input;
		return in == null ? SILENCE : in;
	}

	@Override
	public FrameSink speaker() {
		AudioOutput out = output;
		return out == null ? DISCARD : out;
	}

	/** Opens the headset if it is not open (returns at once). */
	void open() {
		run(() -> {
			Devices d = devices.get();
			if (input == null) {
				try {
					input = mode.openInput(d.input());
				} catch (AudioDeviceException | RuntimeException e) {
					LOG.warn("Microphone unavailable, the other party hears silence: " + e.getMessage());
				}
			}
			if (output == null) {
				try {
					output = mode.openOutput(d.output());
				} catch (AudioDeviceException | RuntimeException e) {
					LOG.warn("Headset unavailable, calls cannot be heard: " + e.getMessage());
				}
			}
		});
	}

	/** Closes the headset once no call needs it (returns at once). */
	void release() {
		run(this::closeDevices);
	}

	/** Starts or stops the ring signal on the ringer device. */
	void ring(boolean on) {
		run(() -> {
			TonePlayer.Playing r = ringing;
			if (on && r == null) {
				ringing = mode.tonePlayer(devices.get().ringer()).repeat(Signal.ring());
			} else if (!on && r != null) {
				ringing = null;
				r.stop();
			}
		});
	}

	/** @return completes when the "call offered" signal has been played to the agent */
	CompletionStage<Void> offered() {
		CompletableFuture<Void> done = new CompletableFuture<>();
		run(() -> mode.tonePlayer(devices.get().output()).play(Signal.callOffered()).whenComplete((v, e) -> {
			if (e != null) {
				LOG.warn("The call-offered signal could not be played: " + e.getMessage());
			}
			done.complete(null);
		}));
		return done;
	}

	private void closeDevices() {
		AudioInput in = input;
		AudioOutput out = output;
		input = null;
		output = null;
		closeQuietly(in);
		closeQuietly(out);
	}

	private static void closeQuietly(AutoCloseable c) {
		if (c != null) {
			try {
				c.close();
			} catch (Exception e) {
				LOG.warn("Closing an audio device failed: " + e.getMessage());
			}
		}
	}

	private void run(Runnable task) {
		try {
			worker.execute(() -> {
				try {
					task.run();
				} catch (RuntimeException e) {
					LOG.warn("Audio device handling failed: " + e.getMessage(), e);
				}
			});
		} catch (RejectedExecutionException e) {
			// closed
		}
	}

	@Override
	public void close() {
		run(() -> {
			TonePlayer.Playing r = ringing;
			ringing = null;
			if (r != null) {
				r.stop();
			}
			closeDevices();
		});
		worker.shutdown();
	}
}
