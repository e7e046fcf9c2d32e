package org.webcallcenter.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.codec.G711.Law;

class G711Test {

    @Test
    void roundTripErrorIsWithinHalfAStepForEveryInput() {
        for (Law law : Law.values()) {
            for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
                byte code = law.encode(x);
                int error = Math.abs(law.decode(code) - x);
                int step = G711.stepSize(law, code);
                boolean clipped = law == Law.MU_LAW && Math.abs(x) > 32635;
                int bound = clipped ? step : step / 2;
                assertTrue(error <= bound, law + " x=" + x + " code=0x" + Integer.toHexString(code & 0xFF)
                        + " decoded=" + law.decode(code) + " error=" + error + " bound=" + bound);
            }
        }
    }

    @Test
    void knownCodePoints() {
        assertEquals(0, G711.ulawToLinear((byte) 0xFF));
        assertEquals(0, G711.ulawToLinear((byte) 0x7F));
        assertEquals(8, G711.alawToLinear((byte) 0xD5));
        assertEquals(-8, G711.alawToLinear((byte) 0x55));
        assertEquals((byte) 0xFF, G711.linearToUlaw(0));
        assertEquals((byte) 0xD5, G711.linearToAlaw(0));
        assertEquals((byte) 0x55, G711.linearToAlaw(-1));
        // Full scale: µ-law 0x80 / 0x00, A-law 0xAA / 0x2A (segment 7, step 15, sign bit)
        assertEquals(32124, G711.ulawToLinear((byte) 0x80));
        assertEquals(-32124, G711.ulawToLinear((byte) 0x00));
        assertEquals(32256, G711.alawToLinear((byte) 0xAA));
        assertEquals(-32256, G711.alawToLinear((byte) 0x2A));
        assertEquals((byte) 0x80, G711.linearToUlaw(Short.MAX_VALUE));
        assertEquals((byte) 0xAA, G711.linearToAlaw(Short.MAX_VALUE));
        assertEquals(Law.MU_LAW.encode(0), Law.MU_LAW.silence());
        assertEquals(0, Law.MU_LAW.payloadType());
        assertEquals(8, Law.A_LAW.payloadType());
    }

    @Test
    void decodeTablesAreSymmetric() {
        for (int c = 0; c < 128; c++) {
            assertEquals(-G711.ulawToLinear((byte) c), G711.ulawToLinear((byte) (c | 0x80)), "µ-law 0x" + c);
            assertEquals(-G711.alawToLinear((byte) c), G711.alawToLinear((byte) (c | 0x80)), "A-law 0x" + c);
        }
    }

    @Test
    void encodingIsMonotonic() {
        for (Law law : Law.values()) {
            int previous = Integer.MIN_VALUE;
            for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
                int decoded = law.decode(law.encode(x));
                assertTrue(decoded >= previous, law + " not monotonic at x=" + x);
                previous = decoded;
            }
        }
    }

    @Test
    void sineSurvivesRoundTripWithGoodSnr() {
        for (Law law : Law.values()) {
            double signal = 0;
            double noise = 0;
            for (int n = 0; n < 8000; n++) {
                int x = (int) Math.round(16000 * Math.sin(2 * Math.PI * 1000 * n / 8000.0 + 0.3));
                int y = law.decode(law.encode(x));
                signal += (double) x * x;
                noise += (double) (y - x) * (y - x);
            }
            double snr = 10 * Math.log10(signal / noise);
            assertTrue(snr > 30, law + " SNR " + snr + " dB");
        }
    }

    @Test
    void outOfRangeInputsSaturate() {
        assertEquals(G711.linearToUlaw(Short.MAX_VALUE), G711.linearToUlaw(100_000));
        assertEquals(G711.linearToAlaw(Short.MIN_VALUE), G711.linearToAlaw(-100_000));
    }
}
