package org.webcallcenter.sip.api;

import java.util.OptionalDouble;

/**
 * Voice quality of one call so far, what the call center judges gateways by: interarrival jitter and loss as
 * received (RFC 3550 §6.4), round-trip time from RTCP when the far end sends reports, and an estimated MOS from
 * the ITU-T G.107 E-model.
 *
 * @param codec        payload type name, for example {@code PCMU}
 * @param jitterMs     interarrival jitter of the received stream, in milliseconds
 * @param lossPercent  received packets lost, in percent of those expected
 * @param roundTripMs  round-trip time from RTCP, when known
 * @param mos          estimated listening MOS, 1.0 to 4.5
 */
public record VoiceQuality(String codec, double jitterMs, double lossPercent, OptionalDouble roundTripMs, double mos) {
	public VoiceQuality {
		codec = codec == null ? "" : codec;
		roundTripMs = roundTripMs == null ? OptionalDouble.empty() : roundTripMs;
		if (mos < 1.0 || mos > 4.5) {
			throw new IllegalArgumentException("A MOS lies between 1.0 and 4.5, not " + mos);
		}
	}
}
