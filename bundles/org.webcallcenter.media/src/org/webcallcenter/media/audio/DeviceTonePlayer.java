package org.webcallcenter.media.audio;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.webcallcenter.media.session.RtpSession;

/**
 * Plays signals on a javax.sound output, one thread ({@code wcc-audio-tone-N}) per signal being played. A signal
 * played once is followed by {@value #TAIL_MS} ms of silence before the line closes: through PulseAudio, closing
 * the line right after the last sample has been taken can discard audio still queued in the sound server. Before
 * the signal, silence is written until the line is seen playing in real time ({@value #PRIME_MS} ms of it): a new
 * line through PulseAudio may otherwise swallow what is written, a whole short beep among them (see
 * {@link PcmOutput#prime}); a line that does not get there within a second is opened again.
 */
final class DeviceTonePlayer implements TonePlayer {
    private static final int LINE_BUFFER_MS = 60;
    static final int TAIL_MS = 200;
    /** Silence played in real time before a signal, so the line is known to be playing; see {@link PcmOutput#prime}. */
    static final int PRIME_MS = 100;
    /** Lines opened, at most, before a signal is played on one not seen playing in real time. */
    static final int OPEN_ATTEMPTS = 3;
    private static final long PRIME_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String device;
    private final List<Integer> rates;

    DeviceTonePlayer(String device, List<Integer> rates) {
        this.device = device;
        this.rates = List.copyOf(rates);
    }

    @Override
    public CompletionStage<Void> play(Signal signal) {
        return start(signal, false).done;
    }

    @Override
    public Playing repeat(Signal signal) {
        return start(signal, true);
    }

    private Run start(Signal signal, boolean repeat) {
        Run run = new Run(signal.render(), signal.duration().toNanos(), repeat);
        Thread thread = new Thread(run, "wcc-audio-tone-" + IDS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        return run;
    }

    private final class Run implements Runnable, Playing {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final short[] samples;
        private final long nanos;
        private final boolean repeat;
        private volatile boolean stopped;
        private PcmOutput output;

        Run(short[] samples, long nanos, boolean repeat) {
            this.samples = samples;
            this.nanos = nanos;
            this.repeat = repeat;
        }

        @Override
        public void run() {
            try (PcmOutput out = openPlaying()) {
                short[] frame = new short[RtpSession.SAMPLES_PER_FRAME];
                long start = System.nanoTime();
                do {
                    for (int at = 0; at < samples.length && !stopped; at += frame.length) {
                        int n = Math.min(frame.length, samples.length - at);
                        System.arraycopy(samples, at, frame, 0, n);
                        out.write(frame, n);
                    }
                } while (repeat && !stopped);
                if (!stopped) {
                    Arrays.fill(frame, (short) 0);
                    for (int i = 0; i < TAIL_MS / 20; i++) {
                        out.write(frame, frame.length);
                    }
                    long end = start + nanos + TimeUnit.MILLISECONDS.toNanos(TAIL_MS);
                    out.awaitPlayed(end, end + GRACE_NANOS);
                }
                done.complete(null);
            } catch (AudioDeviceException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        /**
         * Opens the line and primes it. A new line may swallow what is first written without playing it: the signal
         * starts only once the line plays in real time, or a beep could be lost whole while the line's position
         * says it was played. A line that does not get there is closed and opened again, at most
         * {@value #OPEN_ATTEMPTS} times; the last one is used anyway.
         */
        private PcmOutput openPlaying() throws AudioDeviceException {
            for (int attempt = 1;; attempt++) {
                PcmOutput out = PcmOutput.open(device, rates, LINE_BUFFER_MS);
                synchronized (this) {
                    output = out;
                }
                if (out.prime(PRIME_MS, System.nanoTime() + PRIME_NANOS) || stopped || attempt == OPEN_ATTEMPTS) {
                    return out;
                }
                out.close();
            }
        }

        @Override
        public void stop() {
            stopped = true;
            synchronized (this) {
                if (output != null) {
                    output.stop();
                }
            }
        }

        @Override
        public CompletionStage<Void> stopped() {
            return done;
        }
    }
}
