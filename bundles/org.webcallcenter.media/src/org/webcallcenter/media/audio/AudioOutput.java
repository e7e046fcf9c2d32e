package org.webcallcenter.media.audio;

import org.webcallcenter.media.session.FrameSink;

/** An open audio output taking 20 ms frames at 8 kHz; {@link #play(short[])} never waits for the device. */
public interface AudioOutput extends FrameSink, AutoCloseable {

    /** @return frames handed to the device (or discarded, when headless) */
    long frames();

    /** @return frames dropped because the device did not keep up */
    long drops();

    /** Stops playing and releases the device; idempotent. */
    @Override
    void close();
}
