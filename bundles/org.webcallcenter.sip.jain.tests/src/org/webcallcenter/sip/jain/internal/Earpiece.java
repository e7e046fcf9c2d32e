package org.webcallcenter.sip.jain.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import org.webcallcenter.media.quality.ToneAnalysis;
import org.webcallcenter.media.session.FrameSink;

/** A test phone's earpiece: keeps the last second it played, to check which tones are heard. */
final class Earpiece implements FrameSink {
	private static final int FRAMES_PER_SECOND = 50;
	private final Deque<short[]> frames = new ArrayDeque<>();

	@Override
	public synchronized void play(short[] pcm) {
		frames.addLast(pcm.clone());
		while (frames.size() > FRAMES_PER_SECOND) {
			frames.removeFirst();
		}
	}

	synchronized short[] lastSecond() {
		short[] out = new short[frames.size() * 160];
		int i = 0;
		for (short[] f : frames) {
			System.arraycopy(f, 0, out, i, f.length);
			i += f.length;
		}
		return out;
	}

	/** @return whether the last second holds this tone above this level (dBFS) */
	boolean hears(double hz, double minDbfs) {
		short[] pcm = lastSecond();
		return pcm.length >= 8000 && ToneAnalysis.toneLevelDbfs(pcm, hz, 8000) > minDbfs;
	}

	/** @return whether the last second holds this tone above -30 dBFS */
	boolean hears(double hz) {
		return hears(hz, -30);
	}
}
