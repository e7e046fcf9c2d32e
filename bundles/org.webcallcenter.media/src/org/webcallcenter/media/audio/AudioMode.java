package org.webcallcenter.media.audio;

import java.util.function.Supplier;

import org.webcallcenter.media.session.FrameSource;

/**
 * Where a call's audio comes from and goes to: real javax.sound devices ({@link #devices()}), or nothing at all
 * ({@link #headless()}: servers, tests, and machines without sound), where the input is silence or a
 * {@link ToneSource test tone}, the output discards what it is given and signals take their time without sound.
 *
 * <p>Devices are named as in {@link AudioDevices}; {@link AudioDevices#SYSTEM_DEFAULT} is the default device.
 */
public interface AudioMode {

    /** System property selecting the mode: {@code headless}, or anything else (or unset) for devices. */
    String PROPERTY = "webcallcenter.audio";

    /** @return {@code true} if no sound device is used */
    boolean isHeadless();

    /** Opens the capture device for a call. */
    AudioInput openInput(String device) throws AudioDeviceException;

    /** Opens the playback device for a call. */
    AudioOutput openOutput(String device) throws AudioDeviceException;

    /** @return a player for signals on that output device (the device is opened per signal) */
    TonePlayer tonePlayer(String device);

    /** Real devices through javax.sound. */
    static AudioMode devices() {
        return DeviceAudioMode.INSTANCE;
    }

    /** No devices; the input is silence. */
    static AudioMode headless() {
        return new HeadlessAudioMode(() -> null);
    }

    /**
     * No devices; each input opened takes its frames from a new source from {@code input}, typically
     * {@code () -> ToneSource.testTone(1000, -20)}.
     */
    static AudioMode headless(Supplier<? extends FrameSource> input) {
        return new HeadlessAudioMode(input);
    }

    /** {@link #headless()} if the system property {@value #PROPERTY} is {@code headless}, else {@link #devices()}. */
    static AudioMode fromSystemProperty() {
        return "headless".equals(System.getProperty(PROPERTY)) ? headless() : devices();
    }
}
