package org.webcallcenter.media.session;

/**
 * Observer of the PCM audio a session sends and plays (recording, level meters, speech analytics).
 * Taps run on a separate dispatch thread from copies of the frames, so a slow tap never delays the media
 * path; if taps fall too far behind, frames are dropped for them and counted.
 */
@FunctionalInterface
public interface MediaTap {

    /** Which way a tapped frame travels. */
    enum Direction {
        /** Audio sent to the peer (what the agent says). */
        SENT,
        /** Audio played out from the peer (what the agent hears). */
        RECEIVED
    }

    /** @param pcm a copy of the frame, owned by the tap */
    void onFrame(Direction direction, short[] pcm);

    /**
     * @param pcm           a copy of the frame, owned by the tap
     * @param capturedNanos {@link System#nanoTime()} when the frame was sent or played out: taps are called later,
     *                      from the dispatch thread, so a tap that places frames in time uses this, not its own clock
     */
    default void onFrame(Direction direction, short[] pcm, long capturedNanos) {
        onFrame(direction, pcm);
    }
}
