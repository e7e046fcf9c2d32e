package org.webcallcenter.media.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The javax.sound devices (mixers) that can capture (a {@link TargetDataLine}) or play (a {@link SourceDataLine}),
 * by name. A device is stored in the preferences by its mixer name; {@link #SYSTEM_DEFAULT} (the empty name)
 * means the sound system's default device.
 *
 * <p>Asking the sound system can take a while: call these methods off the UI thread.
 */
public final class AudioDevices {

    /** The name that selects the sound system's default device. */
    public static final String SYSTEM_DEFAULT = "";
    /**
     * Device sample rates tried in order when opening a line: 8 kHz needs no conversion; the others are converted
     * to and from 8 kHz by a {@link Resampler}.
     */
    public static final List<Integer> DEVICE_RATES = List.of(8000, 48000, 16000, 44100);

    private AudioDevices() {
    }

    /** @return the names of the devices that can capture, in the sound system's order */
    public static List<String> inputs() {
        return names(TargetDataLine.class);
    }

    /** @return the names of the devices that can play, in the sound system's order */
    public static List<String> outputs() {
        return names(SourceDataLine.class);
    }

    /** @return the capture device of that name; empty if none is connected (or the name is the system default) */
    public static Optional<Mixer.Info> findInput(String name) {
        return find(TargetDataLine.class, name);
    }

    /** @return the playback device of that name; empty if none is connected (or the name is the system default) */
    public static Optional<Mixer.Info> findOutput(String name) {
        return find(SourceDataLine.class, name);
    }

    private static List<String> names(Class<? extends DataLine> type) {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (offers(AudioSystem.getMixer(info), type)) {
                names.add(info.getName());
            }
        }
        return names;
    }

    private static Optional<Mixer.Info> find(Class<? extends DataLine> type, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().equals(name) && offers(AudioSystem.getMixer(info), type)) {
                return Optional.of(info);
            }
        }
        return Optional.empty();
    }

    private static boolean offers(Mixer mixer, Class<? extends DataLine> type) {
        Line.Info[] infos = type == TargetDataLine.class ? mixer.getTargetLineInfo() : mixer.getSourceLineInfo();
        for (Line.Info info : infos) {
            if (type.isAssignableFrom(info.getLineClass())) {
                return true;
            }
        }
        return false;
    }

    /** How a device is named in messages: as the agent chose it. */
    static String describe(Class<? extends DataLine> type, String device) {
        String kind = type == TargetDataLine.class ? "audio input" : "audio output";
        return device == null || device.isEmpty() ? "The default " + kind : "The " + kind + " device '" + device + "'";
    }

    /**
     * Opens (but does not start) a 16-bit signed little-endian line, mono if the device allows, else stereo, at the
     * first of {@code rates} the device accepts.
     *
     * @param bufferMillis the line's buffer in milliseconds
     */
    static <L extends DataLine> L open(Class<L> type, String device, List<Integer> rates, int bufferMillis)
            throws AudioDeviceException {
        String label = describe(type, device);
        Mixer mixer = null;
        if (device != null && !device.isEmpty()) {
            Mixer.Info info = find(type, device).orElseThrow(() -> new AudioDeviceException(
                    label + " is not connected (connected: " + names(type) + ")"));
            mixer = AudioSystem.getMixer(info);
        }
        LineUnavailableException busy = null;
        for (int rate : rates) {
            for (int channels = 1; channels <= 2; channels++) {
                AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
                DataLine.Info info = new DataLine.Info(type, format);
                try {
                    Line line = mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info);
                    L typed = type.cast(line);
                    int bytes = Math.max(1, bufferMillis * rate / 1000) * format.getFrameSize();
                    if (typed instanceof SourceDataLine source) {
                        source.open(format, bytes);
                    } else {
                        ((TargetDataLine) typed).open(format, bytes);
                    }
                    return typed;
                } catch (LineUnavailableException e) {
                    busy = e;
                } catch (IllegalArgumentException e) {
                    // This format is not offered; try the next.
                }
            }
        }
        if (busy != null) {
            throw new AudioDeviceException(label + " is busy or cannot be opened: " + busy.getMessage(), busy);
        }
        throw new AudioDeviceException(label + " offers no 16-bit PCM line at " + rates + " Hz");
    }

    /** Little-endian 16-bit frames of {@code channels} channels to mono samples (channels averaged). */
    static void toMono(byte[] bytes, int frames, int channels, short[] out) {
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = 2 * (i * channels + c);
                sum += (short) ((bytes[at] & 0xFF) | (bytes[at + 1] << 8));
            }
            out[i] = (short) (sum / channels);
        }
    }

    /** Mono samples to little-endian 16-bit frames of {@code channels} channels (the sample in each channel). */
    static void fromMono(short[] samples, int count, int channels, byte[] out) {
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < channels; c++) {
                int at = 2 * (i * channels + c);
                out[at] = (byte) samples[i];
                out[at + 1] = (byte) (samples[i] >> 8);
            }
        }
    }
}
