package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.sip.api.SipAddress;

/** The headless softphone's command line for TLS accounts, and the account's registrar field that carries it. */
class HeadlessTlsOptionsTest {

	@Test
	void aTlsAccountKeepsItsTransportForTheRegistrar() {
		HeadlessSoftphone.Options o = HeadlessSoftphone.Options.parse(new String[] { "-listen", "127.0.0.1:5070",
				"-account", "1001@127.0.0.1:5061;transport=tls" });
		assertEquals(new SipAccount(SipAccount.Mode.REGISTRAR, "127.0.0.1:5061;transport=tls", "1001", ""),
				o.account());
		assertEquals(5071, o.tlsPort(), "TLS listens beside the -listen port by default");
		assertEquals("tls", SipStack.transportOf(SipAddress.parse(o.account().registrar())));
	}

	@Test
	void aSipsAccountMeansTls() {
		HeadlessSoftphone.Options o = HeadlessSoftphone.Options.parse(new String[] { "-listen", "127.0.0.1:5070",
				"-account", "sips:1001@127.0.0.1", "-tls-port", "0" });
		assertEquals("127.0.0.1;transport=tls", o.account().registrar());
		assertEquals(0, o.tlsPort());
	}

	@Test
	void udpAndTcpAccountsStayAsTheyWere() {
		assertEquals("127.0.0.1:5060", HeadlessSoftphone.Options.parse(new String[] { "-listen", "127.0.0.1:5070",
				"-account", "1001@127.0.0.1:5060" }).account().registrar());
		assertEquals("127.0.0.1:5060;transport=tcp", HeadlessSoftphone.Options.parse(new String[] { "-listen",
				"127.0.0.1:5070", "-account", "1001@127.0.0.1:5060;transport=tcp" }).account().registrar());
	}

	@Test
	void badTlsOptionsAreRefusedWithAClearMessage() {
		IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> HeadlessSoftphone.Options
				.parse(new String[] { "-listen", "127.0.0.1:5070", "-tls-port", "70000" }));
		assertTrue(port.getMessage().startsWith("-tls-port takes a port"), port.getMessage());
		IllegalArgumentException trust = assertThrows(IllegalArgumentException.class, () -> HeadlessSoftphone.Options
				.parse(new String[] { "-listen", "127.0.0.1:5070", "-tls-trust", "/no/such/ca.pem" }));
		assertEquals("-tls-trust: cannot read the file /no/such/ca.pem", trust.getMessage());
		IllegalArgumentException transport = assertThrows(IllegalArgumentException.class,
				() -> new SipAccount(SipAccount.Mode.REGISTRAR, "127.0.0.1:5061;transport=sctp", "1001", ""));
		assertTrue(transport.getMessage().contains("host:port;transport=udp|tcp|tls"), transport.getMessage());
	}
}
