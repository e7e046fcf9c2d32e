package org.webcallcenter.recording.derby.internal;

/**
 * The start-of-call notice the customer hears before being connected when the preference
 * {@code recording.notice} is on: a GENERATED announcement tone, not speech. Two beeps of {@value #HZ} Hz
 * ({@value #BEEP_MILLIS} ms each, {@value #GAP_MILLIS} ms apart, 5 ms fades so that they do not click), followed by
 * {@value #GAP_MILLIS} ms of silence before the agent is heard. A spoken announcement would be a recorded WAV file;
 * this workstation ships none.
 */
public final class RecordingNotice {
	/** The tone's frequency. */
	public static final int HZ = 1400;
	public static final int BEEP_MILLIS = 500;
	public static final int GAP_MILLIS = 250;
	private static final int RATE = 8000;
	private static final double AMPLITUDE = 0.25 * Short.MAX_VALUE; // -12 dBFS
	private static final short[] PCM = generate();

	private RecordingNotice() {
	}

	/** @return the notice as 16-bit PCM at 8 kHz (a copy) */
	public static short[] pcm() {
		return PCM.clone();
	}

	/** @return the notice's length in milliseconds */
	public static int millis() {
		return 2 * BEEP_MILLIS + 2 * GAP_MILLIS;
	}

	private static short[] generate() {
		int beep = BEEP_MILLIS * RATE / 1000;
		int gap = GAP_MILLIS * RATE / 1000;
		int fade = 5 * RATE / 1000;
		short[] out = new short[2 * beep + 2 * gap];
		for (int b = 0; b < 2; b++) {
			int start = b * (beep + gap);
			for (int i = 0; i < beep; i++) {
				double envelope = Math.min(1.0, Math.min(i, beep - 1 - i) / (double) fade);
				out[start + i] = (short) Math.round(AMPLITUDE * envelope * Math.sin(2 * Math.PI * HZ * i / RATE));
			}
		}
		return out;
	}
}
