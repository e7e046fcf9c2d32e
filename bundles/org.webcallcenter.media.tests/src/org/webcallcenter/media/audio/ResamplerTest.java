package org.webcallcenter.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.quality.ToneAnalysis;

class ResamplerTest {

    private static short[] sine(double hz, double dbfs, int samples, int rate) {
        double amplitude = ToneAnalysis.FULL_SCALE * Math.pow(10, dbfs / 20);
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * n / rate));
        }
        return out;
    }

    /** Drops the filters' start-up transient: the first {@code skip} samples. */
    private static short[] settled(short[] x, int skip) {
        return Arrays.copyOfRange(x, skip, x.length);
    }

    @Test
    void aToneSurvives48kTo8kAndBack() {
        short[] original = sine(1000, -6, 48_000, 48_000);
        short[] down = new Resampler(48_000, 8000).process(original);
        assertEquals(8000, down.length, "one second at 8 kHz");
        short[] narrow = settled(down, 800);
        assertEquals(1000, ToneAnalysis.dominantFrequency(narrow, 8000, 500, 1000, 2000, 3000));
        assertEquals(-6, ToneAnalysis.toneLevelDbfs(narrow, 1000, 8000), 0.2, "level at 8 kHz");

        short[] up = new Resampler(8000, 48_000).process(down);
        assertEquals(48_000, up.length, "one second at 48 kHz again");
        short[] wide = settled(up, 9600);
        assertEquals(1000, ToneAnalysis.dominantFrequency(wide, 48_000, 500, 1000, 2000, 3000, 7000, 9000));
        assertEquals(-6, ToneAnalysis.toneLevelDbfs(wide, 1000, 48_000), 0.2, "level back at 48 kHz");
        // The images of interpolation (7 and 9 kHz around the 8 kHz rate) are filtered out.
        assertTrue(ToneAnalysis.toneLevelDbfs(wide, 7000, 48_000) < -50, "image at 7 kHz");
        assertTrue(ToneAnalysis.toneLevelDbfs(wide, 9000, 48_000) < -50, "image at 9 kHz");
    }

    @Test
    void aToneAbove4kHzDoesNotAliasInto8k() {
        // 5 kHz at 48 kHz would appear as 3 kHz after keeping every sixth sample.
        short[] original = sine(5000, -6, 48_000, 48_000);
        short[] naive = new short[8000];
        for (int n = 0; n < naive.length; n++) {
            naive[n] = original[6 * n];
        }
        double naiveAlias = ToneAnalysis.toneLevelDbfs(settled(naive, 800), 3000, 8000);
        assertEquals(-6, naiveAlias, 0.5, "the alias the filter must remove");

        short[] down = settled(new Resampler(48_000, 8000).process(original), 800);
        double alias = ToneAnalysis.toneLevelDbfs(down, 3000, 8000);
        assertTrue(naiveAlias - alias >= 30, "alias at 3 kHz attenuated by " + (naiveAlias - alias) + " dB");
        assertTrue(ToneAnalysis.rmsDbfs(down) < -36, "whole output at " + ToneAnalysis.rmsDbfs(down) + " dBFS");
    }

    @Test
    void otherDeviceRatesKeepFrequencyAndLevel() {
        for (int rate : new int[] { 16_000, 44_100 }) {
            short[] original = sine(1000, -12, 8000, 8000);
            short[] wide = new Resampler(8000, rate).process(original);
            assertEquals(rate, wide.length, 1, "one second at " + rate + " Hz");
            short[] back = settled(new Resampler(rate, 8000).process(wide), 800);
            assertEquals(8000, back.length + 800, 1);
            assertEquals(1000, ToneAnalysis.dominantFrequency(back, 8000, 500, 1000, 2000, 3000));
            assertEquals(-12, ToneAnalysis.toneLevelDbfs(back, 1000, 8000), 0.2, "level after " + rate + " Hz");
        }
    }

    @Test
    void blocksOfAnySizeGiveTheSameOutputAsOneBlock() {
        short[] input = sine(1234, -3, 4410, 44_100);
        short[] whole = new Resampler(44_100, 8000).process(input);
        Resampler streaming = new Resampler(44_100, 8000);
        short[] pieces = new short[whole.length + 10];
        int written = 0;
        int at = 0;
        int[] sizes = { 1, 7, 441, 882, 13, 100 };
        for (int i = 0; at < input.length; i++) {
            int len = Math.min(sizes[i % sizes.length], input.length - at);
            written += streaming.process(input, at, len, pieces, written);
            at += len;
        }
        assertArrayEquals(whole, Arrays.copyOf(pieces, written));
    }

    @Test
    void a20msFrameAt8kIsExactlyA20msFrameAtTheDeviceRate() {
        Resampler up = new Resampler(8000, 48_000);
        Resampler up44 = new Resampler(8000, 44_100);
        Resampler same = new Resampler(8000, 8000);
        short[] frame = sine(1000, -6, 160, 8000);
        for (int i = 0; i < 5; i++) {
            assertEquals(960, up.process(frame).length);
            assertEquals(882, up44.process(frame).length);
            assertArrayEquals(frame, same.process(frame));
        }
    }
}
