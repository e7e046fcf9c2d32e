package org.webcallcenter.media.session;

/**
 * Call quality at one instant, for the agent's quality indicator.
 *
 * @param jitterMs interarrival jitter of the received stream (RFC 3550), ms
 * @param lossPercent received-stream packets lost / expected, percent (0 before anything arrived)
 * @param rttMs last round-trip time from RTCP, ms, or {@code NaN} before any report came back
 * @param mos estimated MOS (ITU-T G.107 E-model, G.711 with PLC); the one-way delay is half the RTT
 *        (0 if unknown) plus the jitter buffer's target delay
 * @param packetsSent RTP packets sent
 * @param packetsReceived valid RTP packets accepted from the peer
 * @param malformedPackets datagrams on the RTP port that were not valid RTP
 * @param ignoredPackets valid RTP packets ignored (other SSRC once locked, other payload type or size)
 * @param concealedFrames frames played as packet loss concealment
 * @param rtcpReportsReceived compound RTCP packets accepted
 * @param malformedRtcp datagrams on the RTCP port that were not valid compound RTCP
 */
public record QualitySnapshot(double jitterMs, double lossPercent, double rttMs, double mos, long packetsSent,
        long packetsReceived, long malformedPackets, long ignoredPackets, long concealedFrames,
        long rtcpReportsReceived, long malformedRtcp) {
}
