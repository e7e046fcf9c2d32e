package org.webcallcenter.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.webcallcenter.media.codec.G711;

/**
 * The offer/answer model (RFC 3264) for the softphone: one G.711 audio stream plus RFC 4733
 * telephone events, plain RTP/AVP, no SRTP.
 */
public final class OfferAnswer {

    /** Payload type we offer for telephone-event/8000. */
    public static final int OFFER_TELEPHONE_EVENT_PT = 101;

    private static final String AVP = "RTP/AVP";
    private static final String AVPF = "RTP/AVPF";
    private static final String TELEPHONE_EVENT = "telephone-event";
    private static final int CLOCK_RATE = 8000;

    private OfferAnswer() {
    }

    /**
     * What the local side wants.
     *
     * @param codecs G.711 laws in order of preference, at least one
     * @param onHold whether we hold the call: we then only send (music on hold), never receive
     * @param ptime packetisation time in ms we ask for
     * @param sessionId o= session id
     * @param sessionVersion o= session version, to be increased by the caller for each new description
     */
    public record Preferences(List<G711.Law> codecs, boolean onHold, int ptime, long sessionId, long sessionVersion) {

        /** Validates and copies. */
        public Preferences {
            codecs = List.copyOf(codecs);
            if (codecs.isEmpty()) {
                throw new IllegalArgumentException("no codecs");
            }
            if (ptime <= 0 || sessionId < 0 || sessionVersion < 0) {
                throw new IllegalArgumentException("ptime must be positive, session id and version non-negative");
            }
        }

        /** @return PCMU then PCMA, not on hold, 20 ms, session id and version from the given id */
        public static Preferences defaults(long sessionId) {
            return new Preferences(List.of(G711.Law.MU_LAW, G711.Law.A_LAW), false, 20, sessionId, 1);
        }

        /** @return a copy with another hold state */
        public Preferences withHold(boolean hold) {
            return new Preferences(codecs, hold, ptime, sessionId, sessionVersion);
        }

        /** @return a copy with another session version */
        public Preferences withSessionVersion(long version) {
            return new Preferences(codecs, onHold, ptime, sessionId, version);
        }
    }

    /**
     * The outcome of answering an offer.
     *
     * @param description the answer to send; with every m-line at port 0 if nothing was accepted
     * @param accepted whether an audio stream was accepted; if not, the SIP layer should reply 488 Not
     *            Acceptable Here
     * @param failure why nothing was accepted, e.g. "no common codec"; empty if accepted
     * @param law the negotiated codec, null if not accepted
     * @param payloadType the payload type of the codec in the offer, -1 if not accepted
     * @param telephoneEventPayloadType the offered telephone-event/8000 payload type, -1 if none
     * @param direction our direction in the answer
     * @param remoteAddress where to send RTP, null if not accepted
     * @param remotePort the remote RTP port, 0 if not accepted
     * @param remoteRtcpPort the remote RTCP port (a=rtcp, same port with rtcp-mux, else RTP port + 1)
     */
    public record Answer(SessionDescription description, boolean accepted, String failure, G711.Law law,
            int payloadType, int telephoneEventPayloadType, Direction direction, String remoteAddress,
            int remotePort, int remoteRtcpPort) {
    }

    /** Failure reported when no offered audio format is one we support. */
    public static final String NO_COMMON_CODEC = "no common codec";

