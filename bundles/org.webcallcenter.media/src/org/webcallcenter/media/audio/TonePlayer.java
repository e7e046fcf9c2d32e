package org.webcallcenter.media.audio;

import java.util.concurrent.CompletionStage;

/**
 * Plays {@link Signal}s to one output device: the call-offered beep once, the ringer repeated until stopped.
 * Each play opens the device for its own duration. Get one from {@link AudioMode#tonePlayer(String)}.
 */
public interface TonePlayer {

    /**
     * Plays the signal once.
     *
     * @return completes when the signal has been played out (on a device, followed by a short silence that makes
     *         sure it has left the sound server); exceptionally with an {@link AudioDeviceException} when the device
     *         cannot be opened
     */
    CompletionStage<Void> play(Signal signal);

    /** Plays the signal again and again (a ring cadence) until {@link Playing#stop()}. */
    Playing repeat(Signal signal);

    /** A repeating signal being played. */
    interface Playing extends AutoCloseable {

        /** Stops playing (at once, mid-signal); idempotent. */
        void stop();

        /** @return completes when playing has stopped; exceptionally when the device could not be opened */
        CompletionStage<Void> stopped();

        /** Same as {@link #stop()}. */
        @Override
        default void close() {
            stop();
        }
    }
}
