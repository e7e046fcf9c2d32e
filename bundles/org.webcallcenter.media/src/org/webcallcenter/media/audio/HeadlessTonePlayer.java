package org.webcallcenter.media.audio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Plays nothing but keeps time: {@link #play} completes after the signal's duration, as a device would, so the
 * auto-answer sequence behaves the same without sound.
 */
final class HeadlessTonePlayer implements TonePlayer {

    @Override
    public CompletionStage<Void> play(Signal signal) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(signal.duration().toNanos(), TimeUnit.NANOSECONDS)
                .execute(() -> done.complete(null));
        return done;
    }

    @Override
    public Playing repeat(Signal signal) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        return new Playing() {
            @Override
            public void stop() {
                done.complete(null);
            }

            @Override
            public CompletionStage<Void> stopped() {
                return done;
            }
        };
    }
}
