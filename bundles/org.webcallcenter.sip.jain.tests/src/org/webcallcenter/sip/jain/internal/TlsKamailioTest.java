package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.Registration;
import org.webcallcenter.sip.api.RegistrationState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.testing.Poll;

/**
 * SIP over TLS against a real Kamailio with its TLS module, its certificate made by the test: phones that trust the
 * test's CA register and call each other over TLS; a phone that trusts only the JDK's CAs, or a server certificate
 * that names another address or has expired, is refused with the reason in the registration, nothing is registered,
 * and a call fails with the same reason.
 */
class TlsKamailioTest {
	private static final String PASSWORD = "s3cret-Pw";

	/** Made once for the class: keytool is a JVM start each time, seconds on a busy machine. */
	@TempDir
	static Path certs;
	private static TestCertificates branch;
	private static TestCertificates.Server good;
	private static TestCertificates.Server fromUnknownCa;
	private static TestCertificates.Server otherAddress;
	private static TestCertificates.Server expired;

	@TempDir
	Path dir;

	@BeforeAll
	static void makeCertificates() throws IOException {
		Kamailio.requireTlsInstalled();
		branch = TestCertificates.newCa(certs, "branch");
		good = branch.server("kamailio", "127.0.0.1", null, 2);
		otherAddress = branch.server("elsewhere", "127.0.0.2", null, 2);
		expired = branch.server("expired", "127.0.0.1", "-3d", 1);
		fromUnknownCa = TestCertificates.newCa(certs, "unknown").server("unknown", "127.0.0.1", null, 2);
	}

	private final List<AutoCloseable> closing = new ArrayList<>();

	/** One phone: its stack, registration and user agent. */
	private record Phone(SipStack stack, RegistrationClient registration, UserAgent ua) {
	}

	@AfterEach
	void stopEverything() throws Exception {
		for (AutoCloseable c : closing.reversed()) {
			try {
				c.close();
			} catch (RuntimeException e) {
				// keep closing the rest
			}
		}
	}

	private Kamailio kamailio(TestCertificates.Server certificate) throws IOException {
		Kamailio k = Kamailio.startTls(dir.resolve("kamailio"), Kamailio.freeUdpPort(), PASSWORD,
				new Kamailio.Tls(freeTcpPort(), certificate.certificate(), certificate.privateKey()));
		closing.add(0, k);
		return k;
	}

