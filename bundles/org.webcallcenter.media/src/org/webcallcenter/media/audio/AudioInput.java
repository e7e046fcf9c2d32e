package org.webcallcenter.media.audio;

import org.webcallcenter.media.session.FrameSource;

/** An open audio input giving 20 ms frames at 8 kHz; {@link #nextFrame()} never waits. */
public interface AudioInput extends FrameSource, AutoCloseable {

    /** @return how often {@link #nextFrame()} found less than a frame captured and returned {@code null} */
    long underruns();

    /** @return how often captured audio was dropped because the consumer did not keep up */
    long overruns();

    /** Stops capturing and releases the device; idempotent. */
    @Override
    void close();
}
