package org.webcallcenter.media.quality;

/**
 * Call quality estimate from the ITU-T G.107 E-model, in the reduced form commonly used for VoIP
 * monitoring: all impairments other than delay and codec/loss are left at their G.107 defaults, which
 * gives the default transmission rating R0 - Is = 93.2 (G.107 §7.1 with Table 3 defaults).
 *
 * <pre>
 * R      = 93.2 - Id - Ie,eff
 * Id     = 0.024 d + 0.11 (d - 177.3) H(d - 177.3)         (one-way delay d in ms; H = step function)
 * Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl)     (G.107 §7.5, Ppl in percent)
 * MOS    = 1 + 0.035 R + R (R - 60) (100 - R) 7e-6          (G.107 Annex B, for 0 &lt; R &lt; 100)
 * </pre>
 * The delay term is the widely used straight-line fit of G.107's Idd/Idte for a well-echo-cancelled
 * path, not the full formula. Codec constants come from ITU-T G.113 Appendix I: G.711 has Ie = 0 and
 * Bpl = 4.3 without packet loss concealment, 25.1 with it.
 *
 * <p>The agent workstation uses this to show a call quality indicator from RTCP statistics
 * (loss from {@link JitterStats}, delay from round-trip time plus jitter buffer delay).
 */
public final class EModel {

    /** Default transmission rating with only delay and equipment impairments left (G.107). */
    public static final double R_DEFAULT = 93.2;

    /**
     * Equipment impairment values of a codec (ITU-T G.113 Appendix I).
     *
     * @param ie equipment impairment factor without loss
     * @param bpl packet-loss robustness factor
     */
    public record Codec(double ie, double bpl) {
        /** G.711 without packet loss concealment. */
        public static final Codec G711 = new Codec(0, 4.3);
        /** G.711 with packet loss concealment (G.711 Appendix I). */
        public static final Codec G711_PLC = new Codec(0, 25.1);

        /** Validates the factors. */
        public Codec {
            if (ie < 0 || bpl <= 0) {
                throw new IllegalArgumentException("need ie >= 0 and bpl > 0, got ie=" + ie + " bpl=" + bpl);
            }
        }
    }

    private EModel() {
    }

    /**
     * Delay impairment Id for a one-way mouth-to-ear delay.
     *
     * @param oneWayDelayMs one-way delay in ms, negative values are treated as 0
     */
    public static double delayImpairment(double oneWayDelayMs) {
        double d = Math.max(0, oneWayDelayMs);
        double id = 0.024 * d;
        if (d > 177.3) {
            id += 0.11 * (d - 177.3);
        }
        return id;
    }

    /**
     * Effective equipment impairment Ie,eff (G.107 §7.5).
     *
     * @param codec the codec's Ie and Bpl
     * @param packetLossPercent packet loss probability Ppl in percent, clamped to 0..100
     * @param burstRatio BurstR: 1 for random loss, &gt; 1 for bursty loss; values below 1 are treated as 1
     */
    public static double effectiveEquipmentImpairment(Codec codec, double packetLossPercent, double burstRatio) {
        double ppl = Math.max(0, Math.min(100, packetLossPercent));
        double burstR = Math.max(1, burstRatio);
        return codec.ie() + (95 - codec.ie()) * ppl / (ppl / burstR + codec.bpl());
    }

    /**
     * Transmission rating factor R.
     *
     * @see #delayImpairment(double)
     * @see #effectiveEquipmentImpairment(Codec, double, double)
     */
    public static double rFactor(Codec codec, double oneWayDelayMs, double packetLossPercent, double burstRatio) {
        return R_DEFAULT - delayImpairment(oneWayDelayMs)
                - effectiveEquipmentImpairment(codec, packetLossPercent, burstRatio);
    }

    /**
     * Estimated mean opinion score (conversational quality, MOS-CQE) from R, G.107 Annex B (B-4),
     * clamped to 1..4.5.
     */
    public static double mos(double r) {
        if (Double.isNaN(r) || r <= 0) {
            return 1.0;
        }
        if (r >= 100) {
            return 4.5;
        }
        double mos = 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
        return Math.max(1.0, Math.min(4.5, mos));
    }

    /** Convenience: {@code mos(rFactor(...))}. */
    public static double mos(Codec codec, double oneWayDelayMs, double packetLossPercent, double burstRatio) {
        return mos(rFactor(codec, oneWayDelayMs, packetLossPercent, burstRatio));
    }
}
