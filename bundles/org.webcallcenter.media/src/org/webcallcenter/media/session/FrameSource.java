package org.webcallcenter.media.session;

/**
 * Supplies the audio to send, one 20 ms frame at a time. Called from the session's sender thread once
 * per frame; it must return promptly (no waiting for the microphone: return silence if nothing is ready).
 */
@FunctionalInterface
public interface FrameSource {

    /** @return {@value RtpSession#SAMPLES_PER_FRAME} 16-bit PCM samples at 8 kHz; {@code null} sends silence */
    short[] nextFrame();
}
