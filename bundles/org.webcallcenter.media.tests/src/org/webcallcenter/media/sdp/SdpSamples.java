package org.webcallcenter.media.sdp;

/** Offers as real peers send them, shared by the SDP tests. */
final class SdpSamples {

    private SdpSamples() {
    }

    /** A desk phone offering PCMU, PCMA and telephone-event 101, LF line ends. */
    static final String SIP_PHONE = """
            v=0
            o=yealink 1916 1916 IN IP4 192.0.2.10
            s=SDP data
            c=IN IP4 192.0.2.10
            t=0 0
            m=audio 11796 RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=ptime:20
            a=sendrecv
            """;

    /** A Chromium offer as it leaves the browser: DTLS-SRTP, ICE, BUNDLE, CRLF line ends. */
    static final String CHROMIUM = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=extmap-allow-mixed",
            "a=msid-semantic: WMS 3d5c",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 110 126",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:Zx1b",
            "a=ice-pwd:9KmMfGxYdoAUvaV6YLnOrHmE",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64",
            "a=setup:actpass",
            "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=sendrecv",
            "a=msid:3d5c 9a1e",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:63 red/48000/2",
            "a=fmtp:63 111/111",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:110 telephone-event/48000",
            "a=rtpmap:126 telephone-event/8000",
            "a=ssrc:1853367207 cname:kbnWpVqSvVDTUBx+",
            "");

    /** The same browser offer as relayed by Janus to the SIP side: plain RTP/AVP, odd port, rtcp-mux. */
    static final String JANUS = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 203.0.113.7",
            "s=Janus SIP plugin",
            "t=0 0",
            "m=audio 50001 RTP/AVP 111 63 9 0 8 110 126",
            "c=IN IP4 203.0.113.7",
            "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=sendrecv",
            "a=msid:3d5c 9a1e",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:63 red/48000/2",
            "a=fmtp:63 111/111",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:110 telephone-event/48000",
            "a=rtpmap:126 telephone-event/8000",
            "a=fmtp:126 0-16",
            "");
}
