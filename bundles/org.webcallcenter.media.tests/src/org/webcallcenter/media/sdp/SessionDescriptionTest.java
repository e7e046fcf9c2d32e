package org.webcallcenter.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

    @Test
    void parsesPlainSipPhoneOffer() throws Exception {
        SessionDescription sdp = SessionDescription.parse(SdpSamples.SIP_PHONE);
        assertEquals("yealink", sdp.origin().username());
        assertEquals("1916", sdp.origin().sessionVersion());
        assertEquals("SDP data", sdp.sessionName());
        assertEquals(new Connection("IP4", "192.0.2.10"), sdp.connection());
        assertEquals(1, sdp.media().size());
        MediaDescription audio = sdp.media().get(0);
        assertEquals("audio", audio.media());
        assertEquals(11796, audio.port());
        assertEquals("RTP/AVP", audio.protocol());
        assertEquals(List.of("0", "8", "101"), audio.formats());
        assertEquals(Optional.of(new RtpMap(101, "telephone-event", 8000, 1)), audio.rtpMap("101"));
        assertEquals(Optional.of("0-15"), audio.fmtp("101"));
        assertEquals(OptionalInt.of(20), audio.ptime());
        assertEquals(Direction.SENDRECV, sdp.directionOf(audio));
        assertNull(audio.connection());
        assertEquals(Optional.of(sdp.connection()), sdp.connectionOf(audio));
    }

    @Test
    void parsesChromiumOfferKeepingUnknownAttributes() throws Exception {
        SessionDescription sdp = SessionDescription.parse(SdpSamples.CHROMIUM);
        assertEquals("4611731400430051336", sdp.origin().sessionId());
        assertNull(sdp.connection());
        assertEquals("group", sdp.attributes().get(0).name());
        assertEquals("BUNDLE 0", sdp.attributes().get(0).value());
        MediaDescription audio = sdp.media().get(0);
        assertEquals("UDP/TLS/RTP/SAVPF", audio.protocol());
        assertEquals(new Connection("IP4", "0.0.0.0"), audio.connection());
        assertEquals(OptionalInt.of(9), audio.rtcpPort());
        assertEquals(Optional.of(Attribute.property("rtcp-mux")), audio.attribute("rtcp-mux"));
        assertEquals("sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64",
                audio.attribute("fingerprint").orElseThrow().value());
        assertEquals("1853367207 cname:kbnWpVqSvVDTUBx+", audio.attribute("ssrc").orElseThrow().value());
        assertEquals(Optional.of(new RtpMap(111, "opus", 48000, 2)), audio.rtpMap("111"));
        assertEquals(Optional.of("minptime=10;useinbandfec=1"), audio.fmtp("111"));
        assertEquals(OptionalInt.empty(), audio.ptime());
    }

    @Test
    void formatRoundTripsWithCrlf() throws Exception {
        for (String text : List.of(SdpSamples.SIP_PHONE, SdpSamples.CHROMIUM, SdpSamples.JANUS)) {
            SessionDescription sdp = SessionDescription.parse(text);
            String formatted = sdp.format();
            assertTrue(formatted.endsWith("\r\n"));
            assertFalse(formatted.replace("\r\n", "").contains("\n"));
            assertEquals(sdp, SessionDescription.parse(formatted));
        }
        assertEquals(SdpSamples.CHROMIUM, SessionDescription.parse(SdpSamples.CHROMIUM).format());
        assertEquals(SdpSamples.SIP_PHONE.replace("\n", "\r\n"),
                SessionDescription.parse(SdpSamples.SIP_PHONE).format());
    }

    @Test
    void parsesIpv6ConnectionAtSessionAndMediaLevel() throws Exception {
        SessionDescription sdp = SessionDescription.parse("""
                v=0
                o=- 1 1 IN IP6 2001:db8::1
                s=-
                c=IN IP6 2001:db8::1
                t=0 0
                m=audio 4000 RTP/AVP 0
                m=audio 4002 RTP/AVP 8
                c=IN IP6 2001:db8::2
                """);
        assertEquals(new Connection("IP6", "2001:db8::1"), sdp.connection());
        assertEquals("IP6", sdp.origin().connection().addressType());
        assertEquals("2001:db8::2", sdp.connectionOf(sdp.media().get(1)).orElseThrow().address());
        assertEquals("2001:db8::1", sdp.connectionOf(sdp.media().get(0)).orElseThrow().address());
        assertEquals("IN IP6 2001:db8::1", Connection.of("2001:db8::1").toString());
    }

    @Test
    void directionAtSessionLevelAppliesUnlessMediaOverrides() throws Exception {
        SessionDescription sdp = SessionDescription.parse("""
                v=0
                o=- 1 1 IN IP4 192.0.2.1
                s=-
                c=IN IP4 192.0.2.1
                t=0 0
                a=sendonly
                m=audio 4000 RTP/AVP 0
                m=audio 4002 RTP/AVP 0
                a=inactive
                """);
        assertEquals(Optional.of(Direction.SENDONLY), sdp.direction());
        assertEquals(Direction.SENDONLY, sdp.directionOf(sdp.media().get(0)));
        assertEquals(Direction.INACTIVE, sdp.directionOf(sdp.media().get(1)));
    }

    @Test
    void keepsUnmodelledLinesInOrder() throws Exception {
        String text = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "i=info",
                "c=IN IP4 192.0.2.1", "b=AS:64", "t=0 0", "t=5 6", "m=audio 4000/2 RTP/AVP 0", "i=voice",
                "c=IN IP4 192.0.2.2", "b=TIAS:64000", "a=maxptime:40", "m=video 0 RTP/AVP", "");
        SessionDescription sdp = SessionDescription.parse(text);
        assertEquals(List.of("i=info", "b=AS:64", "t=5 6"), sdp.otherLines());
        assertEquals(2, sdp.media().get(0).portCount());
        assertEquals(List.of("i=voice", "b=TIAS:64000"), sdp.media().get(0).otherLines());
        assertEquals(List.of(), sdp.media().get(1).formats());
        assertEquals(text, sdp.format());
    }

    @Test
    void malformedLinesAreReportedByNumberAndText() {
        String head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
        assertMalformed(head + "m=audio abc RTP/AVP 0\r\n", 6, "m=audio abc RTP/AVP 0", "port");
        assertMalformed(head + "m=audio 70000 RTP/AVP 0\r\n", 6, "m=audio 70000", "port");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0 x\r\n", 6, "RTP/AVP 0 x", "format 'x'");
        assertMalformed(head + "m=audio 4000 RTP/AVP 128\r\n", 6, "128", "payload type");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", 7, "a=rtpmap:0 PCMU", "rtpmap");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/abc\r\n", 7, "PCMU/abc", "rtpmap");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\na=ptime:-20\r\n", 7, "a=ptime:-20", "ptime");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\na=fmtp:101\r\n", 7, "a=fmtp:101", "fmtp");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\na=rtcp:x\r\n", 7, "a=rtcp:x", "rtcp");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\na=sendonly:yes\r\n", 7, "sendonly", "no value");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\na=\r\n", 7, "a=", "attribute name");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4\r\n", 7, "c=IN IP4", "c=");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\nc=IN IP5 192.0.2.1\r\n", 7, "IP5", "address type");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\nc=ATM NSAP x\r\n", 7, "ATM", "network type");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 2001:db8::1\r\n", 7, "2001", "IPv6");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\r\no=- 2 2 IN IP4 192.0.2.1\r\n", 7, "o=-", "o=");
        assertMalformed(head + "garbage\r\n", 6, "garbage", "<type>=<value>");
        assertMalformed(head + "M=audio 4000 RTP/AVP 0\r\n", 6, "M=audio", "lower-case");
        assertMalformed(head + "m=audio 4000\r\n", 6, "m=audio 4000", "m=");
        assertMalformed(head.replace("t=0 0", "t=now"), 5, "t=now", "t=");
        assertMalformed(head.replace("v=0", "v=1"), 1, "v=1", "v=0");
        assertMalformed(head.replace("o=- 1 1", "o=- x 1"), 2, "o=- x 1", "decimal");
        assertMalformed(head.replace("o=- 1 1 IN IP4 192.0.2.1", "o=- 1 1 IN"), 2, "o=- 1 1 IN", "6 fields");
        assertMalformed(head + "m=audio 4000 RTP/AVP 0\ra=sendrecv\r\n", 6, "\\x0D", "CR");
        assertMalformed(head.replace("c=IN IP4 192.0.2.1\r\n", "") + "m=audio 4000 RTP/AVP 0\r\n", 5,
                "m=audio 4000 RTP/AVP 0", "no c= line");
        assertMalformed(head + "c=IN IP4 192.0.2.2\r\n", 6, "c=IN IP4 192.0.2.2", "duplicate");
    }

    @Test
    void missingMandatoryLinesAreReported() {
        assertEquals("empty session description",
                assertThrows(SdpException.class, () -> SessionDescription.parse("\r\n\r\n")).getMessage());
        assertEquals("missing o= line",
                assertThrows(SdpException.class, () -> SessionDescription.parse("v=0\r\ns=-\r\n")).getMessage());
        assertEquals("missing s= line", assertThrows(SdpException.class,
                () -> SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 h\r\n")).getMessage());
        assertThrows(SdpException.class, () -> SessionDescription.parse(null));
    }

    @Test
    void fuzzedInputOnlyYieldsDescriptionOrSdpException() {
        Random random = new Random(0x5EED_4566L);
        String[] templates = { SdpSamples.SIP_PHONE, SdpSamples.CHROMIUM, SdpSamples.JANUS };
        String alphabet = "=: /\r\n0123456789aAmcvtoIPN.-*#\u0000\u00e9";
        OfferAnswer.Preferences preferences = OfferAnswer.Preferences.defaults(7);
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            String template = templates[random.nextInt(templates.length)];
            StringBuilder input = new StringBuilder(template);
            switch (i % 4) {
                case 0 -> input.setLength(random.nextInt(template.length() + 1));
                case 1 -> {
                    for (int edits = random.nextInt(3) + 1; edits > 0; edits--) {
                        input.setCharAt(random.nextInt(input.length()),
                                alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                case 2 -> {
                    String[] lines = template.split("\n", -1);
                    input.setLength(0);
                    for (String line : lines) {
                        int dice = random.nextInt(20);
                        if (dice != 0) {
                            input.append(line).append('\n');
                        }
                        if (dice == 1) {
                            input.append(lines[random.nextInt(lines.length)]).append('\n');
                        }
                    }
                }
                default -> {
                    input.setLength(0);
                    input.append("v=0\n");
                    for (int n = random.nextInt(40); n > 0; n--) {
                        input.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
            }
            try {
                SessionDescription sdp = SessionDescription.parse(input.toString());
                assertEquals(sdp, SessionDescription.parse(sdp.format()), "round trip of " + input);
                OfferAnswer.answer(sdp, "192.0.2.99", 40000, preferences);
                parsed++;
            } catch (SdpException e) {
                assertFalse(e.getMessage().isBlank());
                rejected++;
            } catch (RuntimeException e) {
                fail("iteration " + i + " threw " + e + " for " + input, e);
            }
        }
        assertEquals(20_000, parsed + rejected);
        assertTrue(parsed > 1000 && rejected > 1000, "parsed=" + parsed + " rejected=" + rejected);
    }

    private static void assertMalformed(String text, int line, String quoted, String problem) {
        SdpException e = assertThrows(SdpException.class, () -> SessionDescription.parse(text), text);
        assertEquals(line, e.lineNumber(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + " \""), e.getMessage());
        assertTrue(e.getMessage().contains(quoted), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
