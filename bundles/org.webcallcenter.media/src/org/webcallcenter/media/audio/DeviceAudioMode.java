package org.webcallcenter.media.audio;

/** {@link AudioMode#devices()}. */
final class DeviceAudioMode implements AudioMode {
    static final DeviceAudioMode INSTANCE = new DeviceAudioMode();

    private DeviceAudioMode() {
    }

    @Override
    public boolean isHeadless() {
        return false;
    }

    @Override
    public AudioInput openInput(String device) throws AudioDeviceException {
        return AudioCapture.open(device);
    }

    @Override
    public AudioOutput openOutput(String device) throws AudioDeviceException {
        return AudioPlayback.open(device);
    }

    @Override
    public TonePlayer tonePlayer(String device) {
        return new DeviceTonePlayer(device, AudioDevices.DEVICE_RATES);
    }

    @Override
    public String toString() {
        return "audio devices";
    }
}
