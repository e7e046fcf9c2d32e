package org.webcallcenter.media.audio;

import java.io.IOException;

/**
 * An audio device could not be used: not connected, busy, or offering no usable format. The message names the
 * device as the agent chose it, so it can be shown as is.
 */
public final class AudioDeviceException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message names the device and what is wrong with it */
    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message names the device and what is wrong with it */
    public AudioDeviceException(String message) {
        super(message);
    }
}
