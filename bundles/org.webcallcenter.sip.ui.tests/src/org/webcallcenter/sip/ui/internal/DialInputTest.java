package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.webcallcenter.agent.api.SipAccount;

class DialInputTest {
	private static final Optional<SipAccount> REGISTRAR = Optional
			.of(new SipAccount(SipAccount.Mode.REGISTRAR, "127.0.0.1:5060", "1001", ""));
	private static final Optional<SipAccount> DIRECT = Optional
			.of(new SipAccount(SipAccount.Mode.DIRECT, "", "expert7", ""));

	private static String dial(String text, Optional<SipAccount> account) {
		return assertInstanceOf(DialInput.Dial.class, DialInput.parse(text, account)).address().toString();
	}

	private static String invalid(String text, Optional<SipAccount> account) {
		return assertInstanceOf(DialInput.Invalid.class, DialInput.parse(text, account)).message();
	}

	@Test
	void numbersAndExtensionsGoThroughTheRegistrar() {
		assertEquals("sip:1234@127.0.0.1:5060", dial("1234", REGISTRAR));
		assertEquals("sip:1234@127.0.0.1:5060", dial("  1234 ", REGISTRAR));
		assertEquals("sip:+862155550100@127.0.0.1:5060", dial("+86 21 5555-0100", REGISTRAR));
		assertEquals("sip:02155550100@127.0.0.1:5060", dial("(021) 5555 0100", REGISTRAR));
		assertEquals("sip:*72@127.0.0.1:5060", dial("*72", REGISTRAR));
		assertEquals("sip:%2372@127.0.0.1:5060", dial("#72", REGISTRAR));
		assertEquals("sip:desk7@127.0.0.1:5060", dial("desk7", REGISTRAR));
		assertEquals("sip:1234@pbx.example", dial("1234",
				Optional.of(new SipAccount(SipAccount.Mode.REGISTRAR, "pbx.example", "1001", ""))));
	}

	@Test
	void aNumberWithoutARegistrarAsksForAFullAddress() {
		String m = invalid("1234", DIRECT);
		assertTrue(m.contains("needs a registrar") && m.contains("sip:1234@"), m);
		assertTrue(invalid("1234", Optional.empty()).contains("needs a registrar"));
	}

	@Test
	void fullAddressesAreDialledAsTheyAre() {
		assertEquals("sip:1001@127.0.0.1:5070", dial("sip:1001@127.0.0.1:5070", DIRECT));
		assertEquals("sip:1001@127.0.0.1:5070", dial("1001@127.0.0.1:5070", Optional.empty()));
		assertEquals("sips:desk@[::1]", dial("sips:desk@[::1]", REGISTRAR));
		assertEquals("sip:gw.branch.example", dial("gw.branch.example", REGISTRAR));
		assertEquals("sip:10.0.0.1:5060", dial("10.0.0.1:5060", REGISTRAR));
	}

	@Test
	void mistakesGiveAMessageForTheAgent() {
		assertTrue(invalid("", REGISTRAR).startsWith("Enter a number"));
		assertTrue(invalid("   ", REGISTRAR).startsWith("Enter a number"));
		assertTrue(invalid(null, REGISTRAR).startsWith("Enter a number"));
		String noHost = invalid("1001@", REGISTRAR);
		assertTrue(noHost.startsWith("Cannot dial '1001@': ") && noHost.contains("host"), noHost);
		assertTrue(invalid("tel:+8621555", REGISTRAR).contains("Only sip: and sips:"));
		assertTrue(invalid("sip:1001@127.0.0.1:99999", REGISTRAR).contains("99999"));
		assertTrue(invalid("jane doe@example.com", REGISTRAR).contains("jane doe"));
		assertTrue(invalid("--", REGISTRAR).contains("no digits"));
	}
}
