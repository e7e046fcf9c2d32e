package org.webcallcenter.recording.derby.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;

import org.osgi.framework.FrameworkUtil;
import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingState;

/** Real Derby databases in a test's folder, and recordings of synthetic audio written through the real writer. */
final class TestStores {
	static final char[] PASSWORD = "test-boot-password-0123456789".toCharArray();
	/** The chain key of the test stores: random for each run, as a workstation's is. */
	static final byte[] CHAIN_KEY = new byte[32];

	static {
		new java.security.SecureRandom().nextBytes(CHAIN_KEY);
	}

	private TestStores() {
	}

	static Database open(Path folder, boolean encrypted) throws RecordingException {
		DerbyEngine.start(FrameworkUtil.getBundle(Database.class).getBundleContext(), folder.getParent());
		return Database.open(folder, PASSWORD, encrypted);
	}

	static RecordingStore store(Database db, Clock clock) {
		return new RecordingStore(db, clock, Period.ofYears(5), CHAIN_KEY);
	}

	static Interaction interaction(String id, String remote, Instant at) {
		return Interaction.started(id, Interaction.Direction.INCOMING, "agent-7001", remote, at);
	}

	/** A sine of {@code hz} at 8 kHz, -12 dBFS, starting at sample {@code from}. */
	static short[] tone(double hz, long from, int samples) {
		short[] s = new short[samples];
		for (int k = 0; k < samples; k++) {
			s[k] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * (from + k) / 8000.0));
		}
		return s;
	}

	/**
	 * Writes {@code seconds} of two tones (customer 440 Hz, agent 1000 Hz) through a {@link LiveRecording} in 20 ms
	 * frames, flushing every 25 frames as the writer thread would, on a simulated media clock.
	 */
	static long recordTones(RecordingStore store, String interactionId, double seconds) throws RecordingException {
		RecordingStore.OpenChain chain = store.startRecording(interactionId);
		long[] nanos = { 0 };
		LiveRecording live = new LiveRecording(store, chain, () -> nanos[0], message -> {
			throw new AssertionError(message);
		});
		int frames = (int) Math.round(seconds * 50);
		for (int f = 0; f < frames; f++) {
			live.append(Channel.CUSTOMER, f * 160L, tone(440, f * 160L, 160));
			live.append(Channel.AGENT, f * 160L, tone(1000, f * 160L, 160));
			nanos[0] += 20_000_000L;
			if (f % 25 == 24) {
				live.flush();
			}
		}
		live.finish(RecordingState.COMPLETE, "test call ended");
		return chain.id;
	}
}
