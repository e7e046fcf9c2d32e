package org.webcallcenter.sip.jain.internal;

import java.util.List;
import java.util.Objects;
import java.util.ArrayList;

import org.webcallcenter.media.session.FrameSink;
import org.webcallcenter.media.session.FrameSource;

/**
 * Connects the calls' media sessions to the agent's headset (or, headless, to whatever audio endpoint is
 * configured). Only the calls that are {@link #connect connected} hear the microphone and are heard: one call
 * normally, two in a local three-way conference. Held and ringing calls send silence and are not played.
 * <p>
 * In a conference the first call is the "master": its sender thread reads the microphone and leaves the frame for
 * the second call's sender, and its playout thread plays both far ends mixed. Each far end hears the agent mixed
 * with the other far end.
 */
final class AudioRouter {

	/** The headset: where the agent's voice comes from and the far end's voice goes. */
	interface Endpoint {
		/** @return the microphone; called once per 20 ms by the active call's sender thread */
		FrameSource microphone();

		/** @return the earpiece; called once per 20 ms by the active call's playout thread */
		FrameSink speaker();
	}

	/** Silence in, nothing out: servers and tests without audio devices. */
	static final Endpoint HEADLESS = new Endpoint() {
		@Override
		public FrameSource microphone() {
			return () -> null;
		}

		@Override
		public FrameSink speaker() {
			return pcm -> {
				// discarded
			};
		}
	};

	/** Per-call audio state, read by the call's media threads. */
	final class Leg {
		private volatile boolean muted;
		private volatile short[] lastReceived;
		private volatile short[] micForPeer;
		/** Audio for the far end that goes before the agent's (a notice): 20 ms frames and completion markers. */
		private final java.util.Queue<Object> toFarEnd = new java.util.concurrent.ConcurrentLinkedQueue<>();

		/** Queues audio the far end hears in place of the agent's voice; completes when it has been sent. */
		java.util.concurrent.CompletionStage<Void> announce(short[] pcm) {
			java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
			int frame = 160;
			for (int i = 0; i < pcm.length; i += frame) {
				short[] f = new short[frame];
				System.arraycopy(pcm, i, f, 0, Math.min(frame, pcm.length - i));
				toFarEnd.add(f);
			}
			toFarEnd.add(done);
			return done;
		}

		/** @return the next frame of an announcement, or null when there is none */
		private short[] announcement() {
			Object next;
			while ((next = toFarEnd.poll()) != null) {
				if (next instanceof short[] frame) {
					return frame;
				}
				((java.util.concurrent.CompletableFuture<?>) next).complete(null);
			}
			return null;
		}

		/** @return the frame source for this call's RTP session */
		FrameSource source() {
			return this::nextFrame;
		}

		/** @return the frame sink for this call's RTP session */
		FrameSink sink() {
			return this::play;
		}

		void setMuted(boolean value) {
			muted = value;
		}

		boolean isMuted() {
			return muted;
		}

		private short[] nextFrame() {
			short[] notice = announcement();
			if (notice != null) {
				return notice;
			}
			List<Leg> now = connected;
			int index = now.indexOf(this);
			if (index < 0) {
				return null;
			}
			short[] mic;
			if (index == 0) {
				mic = endpoint.microphone().nextFrame();
				if (now.size() > 1) {
					now.get(1).micForPeer = mic;
				}
			} else {
				mic = micForPeer;
			}
			if (muted) {
				mic = null;
			}
			if (now.size() == 1) {
				return mic;
			}
			Leg other = now.get(index == 0 ? 1 : 0);
			return mix(mic, other.lastReceived);
		}

		private void play(short[] pcm) {
			List<Leg> now = connected;
			int index = now.indexOf(this);
			if (index < 0) {
				lastReceived = null;
				return;
			}
			if (now.size() == 1) {
				endpoint.speaker().play(pcm);
				return;
			}
			lastReceived = pcm.clone();
			if (index == 0) {
				endpoint.speaker().play(mix(pcm, now.get(1).lastReceived));
			}
		}
	}

	private volatile Endpoint endpoint;
	private volatile List<Leg> connected = List.of();

	AudioRouter(Endpoint endpoint) {
		this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
	}

	/** Replaces the headset (device change); calls keep going on the new one. */
	void endpoint(Endpoint value) {
		endpoint = Objects.requireNonNull(value, "endpoint");
	}

	Leg newLeg() {
		return new Leg();
	}

	/** Puts exactly these calls on the headset (none, one, or two for a conference). */
	synchronized void connect(List<Leg> legs) {
		if (legs.size() > 2) {
			throw new IllegalArgumentException("At most two calls share the headset");
		}
		connected = List.copyOf(legs);
	}

	/** Takes a call off the headset. */
	synchronized void disconnect(Leg leg) {
		if (connected.contains(leg)) {
			List<Leg> rest = new ArrayList<>(connected);
			rest.remove(leg);
			connected = List.copyOf(rest);
		}
	}

	/** @return the calls on the headset */
	List<Leg> connected() {
		return connected;
	}

	/** Adds two frames with saturation; either may be null (silence). */
	static short[] mix(short[] a, short[] b) {
		if (a == null) {
			return b == null ? null : b.clone();
		}
		if (b == null) {
			return a;
		}
		short[] out = new short[Math.min(a.length, b.length)];
		for (int i = 0; i < out.length; i++) {
			int sum = a[i] + b[i];
			out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
		}
		return out;
	}
}
