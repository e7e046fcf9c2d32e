package org.webcallcenter.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.codec.G711;

class OfferAnswerTest {

    private static final OfferAnswer.Preferences PREFS = OfferAnswer.Preferences.defaults(42);

    private static OfferAnswer.Answer answer(String offer) throws SdpException {
        return answer(offer, PREFS);
    }

    private static OfferAnswer.Answer answer(String offer, OfferAnswer.Preferences prefs) throws SdpException {
        OfferAnswer.Answer answer = OfferAnswer.answer(SessionDescription.parse(offer), "198.51.100.5", 40000, prefs);
        // whatever we answer must itself be valid SDP
        assertEquals(answer.description(), SessionDescription.parse(answer.description().format()));
        return answer;
    }

    private static String sipPhone(String direction, String address) {
        return SdpSamples.SIP_PHONE.replace("a=sendrecv", direction).replace("c=IN IP4 192.0.2.10",
                "c=IN IP4 " + address);
    }

    @Test
    void plainSipPhoneOfferGetsPcmuWithTelephoneEvents() throws Exception {
        OfferAnswer.Answer answer = answer(SdpSamples.SIP_PHONE);
        assertTrue(answer.accepted());
        assertEquals("", answer.failure());
        assertEquals(G711.Law.MU_LAW, answer.law());
        assertEquals(0, answer.payloadType());
        assertEquals(101, answer.telephoneEventPayloadType());
        assertEquals(Direction.SENDRECV, answer.direction());
        assertEquals("192.0.2.10", answer.remoteAddress());
        assertEquals(11796, answer.remotePort());
        assertEquals(11797, answer.remoteRtcpPort());
        assertEquals(String.join("\r\n", "v=0", "o=- 42 1 IN IP4 198.51.100.5", "s=-", "c=IN IP4 198.51.100.5",
                "t=0 0", "m=audio 40000 RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-15", "a=ptime:20", "a=sendrecv", ""), answer.description().format());
    }

    @Test
    void preferenceOrderDecidesBetweenOfferedLaws() throws Exception {
        OfferAnswer.Preferences alawFirst = new OfferAnswer.Preferences(
                List.of(G711.Law.A_LAW, G711.Law.MU_LAW), false, 20, 1, 1);
        OfferAnswer.Answer answer = answer(SdpSamples.SIP_PHONE, alawFirst);
        assertEquals(G711.Law.A_LAW, answer.law());
        assertEquals(List.of("8", "101"), answer.description().media().get(0).formats());
    }

    @Test
    void codecIsFoundByRtpmapNameCaseInsensitively() throws Exception {
        String offer = SdpSamples.SIP_PHONE.replace("RTP/AVP 0 8 101", "RTP/AVP 96 101")
                .replace("a=rtpmap:0 PCMU/8000\n", "a=rtpmap:96 pcma/8000\n");
        OfferAnswer.Answer answer = answer(offer);
        assertEquals(G711.Law.A_LAW, answer.law());
        assertEquals(96, answer.payloadType());
        assertEquals(Optional.of(new RtpMap(96, "PCMA", 8000, 1)), answer.description().media().get(0).rtpMap("96"));
    }

    @Test
    void chromiumOfferRelayedByJanusGetsPcmuAndTheNarrowbandEventType() throws Exception {
        OfferAnswer.Answer answer = answer(SdpSamples.JANUS);
        assertTrue(answer.accepted());
        assertEquals(G711.Law.MU_LAW, answer.law());
        assertEquals(0, answer.payloadType());
        assertEquals(126, answer.telephoneEventPayloadType());
        assertEquals("203.0.113.7", answer.remoteAddress());
        assertEquals(50001, answer.remotePort());
        assertEquals(50001, answer.remoteRtcpPort(), "rtcp-mux");
        MediaDescription audio = answer.description().media().get(0);
        assertEquals(List.of("0", "126"), audio.formats());
        assertEquals(Optional.of("0-16"), audio.fmtp("126"));
        assertEquals(Optional.of(Direction.SENDRECV), audio.direction());
    }

    @Test
    void dtlsSrtpOfferIsNotAcceptedSinceWeOnlyDoPlainRtp() throws Exception {
        OfferAnswer.Answer answer = answer(SdpSamples.CHROMIUM);
        assertFalse(answer.accepted());
        assertEquals(0, answer.description().media().get(0).port());
        assertEquals("UDP/TLS/RTP/SAVPF", answer.description().media().get(0).protocol());
    }

