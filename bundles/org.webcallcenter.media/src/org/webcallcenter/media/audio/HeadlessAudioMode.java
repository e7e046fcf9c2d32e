package org.webcallcenter.media.audio;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.webcallcenter.media.session.FrameSource;
import org.webcallcenter.media.session.RtpSession;

/** {@link AudioMode#headless()}: silence or a supplied source in, nothing out. */
final class HeadlessAudioMode implements AudioMode {
    private final Supplier<? extends FrameSource> input;

    HeadlessAudioMode(Supplier<? extends FrameSource> input) {
        this.input = input;
    }

    @Override
    public boolean isHeadless() {
        return true;
    }

    @Override
    public AudioInput openInput(String device) {
        FrameSource source = input.get();
        return new AudioInput() {
            @Override
            public short[] nextFrame() {
                short[] frame = source == null ? null : source.nextFrame();
                return frame == null ? new short[RtpSession.SAMPLES_PER_FRAME] : frame;
            }

            @Override
            public long underruns() {
                return 0;
            }

            @Override
            public long overruns() {
                return 0;
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
    }

    @Override
    public AudioOutput openOutput(String device) {
        AtomicLong frames = new AtomicLong();
        return new AudioOutput() {
            @Override
            public void play(short[] pcm) {
                frames.incrementAndGet();
            }

            @Override
            public long frames() {
                return frames.get();
            }

            @Override
            public long drops() {
                return 0;
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
    }

    @Override
    public TonePlayer tonePlayer(String device) {
        return new HeadlessTonePlayer();
    }

    @Override
    public String toString() {
        return "headless audio";
    }
}
