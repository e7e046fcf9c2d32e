package org.webcallcenter.media.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.quality.EModel.Codec;

class EModelTest {

    /*
     * Tolerances: the reference values below are published with two decimals (G.109 Table 1 / G.107
     * Figure B.1 R-to-MOS points) or were worked out by hand to two decimals, so anything within 0.01
     * (half a unit in the last published digit plus rounding of the intermediate terms) is a match.
     */
    private static final double TOLERANCE = 0.01;

    @Test
    void perfectChannelGivesDefaultRating() {
        assertEquals(93.2, EModel.rFactor(Codec.G711, 0, 0, 1), 1e-9);
        assertEquals(4.41, EModel.mos(EModel.rFactor(Codec.G711, 0, 0, 1)), TOLERANCE);
        assertEquals(4.41, EModel.mos(Codec.G711_PLC, 0, 0, 1), TOLERANCE);
    }

    @Test
    void mosMatchesPublishedRatingBoundaries() {
        // G.109: R 90 / 80 / 70 / 60 / 50 are the category boundaries; MOS-CQE values from G.107 Annex B.
        assertEquals(4.34, EModel.mos(90), TOLERANCE);
        assertEquals(4.03, EModel.mos(80), TOLERANCE);
        assertEquals(3.60, EModel.mos(70), TOLERANCE);
        assertEquals(3.10, EModel.mos(60), TOLERANCE);
        assertEquals(2.58, EModel.mos(50), TOLERANCE);
    }

    @Test
    void knownImpairmentValues() {
        // Hand-computed: Id(200) = 0.024*200 + 0.11*22.7 = 7.297
        assertEquals(7.30, EModel.delayImpairment(200), TOLERANCE);
        assertEquals(3.60, EModel.delayImpairment(150), TOLERANCE);
        // Ie,eff at 1 % random loss, no PLC: 95 * 1 / (1 + 4.3) = 17.92
        assertEquals(17.92, EModel.effectiveEquipmentImpairment(Codec.G711, 1, 1), TOLERANCE);
        // 5 % random loss with PLC: 95 * 5 / (5 + 25.1) = 15.78 -> R = 77.42
        assertEquals(77.42, EModel.rFactor(Codec.G711_PLC, 0, 5, 1), TOLERANCE);
        assertEquals(85.90, EModel.rFactor(Codec.G711, 200, 0, 1), TOLERANCE);
    }

    @Test
    void mosFallsMonotonicallyWithLossAndDelay() {
        for (Codec codec : new Codec[] { Codec.G711, Codec.G711_PLC }) {
            double previous = Double.MAX_VALUE;
            for (double loss = 0; loss <= 30; loss += 0.25) {
                double mos = EModel.mos(codec, 20, loss, 1);
                assertTrue(mos < previous, codec + " loss " + loss + " mos " + mos);
                previous = mos;
            }
            previous = Double.MAX_VALUE;
            for (double delay = 0; delay <= 600; delay += 5) {
                double mos = EModel.mos(codec, delay, 1, 1);
                assertTrue(mos < previous, codec + " delay " + delay + " mos " + mos);
                previous = mos;
            }
        }
        // bursty loss hurts more than random loss of the same rate
        assertTrue(EModel.mos(Codec.G711_PLC, 0, 5, 2) < EModel.mos(Codec.G711_PLC, 0, 5, 1));
    }

    @Test
    void plcKeepsFivePercentRandomLossAcceptable() {
        assertTrue(EModel.mos(Codec.G711_PLC, 0, 5, 1) > 3.5);
        assertTrue(EModel.mos(Codec.G711, 0, 5, 1) < 3.5, "without PLC the same loss is poor");
    }

    @Test
    void mosIsClamped() {
        assertEquals(1.0, EModel.mos(-20), 0);
        assertEquals(1.0, EModel.mos(Double.NaN), 0);
        assertEquals(4.5, EModel.mos(120), 0);
        assertEquals(1.0, EModel.mos(Codec.G711, 2000, 100, 1), 0);
    }
}
