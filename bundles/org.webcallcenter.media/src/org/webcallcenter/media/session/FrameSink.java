package org.webcallcenter.media.session;

/**
 * Receives the audio to play, one 20 ms frame every 20 ms from the session's playout thread (packet,
 * concealment or silence). It must return promptly; the array belongs to the sink.
 */
@FunctionalInterface
public interface FrameSink {

    /** @param pcm {@value RtpSession#SAMPLES_PER_FRAME} 16-bit PCM samples at 8 kHz */
    void play(short[] pcm);
}
