package org.webcallcenter.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webcallcenter.media.quality.ToneAnalysis;
import org.webcallcenter.media.session.FrameSource;
import org.webcallcenter.media.session.RtpSession;
import org.webcallcenter.testing.Poll;

/**
 * Real javax.sound devices: a private PulseAudio daemon's null sink is the default output, and its monitor, the
 * default input, hears what is played. Every check waits for a condition; none measures speed.
 */
class AudioDeviceTest {

    private static final double LEVEL = -20;
    private static PulseAudioDaemon pulse;

    @BeforeAll
    static void startPulseAudio() throws Exception {
        pulse = PulseAudioDaemon.start();
    }

    @AfterAll
    static void stopPulseAudio() {
        if (pulse != null) {
            pulse.close();
        }
    }

    /** Takes every captured frame, and plays one frame of {@code source} if there is one, every 20 ms. */
    private static final class Loop implements AutoCloseable {
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        private final List<short[]> captured = new ArrayList<>();

        Loop(AudioInput in, AudioOutput out, FrameSource source) {
            clock.scheduleAtFixedRate(() -> {
                if (out != null) {
                    out.play(source.nextFrame());
                }
                for (short[] frame = in.nextFrame(); frame != null; frame = in.nextFrame()) {
                    synchronized (captured) {
                        captured.add(frame);
                    }
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        /** @return how many frames captured so far have a tone of {@code hz} above {@code dbfs} */
        int framesWith(double hz, double dbfs) {
            int count = 0;
            synchronized (captured) {
                for (short[] frame : captured) {
                    if (ToneAnalysis.toneLevelDbfs(frame, hz, 8000) > dbfs) {
                        count++;
                    }
                }
            }
            return count;
        }

        int size() {
            synchronized (captured) {
                return captured.size();
            }
        }

        /** @return the last {@code count} captured frames that have a tone of {@code hz} above {@code dbfs} */
        List<short[]> lastWith(double hz, double dbfs, int count) {
            List<short[]> found = new ArrayList<>();
            synchronized (captured) {
                for (int i = captured.size() - 1; i >= 0 && found.size() < count; i--) {
                    if (ToneAnalysis.toneLevelDbfs(captured.get(i), hz, 8000) > dbfs) {
                        found.add(0, captured.get(i));
                    }
                }
            }
            return found;
        }

        /** @return the last {@code count} frames captured, concatenated */
        short[] last(int count) {
            synchronized (captured) {
                short[] out = new short[count * RtpSession.SAMPLES_PER_FRAME];
                for (int i = 0; i < count; i++) {
                    short[] frame = captured.get(captured.size() - count + i);
                    System.arraycopy(frame, 0, out, i * frame.length, frame.length);
                }
                return out;
            }
        }

        /** @return all frames captured, concatenated */
        short[] all() {
            return last(size());
        }

        @Override
        public void close() {
            clock.shutdownNow();
        }
    }

    /** Plays a 1 kHz test tone and checks the capture hears it at its level, and no 440 Hz. */
    private static void assertToneLoopsBack(String what, AudioInput in, AudioOutput out) {
        try (Loop loop = new Loop(in, out, ToneSource.testTone(1000, LEVEL))) {
            // One second of tone after it first arrives; the device delay does not matter.
            try {
                Poll.until("the 1 kHz tone to be captured", () -> loop.framesWith(1000, LEVEL - 10) >= 10);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; " + describe(in, out, loop), e);
            }
            long dropsAtStart = out.drops();
            int heardAtStart = loop.framesWith(1000, LEVEL - 10);
            Poll.until("a second more of the tone to be captured",
                    () -> loop.framesWith(1000, LEVEL - 10) >= heardAtStart + 50);
            // Frame by frame: on a loaded machine the device may insert a gap now and then, which must not count
            // as a wrong level. Each frame's Hann window separates 440 from 1000 Hz by far more than 40 dB.
            List<short[]> heard = loop.lastWith(1000, LEVEL - 10, 50);
            double[] levels = new double[heard.size()];
            double[] absents = new double[heard.size()];
            for (int i = 0; i < heard.size(); i++) {
                assertEquals(1000, ToneAnalysis.dominantFrequency(heard.get(i), 8000, 440, 1000));
                levels[i] = ToneAnalysis.toneLevelDbfs(heard.get(i), 1000, 8000);
                absents[i] = ToneAnalysis.toneLevelDbfs(heard.get(i), 440, 8000);
            }
            double level = median(levels);
            assertEquals(LEVEL, level, 3, "median level of the captured 1 kHz tone");
            double absent = median(absents);
            assertTrue(absent < LEVEL - 40, "440 Hz should be absent, measured " + absent + " dBFS");
            System.out.printf("%s: played 1000 Hz at %.1f dBFS, captured %.2f dBFS (440 Hz: %.1f dBFS);"
                    + " playback drops %d while starting + %d in the last second, capture overruns %d%n", what,
                    LEVEL, level, absent, dropsAtStart, out.drops() - dropsAtStart, in.overruns());
        }
        assertTrue(out.frames() > 0, "frames reached the device");
    }

    private static String describe(AudioInput in, AudioOutput out, Loop loop) {
        String state = "frames captured " + loop.size() + ", overruns " + in.overruns() + "; frames played "
                + out.frames() + ", dropped " + out.drops();
        if (in instanceof AudioCapture capture && capture.failure() != null) {
            state += "; capture failed: " + capture.failure();
        }
        if (out instanceof AudioPlayback playback && playback.failure() != null) {
            state += "; playback failed: " + playback.failure();
        }
        return state + "; PulseAudio log:\n" + pulse.log();
    }

    /** @return the level in dBFS of {@code hz} in the loudest 60 ms window of {@code heard} */
    private static double loudest(short[] heard, double hz) {
        double loudest = Double.NEGATIVE_INFINITY;
        for (int at = 0; at + 480 <= heard.length; at += 80) {
            short[] window = Arrays.copyOfRange(heard, at, at + 480);
            loudest = Math.max(loudest, ToneAnalysis.toneLevelDbfs(window, hz, 8000));
        }
        return loudest;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void listsDevicesThatCanCaptureAndPlay() {
        List<String> inputs = AudioDevices.inputs();
        List<String> outputs = AudioDevices.outputs();
        assertFalse(inputs.isEmpty(), "no capture device: " + pulse.log());
        assertFalse(outputs.isEmpty(), "no playback device: " + pulse.log());
        assertEquals(inputs.get(0), AudioDevices.findInput(inputs.get(0)).orElseThrow().getName());
        assertEquals(outputs.get(0), AudioDevices.findOutput(outputs.get(0)).orElseThrow().getName());
        assertTrue(AudioDevices.findInput(AudioDevices.SYSTEM_DEFAULT).isEmpty());
        assertTrue(AudioDevices.findOutput("No Such Headset").isEmpty());
    }

    @Test
    void aMissingDeviceFailsWithItsName() {
        AudioDeviceException in = assertThrows(AudioDeviceException.class, () -> AudioCapture.open("No Such Headset"));
        assertTrue(in.getMessage().contains("audio input device 'No Such Headset' is not connected"), in.getMessage());
        AudioDeviceException out = assertThrows(AudioDeviceException.class,
                () -> AudioPlayback.open("No Such Speaker"));
        assertTrue(out.getMessage().contains("audio output device 'No Such Speaker' is not connected"),
                out.getMessage());
        CompletableFuture<Void> ring = AudioMode.devices().tonePlayer("No Such Ringer").play(Signal.ring())
                .toCompletableFuture();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> ring.get(30, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof AudioDeviceException, failed.toString());
        assertTrue(failed.getCause().getMessage().contains("'No Such Ringer'"), failed.getCause().getMessage());
    }

    @Test
    void aTonePlayedOnTheDefaultOutputIsCapturedAtItsFrequencyAndLevel() throws Exception {
        AudioMode mode = AudioMode.devices();
        try (AudioCapture in = (AudioCapture) mode.openInput(AudioDevices.SYSTEM_DEFAULT);
                AudioPlayback out = (AudioPlayback) mode.openOutput(AudioDevices.SYSTEM_DEFAULT)) {
            assertEquals(8000, in.deviceFormat().getSampleRate(), "8 kHz capture needs no conversion here");
            assertEquals(8000, out.deviceFormat().getSampleRate());
            assertToneLoopsBack("default devices at 8 kHz", in, out);
        }
    }

    @Test
    void aToneThroughNamedDevicesAt48kHzIsConvertedBothWays() throws Exception {
        String input = AudioDevices.inputs().get(0);
        String output = AudioDevices.outputs().get(0);
        try (AudioCapture in = AudioCapture.open(input, List.of(48_000));
                AudioPlayback out = AudioPlayback.open(output, List.of(48_000))) {
            assertEquals(48_000, in.deviceFormat().getSampleRate());
            assertEquals(48_000, out.deviceFormat().getSampleRate());
            assertToneLoopsBack("'" + input + "' and '" + output + "' at 48 kHz", in, out);
        }
    }

    @Test
    void theCallOfferedBeepIsHeardAndCompletesWhenPlayed() throws Exception {
        try (AudioCapture in = AudioCapture.open(AudioDevices.SYSTEM_DEFAULT);
                Loop loop = new Loop(in, null, null)) {
            // A PulseAudio capture stream here takes from a few hundred ms to over a second to deliver its first
            // audio: play the beep only once the capture is live.
            Poll.until("the capture to deliver audio", () -> loop.size() >= 10);
            Signal beep = Signal.callOffered();
            long start = System.nanoTime();
            CompletableFuture<Void> done = AudioMode.devices().tonePlayer(AudioDevices.SYSTEM_DEFAULT)
                    .play(beep).toCompletableFuture();
            Poll.until("the beep to be played", done::isDone);
            long elapsed = System.nanoTime() - start;
            done.get();
            // Completion means played out, so it cannot come before the beep's own duration.
            assertTrue(elapsed >= beep.duration().toNanos(), "completed after " + elapsed / 1_000_000 + " ms");
            try {
                Poll.until("both beeps to be captured", () -> loop.framesWith(880, -20) >= 5);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; frames captured " + loop.size() + " (with 880 Hz above"
                        + " -20 dBFS: " + loop.framesWith(880, -20) + ", above -60 dBFS: " + loop.framesWith(880, -60)
                        + "), loudest 880 Hz " + loudest(loop.all(), 880) + " dBFS, capture overruns "
                        + in.overruns() + (in.failure() == null ? "" : ", capture failed: " + in.failure())
                        + "; PulseAudio log:\n" + pulse.log(), e);
            }
            // The beep is 880 Hz at -12 dBFS; look at the loudest 60 ms of what was captured.
            double loudest = loudest(loop.all(), 880);
            assertEquals(-12, loudest, 3, "level of the captured beep");
            System.out.printf("call-offered beep: completed after %d ms, captured 880 Hz at %.2f dBFS%n",
                    elapsed / 1_000_000, loudest);
        }
    }

    @Test
    void theRingerRepeatsUntilStopped() throws Exception {
        try (AudioCapture in = AudioCapture.open(AudioDevices.SYSTEM_DEFAULT);
                Loop loop = new Loop(in, null, null)) {
            Poll.until("the capture to deliver audio", () -> loop.size() >= 10);
            TonePlayer.Playing ringing = AudioMode.devices().tonePlayer(AudioDevices.SYSTEM_DEFAULT)
                    .repeat(Signal.ring());
            CompletableFuture<Void> stopped = ringing.stopped().toCompletableFuture();
            // A ring cycle is 3 s with 0.8 s of tone: 60 frames of 440 Hz take more than one cycle.
            Poll.until("the ringer to ring more than once", () -> loop.framesWith(440, -20) >= 60);
            assertFalse(stopped.isDone(), "still ringing");
            ringing.stop();
            Poll.until("the ringer to stop", stopped::isDone);
            stopped.get();
        }
    }
}