    @Test
    void holdOffersGetTheMirroredDirection() throws Exception {
        assertEquals(Direction.RECVONLY, answer(sipPhone("a=sendonly", "192.0.2.10")).direction());
        assertEquals(Direction.SENDONLY, answer(sipPhone("a=recvonly", "192.0.2.10")).direction());
        assertEquals(Direction.INACTIVE, answer(sipPhone("a=inactive", "192.0.2.10")).direction());
        OfferAnswer.Answer oldStyle = answer(sipPhone("a=sendrecv", "0.0.0.0"));
        assertEquals(Direction.RECVONLY, oldStyle.direction());
        assertEquals(Optional.of(Direction.RECVONLY), oldStyle.description().media().get(0).direction());
        assertEquals(Direction.INACTIVE, answer(sipPhone("a=recvonly", "0.0.0.0")).direction());
    }

    @Test
    void ourHoldForcesSendOnly() throws Exception {
        OfferAnswer.Preferences hold = PREFS.withHold(true);
        assertEquals(Direction.SENDONLY, answer(SdpSamples.SIP_PHONE, hold).direction());
        assertEquals(Direction.INACTIVE, answer(sipPhone("a=sendonly", "192.0.2.10"), hold).direction());
        assertEquals(Direction.SENDONLY, answer(sipPhone("a=recvonly", "192.0.2.10"), hold).direction());
    }

    @Test
    void opusOnlyOfferHasNoCommonCodec() throws Exception {
        String offer = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
                "t=0 0", "m=audio 5004 RTP/AVP 111", "a=rtpmap:111 opus/48000/2", "");
        OfferAnswer.Answer answer = answer(offer);
        assertFalse(answer.accepted());
        assertEquals(OfferAnswer.NO_COMMON_CODEC, answer.failure());
        assertNull(answer.law());
        assertEquals(-1, answer.payloadType());
        MediaDescription rejected = answer.description().media().get(0);
        assertEquals(0, rejected.port());
        assertEquals(List.of("111"), rejected.formats());
    }

    @Test
    void videoIsRejectedWithPortZeroWhileAudioIsAnswered() throws Exception {
        String offer = SdpSamples.SIP_PHONE + "m=video 11798 RTP/AVP 96\na=rtpmap:96 H264/90000\n"
                + "m=audio 11800 RTP/AVP 8\n";
        OfferAnswer.Answer answer = answer(offer);
        assertTrue(answer.accepted());
        List<MediaDescription> media = answer.description().media();
        assertEquals(3, media.size(), "one answer m-line per offered m-line");
        assertEquals(40000, media.get(0).port());
        assertEquals("video", media.get(1).media());
        assertEquals(0, media.get(1).port());
        assertEquals(List.of("96"), media.get(1).formats());
        assertEquals(0, media.get(2).port(), "only one audio stream is accepted");
    }

    @Test
    void ipv6OfferIsAnsweredFromAnIpv6Address() throws Exception {
        String offer = String.join("\n", "v=0", "o=- 1 1 IN IP6 2001:db8::1", "s=-", "c=IN IP6 2001:db8::1",
                "t=0 0", "m=audio 5004 RTP/AVP 8 0", "");
        OfferAnswer.Answer answer = OfferAnswer.answer(SessionDescription.parse(offer), "2001:db8::5", 40000, PREFS);
        assertEquals("2001:db8::1", answer.remoteAddress());
        assertEquals(G711.Law.MU_LAW, answer.law());
        assertEquals(-1, answer.telephoneEventPayloadType());
        assertEquals(new Connection("IP6", "2001:db8::5"), answer.description().connection());
    }

    @Test
    void outgoingOfferListsG711AndTelephoneEvents() throws Exception {
        SessionDescription offer = OfferAnswer.offer("198.51.100.5", 40002, PREFS);
        assertEquals(String.join("\r\n", "v=0", "o=- 42 1 IN IP4 198.51.100.5", "s=-", "c=IN IP4 198.51.100.5",
                "t=0 0", "m=audio 40002 RTP/AVP 0 8 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16", "a=ptime:20", "a=sendrecv", ""),
                offer.format());
        assertEquals(Optional.of(Direction.SENDONLY),
                OfferAnswer.offer("198.51.100.5", 40002, PREFS.withHold(true)).media().get(0).direction());
        // a peer running our own answerer accepts our offer
        OfferAnswer.Answer answer = OfferAnswer.answer(SessionDescription.parse(offer.format()), "192.0.2.1", 5004,
                PREFS);
        assertEquals(101, answer.telephoneEventPayloadType());
        assertEquals(Optional.of("0-16"), answer.description().media().get(0).fmtp("101"));
    }
}
