package org.webcallcenter.media.rtcp;

/**
 * 64-bit NTP timestamps (RFC 3550 §4): seconds since 1 January 1900 in the high 32 bits, binary
 * fraction in the low 32 bits.
 */
public final class NtpTime {

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /**
     * @param unixNanos nanoseconds since 1970-01-01T00:00Z
     * @return the 64-bit NTP timestamp (wraps in 2036 as NTP era 0 does)
     */
    public static long fromUnixNanos(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L);
        long nanos = Math.floorMod(unixNanos, 1_000_000_000L);
        long fraction = (nanos << 32) / 1_000_000_000L;
        return ((seconds + UNIX_EPOCH_OFFSET_SECONDS) << 32) | fraction;
    }

    /** @return the middle 32 bits (16 bits of seconds, 16 of fraction), the unit of LSR and DLSR */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }

    /** Converts a duration to the 1/65536 s units of DLSR and RTT, saturating at 2^32-1. */
    public static long toShortUnits(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long units = Math.round(nanos * 65536.0 / 1e9);
        return Math.min(units, 0xFFFFFFFFL);
    }

    /** Converts 1/65536 s units to milliseconds. */
    public static double shortUnitsToMillis(long units) {
        return units * 1000.0 / 65536.0;
    }
}