    /**
     * Answers an offer (RFC 3264 §6): accepts the first audio m-line offering one of our codecs over
     * RTP/AVP or RTP/AVPF, choosing the codec in our preference order, and rejects every other m-line
     * with port 0.
     *
     * @param offer the remote offer
     * @param localAddress our RTP address for c= and o=
     * @param localPort our RTP port
     * @param preferences our codecs, hold state and session id
     */
    public static Answer answer(SessionDescription offer, String localAddress, int localPort,
            Preferences preferences) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(preferences, "preferences");
        if (localPort <= 0 || localPort > 65535) {
            throw new IllegalArgumentException("local port " + localPort + " outside 1..65535");
        }
        Connection local = Connection.of(localAddress);
        List<MediaDescription> answered = new ArrayList<>();
        Answer result = null;
        for (MediaDescription m : offer.media()) {
            Optional<Answer> accepted = result == null ? acceptAudio(offer, m, preferences) : Optional.empty();
            if (accepted.isEmpty()) {
                answered.add(MediaDescription.of(m.media(), 0, m.protocol(), m.formats(), List.of()));
                continue;
            }
            result = accepted.get();
            List<String> formats = new ArrayList<>();
            List<Attribute> attributes = new ArrayList<>();
            formats.add(Integer.toString(result.payloadType()));
            attributes.add(Attribute.of("rtpmap", new RtpMap(result.payloadType(), encodingName(result.law()),
                    CLOCK_RATE, 1).toString()));
            int te = result.telephoneEventPayloadType();
            if (te >= 0) {
                formats.add(Integer.toString(te));
                attributes.add(Attribute.of("rtpmap", new RtpMap(te, TELEPHONE_EVENT, CLOCK_RATE, 1).toString()));
                attributes.add(Attribute.of("fmtp", te + " " + m.fmtp(Integer.toString(te)).orElse("0-15")));
            }
            attributes.add(Attribute.of("ptime", Integer.toString(preferences.ptime())));
            attributes.add(Attribute.property(result.direction().attributeName()));
            answered.add(MediaDescription.of(m.media(), localPort, m.protocol(), formats, attributes));
        }
        SessionDescription description = new SessionDescription(origin(local, preferences), "-", local, 0, 0,
                List.of(), List.of(), answered);
        if (result == null) {
            return new Answer(description, false, NO_COMMON_CODEC, null, -1, -1, Direction.INACTIVE, null, 0, 0);
        }
        return new Answer(description, true, "", result.law(), result.payloadType(),
                result.telephoneEventPayloadType(), result.direction(), result.remoteAddress(), result.remotePort(),
                result.remoteRtcpPort());
    }

    private static Optional<Answer> acceptAudio(SessionDescription offer, MediaDescription m, Preferences prefs) {
        Optional<Connection> connection = offer.connectionOf(m);
        if (!m.media().equals("audio") || m.port() == 0 || connection.isEmpty()
                || !(m.protocol().equals(AVP) || m.protocol().equals(AVPF))) {
            return Optional.empty();
        }
        for (G711.Law law : prefs.codecs()) {
            for (String format : m.formats()) {
                if (matches(m, format, law)) {
                    int te = telephoneEvent(m);
                    Direction theirs = offer.directionOf(m);
                    if (connection.get().isUnspecified()) {
                        theirs = theirs.intersect(Direction.SENDONLY); // RFC 2543 hold: do not send to them
                    }
                    Direction ours = theirs.reverse();
                    if (prefs.onHold()) {
                        ours = ours.intersect(Direction.SENDONLY);
                    }
                    int rtcp = m.rtcpPort().orElse(m.attribute("rtcp-mux").isPresent() ? m.port() : m.port() + 1);
                    return Optional.of(new Answer(null, true, "", law, SdpText.parseInt(format, 127), te, ours,
                            connection.get().address(), m.port(), Math.min(rtcp, 65535)));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matches(MediaDescription m, String format, G711.Law law) {
        Optional<RtpMap> map = m.rtpMap(format);
        if (map.isPresent()) {
            return map.get().is(encodingName(law), CLOCK_RATE) && map.get().channels() == 1;
        }
        return format.equals(Integer.toString(law.payloadType()));
    }

    private static int telephoneEvent(MediaDescription m) {
        for (String format : m.formats()) {
            Optional<RtpMap> map = m.rtpMap(format);
            if (map.isPresent() && map.get().is(TELEPHONE_EVENT, CLOCK_RATE)) {
                return map.get().payloadType();
            }
        }
        return -1;
    }

    /**
     * Creates an offer for an outgoing call: our codecs in preference order, telephone-event 101 with
     * events 0-16, the preferred ptime, sendrecv (sendonly on hold).
     *
     * @param localAddress our RTP address for c= and o=
     * @param localPort our RTP port
     * @param preferences our codecs, hold state and session id
     */
    public static SessionDescription offer(String localAddress, int localPort, Preferences preferences) {
        if (localPort <= 0 || localPort > 65535) {
            throw new IllegalArgumentException("local port " + localPort + " outside 1..65535");
        }
        Connection local = Connection.of(localAddress);
        List<String> formats = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        for (G711.Law law : preferences.codecs()) {
            formats.add(Integer.toString(law.payloadType()));
            attributes.add(Attribute.of("rtpmap",
                    new RtpMap(law.payloadType(), encodingName(law), CLOCK_RATE, 1).toString()));
        }
        formats.add(Integer.toString(OFFER_TELEPHONE_EVENT_PT));
        attributes.add(Attribute.of("rtpmap",
                new RtpMap(OFFER_TELEPHONE_EVENT_PT, TELEPHONE_EVENT, CLOCK_RATE, 1).toString()));
        attributes.add(Attribute.of("fmtp", OFFER_TELEPHONE_EVENT_PT + " 0-16"));
        attributes.add(Attribute.of("ptime", Integer.toString(preferences.ptime())));
        attributes.add(Attribute.property(
                (preferences.onHold() ? Direction.SENDONLY : Direction.SENDRECV).attributeName()));
        return new SessionDescription(origin(local, preferences), "-", local, 0, 0, List.of(), List.of(),
                List.of(MediaDescription.of("audio", localPort, AVP, formats, attributes)));
    }

    /** @return the RTP encoding name of a law (RFC 3551 Table 4) */
    public static String encodingName(G711.Law law) {
        return law == G711.Law.MU_LAW ? "PCMU" : "PCMA";
    }

    private static Origin origin(Connection local, Preferences preferences) {
        return new Origin("-", Long.toString(preferences.sessionId()), Long.toString(preferences.sessionVersion()),
                local);
    }
}
