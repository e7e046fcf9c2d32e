package org.webcallcenter.sip.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SipAddressTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { //
			"sip:1001@127.0.0.1:5070      | 1001 | 127.0.0.1   | 5070 | false | ''            | sip:1001@127.0.0.1:5070", //
			"sips:desk@[::1]              | desk | ::1         | -1   | true  | ''            | sips:desk@[::1]", //
			"1001@10.0.0.1                | 1001 | 10.0.0.1    | -1   | false | ''            | sip:1001@10.0.0.1", //
			"<sip:2001@gw.branch.example> | 2001 | gw.branch.example | -1 | false | ''      | sip:2001@gw.branch.example", //
			"sip:127.0.0.1:5060           | ''   | 127.0.0.1   | 5060 | false | ''            | sip:127.0.0.1:5060", //
			"localhost:5060               | ''   | localhost   | 5060 | false | ''            | sip:localhost:5060", //
			"SIP:9@[2001:db8::7]:5061;transport=tcp | 9 | 2001:db8::7 | 5061 | false | ;transport=tcp | sip:9@[2001:db8::7]:5061;transport=tcp" })
	void parsesWhatAgentsDial(String text, String user, String host, int port, boolean secure, String parameters,
			String formatted) {
		SipAddress a = SipAddress.parse(text);
		assertEquals(user, a.user());
		assertEquals(host, a.host());
		assertEquals(port, a.port());
		assertEquals(secure, a.secure());
		assertEquals(parameters, a.parameters());
		assertEquals(formatted, a.toString());
		assertEquals(a, SipAddress.parse(a.toString()), "the formatted address parses back to the same");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "sip:", "sip:1001@", "tel:+41441234567", "http://example.com", "sip:1001@host:99999",
			"sip:1001@host:port", "sip:1001@2001:db8::1", "sip:1001@[2001:db8::1", "sip:10 01@host", "sip:user@-bad-",
			"sip:user@[not:an:ip:x]" })
	void refusesWhatIsNotADialableAddress(String text) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SipAddress.parse(text));
		assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a message for the agent");
	}

	@Test
	void knowsLiteralsAndPorts() {
		assertTrue(SipAddress.parse("sip:a@127.0.0.1").hostIsLiteral());
		assertTrue(SipAddress.parse("sip:a@[::1]").hostIsLiteral());
		assertFalse(SipAddress.parse("sip:a@gw.example").hostIsLiteral());
		assertEquals(OptionalInt.empty(), SipAddress.parse("sip:a@gw.example").explicitPort());
		assertEquals(OptionalInt.of(5080), SipAddress.parse("sip:a@gw.example:5080").explicitPort());
	}

	@Test
	void voiceQualityKeepsMosInRange() {
		assertThrows(IllegalArgumentException.class, () -> new VoiceQuality("PCMU", 1, 0, null, 4.6));
		assertEquals(4.4, new VoiceQuality("PCMU", 1, 0, null, 4.4).mos());
	}
}