	private static int freeTcpPort() throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, SipUdpClient.LOOPBACK)) {
			return s.getLocalPort();
		}
	}

	/** A phone registering over TLS with Kamailio, trusting the JDK's CAs and those of {@code trustFile}. */
	private Phone phone(Kamailio kamailio, String user, Path trustFile, boolean answerAll) throws IOException {
		RequestHandler[] handler = new RequestHandler[1];
		SipStack stack = SipStack.start("tls-" + user, SipUdpClient.LOOPBACK, 0, new SipStack.Tls(trustFile, 0),
				provider -> {
					handler[0] = new RequestHandler(provider);
					return handler[0];
				});
		closing.add(stack);
		assertTrue(stack.tlsProblem().isEmpty(), () -> stack.tlsProblem().get());
		UserAgent ua = new UserAgent(stack, UserAgent.Settings.DEFAULT.withAutoAnswerAll(answerAll)
				.withRtcpInterval(Duration.ofMillis(500)), new AudioRouter(AudioRouter.HEADLESS), e -> {
				}, c -> CompletableFuture.completedFuture(null));
		closing.add(ua);
		SipAddress registrar = SipAddress.parse("sip:127.0.0.1:" + kamailio.tlsPort() + ";transport=tls");
		ua.account(new UserAgent.Account(user, "", registrar, user, PASSWORD.toCharArray()));
		handler[0].calls(ua);
		RegistrationClient registration = new RegistrationClient(stack, registrar, user, user,
				PASSWORD.toCharArray(), RegistrationClient.Settings.DEFAULT);
		closing.add(registration);
		registration.start();
		return new Phone(stack, registration, ua);
	}

	@Test
	void phonesTrustingTheBranchCaRegisterAndCallOverTls() throws Exception {
		Kamailio kamailio = kamailio(good);
		Phone agent = phone(kamailio, "1001", branch.caCertificate(), false);
		Phone desk = phone(kamailio, "1002", branch.caCertificate(), true);
		Poll.until("both to register over TLS",
				() -> agent.registration().current().state() == RegistrationState.REGISTERED
						&& desk.registration().current().state() == RegistrationState.REGISTERED);
		assertTrue(kamailio.hasContact("sip:1001@127.0.0.1:" + agent.stack().port("tls") + ";transport=tls"),
				kamailio.locations());
		assertTrue(kamailio.log().contains("WCC-REQ REGISTER") && !kamailio.log()
				.matches("(?s).*WCC-REQ REGISTER [^\\n]*proto=(udp|tcp)\\b.*"), "every REGISTER came over TLS");

		Call call = agent.ua().dial(SipAddress.parse("1002"));
		Poll.until("the call to be answered through Kamailio over TLS", () -> call.state() == CallState.CONNECTED);
		Poll.until("the desk phone's side", () -> !desk.ua().calls().isEmpty()
				&& desk.ua().calls().get(0).state() == CallState.CONNECTED);
		JainCall theirs = (JainCall) desk.ua().calls().get(0);
		JainCall ours = (JainCall) call;
		Poll.until("RTP both ways", () -> theirs.media != null && theirs.media.quality().packetsReceived() > 10
				&& ours.media != null && ours.media.quality().packetsReceived() > 10);
		call.hangUp();
		Poll.until("the desk phone to hear the BYE", () -> theirs.state() == CallState.ENDED);
		assertEquals(CallEnd.By.REMOTE, theirs.end().orElseThrow().by());
		String log = kamailio.log();
		assertTrue(log.matches("(?s).*WCC-REQ INVITE [^\\n]*auth=1001 proto=tls.*"),
				"the INVITE came over TLS: " + log);
		assertTrue(log.matches("(?s).*WCC-REQ BYE [^\\n]*proto=tls.*"), "the BYE came over TLS: " + log);
		assertTrue(!log.matches("(?s).*WCC-REQ (INVITE|BYE|ACK) [^\\n]*proto=(udp|tcp)\\b.*"),
				"no call request went around TLS: " + log);
	}

	@Test
	void aServerCertificateFromAnUnknownCaIsRefusedWithTheReason() throws Exception {
		Kamailio kamailio = kamailio(fromUnknownCa);
		Phone phone = phone(kamailio, "1001", branch.caCertificate(), false); // the JDK's CAs and the branch's
		String expected = "TLS: certificate of 127.0.0.1:" + kamailio.tlsPort() + " is not trusted (unknown CA)";
		assertRefused(kamailio, phone, expected);
	}

	@Test
	void aServerCertificateNamingAnotherAddressIsRefused() throws Exception {
		Kamailio kamailio = kamailio(otherAddress);
		Phone phone = phone(kamailio, "1001", branch.caCertificate(), false);
		assertRefused(kamailio, phone, "TLS: certificate of 127.0.0.1:" + kamailio.tlsPort()
				+ " does not name 127.0.0.1 (no matching IP address in its subject alternative names)");
	}

	@Test
	void anExpiredServerCertificateIsRefused() throws Exception {
		Kamailio kamailio = kamailio(expired);
		Phone phone = phone(kamailio, "1001", branch.caCertificate(), false);
		assertRefused(kamailio, phone, "TLS: certificate of 127.0.0.1:" + kamailio.tlsPort() + " has expired");
	}

	@Test
	void aTrustFileThatCannotBeReadLeavesUdpRunningAndTellsTlsAccountsWhy() throws Exception {
		Path missing = dir.resolve("no-such-ca.pem");
		try (SipStack stack = SipStack.start("tls-missing", SipUdpClient.LOOPBACK, 0, new SipStack.Tls(missing, 0),
				RequestHandler::new)) {
			String problem = stack.tlsProblem().orElseThrow();
			assertEquals("TLS is not available: The TLS trust file " + missing + " does not exist or cannot be read",
					problem);
			assertTrue(stack.local().getPort() > 0, "UDP and TCP still listen");
			try (RegistrationClient registration = new RegistrationClient(stack,
					SipAddress.parse("sip:127.0.0.1:" + freeTcpPort() + ";transport=tls"), "1001", "1001",
					PASSWORD.toCharArray(), RegistrationClient.Settings.DEFAULT)) {
				registration.start();
				Poll.until("the registration to say why", () -> registration.current().detail().startsWith(problem));
				assertEquals(RegistrationState.UNREACHABLE, registration.current().state());
			}
		}
	}

	private static void assertRefused(Kamailio kamailio, Phone phone, String expected) {
		Poll.until("the registration to report the refused certificate",
				() -> phone.registration().current().detail().startsWith(expected));
		Registration r = phone.registration().current();
		assertEquals(RegistrationState.UNREACHABLE, r.state(), r.detail());
		assertEquals(0, kamailio.registers(), "no REGISTER reached Kamailio: " + kamailio.log());
		assertTrue(kamailio.locations().indexOf("Address:") < 0, "nothing registered: " + kamailio.locations());

		Call call = phone.ua().dial(SipAddress.parse("1002"));
		Poll.until("the call to fail", () -> call.state() == CallState.ENDED);
		CallEnd end = call.end().orElseThrow();
		assertEquals(CallEnd.By.ERROR, end.by());
		assertTrue(end.description().contains(expected), end.description());
		assertNotEquals(RegistrationState.REGISTERED, phone.registration().current().state());
	}
}
