package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.sip.api.Registration;
import org.webcallcenter.sip.api.RegistrationState;
import org.webcallcenter.testing.Poll;

/**
 * The workstation's own softphone service (the live DS components of the test runtime, whose stack trusts only the
 * JDK's CAs) given a TLS account whose registrar, a real Kamailio, shows a certificate of a CA the workstation does
 * not know: the Softphone's registration says so, and dialling is refused with that reason.
 */
class SoftphoneTlsTest {
	@TempDir
	Path dir;

	@Test
	void aTlsAccountWithAnUntrustedRegistrarReportsTheCertificateAndPlacesNoCalls() throws Exception {
		Kamailio.requireTlsInstalled();
		BundleContext context = FrameworkUtil.getBundle(SoftphoneTlsTest.class).getBundleContext();
		ServiceTracker<SoftphoneComponent, SoftphoneComponent> phones = new ServiceTracker<>(context,
				SoftphoneComponent.class, null);
		phones.open();
		try {
			SoftphoneComponent phone = phones.waitForService(Poll.TIMEOUT.toMillis());
			assertNotNull(phone, "the softphone service");
			assertTrue(phone.awaitReady().isPresent(), "the softphone is ready");
			ServiceTracker<SipStackComponent, SipStackComponent> stacks = new ServiceTracker<>(context,
					SipStackComponent.class, null);
			stacks.open();
			SipStack stack = stacks.waitForService(Poll.TIMEOUT.toMillis()).stack();
			stacks.close();
			int tlsPort = stack.port("tls");
			assertTrue(tlsPort > 0 && tlsPort != stack.local().getPort() && tlsPort != 5061,
					"the live stack listens on TLS on a free port of its own: " + tlsPort);

			TestCertificates ca = TestCertificates.newCa(dir.resolve("certs"), "foreign");
			TestCertificates.Server server = ca.server("kamailio", "127.0.0.1", null, 2);
			int port;
			try (ServerSocket s = new ServerSocket(0, 1, SipUdpClient.LOOPBACK)) {
				port = s.getLocalPort();
			}
			try (Kamailio kamailio = Kamailio.startTls(dir.resolve("kamailio"), Kamailio.freeUdpPort(), "pw",
					new Kamailio.Tls(port, server.certificate(), server.privateKey()))) {
				phone.apply(new SipAccount(SipAccount.Mode.REGISTRAR, "127.0.0.1:" + port + ";transport=tls", "1001",
						""), "pw".toCharArray());
				String expected = "TLS: certificate of 127.0.0.1:" + port + " is not trusted (unknown CA)";
				Poll.until("the softphone's registration to name the certificate",
						() -> phone.registration().detail().startsWith(expected));
				Registration r = phone.registration();
				assertEquals(RegistrationState.UNREACHABLE, r.state(), r.detail());
				IllegalStateException refused = assertThrows(IllegalStateException.class, () -> phone.dial("1002"));
				assertTrue(refused.getMessage().contains(expected), refused.getMessage());
				assertEquals(0, kamailio.registers(), "no REGISTER reached Kamailio: " + kamailio.log());
			} finally {
				phone.apply(null, new char[0]);
			}
			assertNotEquals(RegistrationState.REGISTERED, phone.registration().state());
		} finally {
			phones.close();
		}
	}
}
