package org.webcallcenter.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.quality.ToneAnalysis;
import org.webcallcenter.media.session.RtpSession;
import org.webcallcenter.testing.Poll;

/** The headless mode and signals, without any sound device. */
class HeadlessAudioTest {

    @Test
    void headlessInputIsSilenceAndOutputDiscards() throws AudioDeviceException {
        AudioMode mode = AudioMode.headless();
        assertTrue(mode.isHeadless());
        try (AudioInput in = mode.openInput("no such device"); AudioOutput out = mode.openOutput("nor this")) {
            assertArrayEquals(new short[RtpSession.SAMPLES_PER_FRAME], in.nextFrame());
            out.play(new short[RtpSession.SAMPLES_PER_FRAME]);
            out.play(new short[RtpSession.SAMPLES_PER_FRAME]);
            assertEquals(2, out.frames());
            assertEquals(0, out.drops());
        }
    }

    @Test
    void headlessInputCanSendATestTone() throws AudioDeviceException {
        AudioMode mode = AudioMode.headless(() -> ToneSource.testTone(1000, -20));
        try (AudioInput in = mode.openInput(AudioDevices.SYSTEM_DEFAULT)) {
            short[] frame = in.nextFrame();
            assertEquals(-20, ToneAnalysis.rmsDbfs(frame), 0.1);
        }
    }

    @Test
    void theSystemPropertySelectsTheMode() {
        String before = System.getProperty(AudioMode.PROPERTY);
        try {
            System.setProperty(AudioMode.PROPERTY, "headless");
            assertTrue(AudioMode.fromSystemProperty().isHeadless());
            System.clearProperty(AudioMode.PROPERTY);
            assertFalse(AudioMode.fromSystemProperty().isHeadless());
        } finally {
            if (before == null) {
                System.clearProperty(AudioMode.PROPERTY);
            } else {
                System.setProperty(AudioMode.PROPERTY, before);
            }
        }
    }

    @Test
    void theCallOfferedBeepIsTwoShortTones() {
        Signal beep = Signal.callOffered();
        assertEquals(Duration.ofMillis(300), beep.duration());
        short[] x = beep.render();
        assertEquals(2400, x.length);
        short[] first = Arrays.copyOfRange(x, 0, 800);
        short[] gap = Arrays.copyOfRange(x, 800, 1600);
        short[] second = Arrays.copyOfRange(x, 1600, 2400);
        assertEquals(880, ToneAnalysis.dominantFrequency(first, 8000, 440, 880, 1000));
        assertEquals(880, ToneAnalysis.dominantFrequency(second, 8000, 440, 880, 1000));
        assertEquals(-12, ToneAnalysis.toneLevelDbfs(first, 880, 8000), 1.0);
        assertEquals(Double.NEGATIVE_INFINITY, ToneAnalysis.rmsDbfs(gap));
        assertEquals(0, x[0], "fades in");
        assertTrue(Math.abs(x[799]) < 200, "fades out");
        assertEquals(Duration.ofSeconds(3), Signal.ring().duration());
    }

    @Test
    void headlessPlayCompletesAfterTheSignalsDuration() {
        TonePlayer player = AudioMode.headless().tonePlayer("any");
        Signal beep = Signal.callOffered();
        long start = System.nanoTime();
        CompletableFuture<Void> done = player.play(beep).toCompletableFuture();
        Poll.until("the beep to complete", done::isDone);
        long elapsed = System.nanoTime() - start;
        assertFalse(done.isCompletedExceptionally());
        assertTrue(elapsed >= beep.duration().toNanos(),
                "completed after " + elapsed / 1_000_000 + " ms, before the beep's " + beep.duration().toMillis() + " ms");
    }

    @Test
    void headlessRingingRunsUntilStopped() {
        TonePlayer player = AudioMode.headless().tonePlayer("any");
        TonePlayer.Playing ringing = player.repeat(Signal.ring());
        CompletionStage<Void> stopped = ringing.stopped();
        assertFalse(stopped.toCompletableFuture().isDone());
        ringing.close();
        Poll.until("ringing to stop", () -> stopped.toCompletableFuture().isDone());
    }
}
