package org.webcallcenter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The audio oracle against values computed another way: closed-form levels of sines, a plain DFT sum, and
 * well-known G.711 µ-law codes.
 */
class TonesTest {
	@Test
	void rmsOfASineIsItsAmplitudeOverRootTwo() {
		double[] x = Tones.sine(1000, 8000, 1.0, 0.5);
		assertEquals(0.5 / Math.sqrt(2), Tones.rms(x), 1e-9);
		assertEquals(-9.0309, Tones.rmsDbfs(x), 1e-3); // 20 * log10(0.35355)
		assertEquals(-3.0103, Tones.rmsDbfs(Tones.sine(250, 8000, 1.0, 1.0)), 1e-3);
		assertEquals(Double.NEGATIVE_INFINITY, Tones.rmsDbfs(new double[800]));
		assertEquals(0.5, Tones.amplitude(Tones.rmsDbfs(x)), 1e-9);
	}

	@Test
	void toneLevelsOfAMixtureAreThoseOfItsComponents() {
		double[] a = Tones.sine(440, 8000, 1.0, 0.3);
		double[] b = Tones.sine(1000, 8000, 1.0, 0.1);
		double[] mix = new double[a.length];
		for (int i = 0; i < mix.length; i++) {
			mix[i] = a[i] + b[i];
		}
		assertEquals(20 * Math.log10(0.3 / Math.sqrt(2)), Tones.toneDbfs(mix, 8000, 440), 0.01);
		assertEquals(20 * Math.log10(0.1 / Math.sqrt(2)), Tones.toneDbfs(mix, 8000, 1000), 0.01);
		assertTrue(Tones.toneDbfs(mix, 8000, 1800) < -100, "no energy at 1800 Hz");
		assertEquals(440, Tones.dominant(mix, 8000, 1000, 440, 1800));
		assertEquals(1000, Tones.dominant(b, 8000, 440, 1000, 1800));
	}

	@Test
	void goertzelEqualsTheDirectFourierSum() {
		Random random = new Random(42);
		double[] x = new double[1234];
		for (int i = 0; i < x.length; i++) {
			x[i] = random.nextDouble() * 2 - 1;
		}
		for (double hz : new double[] { 440, 1000, 1234.5, 3999 }) {
			double re = 0;
			double im = 0;
			for (int n = 0; n < x.length; n++) {
				re += x[n] * Math.cos(2 * Math.PI * hz * n / 8000);
				im -= x[n] * Math.sin(2 * Math.PI * hz * n / 8000);
			}
			double direct = 2 * (re * re + im * im) / ((double) x.length * x.length);
			assertEquals(direct, Tones.power(x, 8000, hz), direct * 1e-9, "at " + hz + " Hz");
		}
	}

	@Test
	void segmentCutsBySeconds() {
		double[] x = Tones.sine(100, 8000, 2.0, 1.0);
		assertEquals(8000, Tones.segment(x, 8000, 0.5, 1.5).length);
		assertEquals(4000, Tones.segment(x, 8000, 1.5, 9).length);
		assertEquals(0, Tones.segment(x, 8000, 3, 4).length);
	}

	@Test
	void muLawGivesTheWellKnownCodes() {
		byte[] codes = Tones.muLaw(new double[] { 0, 1.0, -1.0, 2.0, -2.0 });
		assertEquals(0xFF, codes[0] & 0xFF, "zero");
		assertEquals(0x80, codes[1] & 0xFF, "positive full scale");
		assertEquals(0x00, codes[2] & 0xFF, "negative full scale");
		assertEquals(0x80, codes[3] & 0xFF, "clipped");
		assertEquals(0x00, codes[4] & 0xFF, "clipped");
	}

	@Test
	void muLawToneDecodesToTheSameTone() {
		double[] tone = Tones.sine(1000, 8000, 1.0, Tones.amplitude(-10));
		byte[] encoded = Tones.muLaw(tone);
		double[] decoded = new double[encoded.length];
		for (int i = 0; i < encoded.length; i++) {
			decoded[i] = decodeMuLaw(encoded[i]) / 32768.0;
		}
		assertEquals(1000, Tones.dominant(decoded, 8000, 440, 1000, 1800));
		assertEquals(-10, Tones.toneDbfs(decoded, 8000, 1000), 0.1);
	}

	/** G.711 µ-law expansion as the recommendation's table gives it (16-bit linear). */
	private static int decodeMuLaw(byte code) {
		int u = ~code & 0xFF;
		int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
		return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
	}
}
