package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.testing.Baresip;
import org.webcallcenter.testing.Poll;

/**
 * A direct call (no registrar) over TLS to a real, independent phone: baresip (Debian {@code baresip-core}, TLS by
 * OpenSSL) listening on TLS with a certificate of the test's CA. Trusting that CA, the call connects with media both
 * ways and our BYE ends it; trusting only the JDK's CAs, it ends at once with the reason and baresip never sees an
 * INVITE.
 * <p>
 * baresip 1.0 reports a BYE as "session closed: Connection reset by peer" (libre's code for a remote hang-up). In
 * our runs it logged "Call ... terminated" after calls of a few seconds but not after one hung up within 0.1 s of
 * connecting (the BYE had arrived all the same), so the call here runs two seconds of RTP first.
 */
class BaresipTlsTest {
	@TempDir
	Path dir;

	private SipStack stack;
	private UserAgent ua;

	@AfterEach
	void stop() {
		if (ua != null) {
			ua.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	private void phone(Path trustFile) throws IOException {
		RequestHandler[] handler = new RequestHandler[1];
		stack = SipStack.start("test-baresip-tls", SipUdpClient.LOOPBACK, 0, new SipStack.Tls(trustFile, 0),
				provider -> {
					handler[0] = new RequestHandler(provider);
					return handler[0];
				});
		ua = new UserAgent(stack, UserAgent.Settings.DEFAULT.withRtcpInterval(Duration.ofMillis(500)),
				new AudioRouter(AudioRouter.HEADLESS), e -> {
				}, c -> CompletableFuture.completedFuture(null));
		ua.account(UserAgent.Account.direct("agent"));
		handler[0].calls(ua);
	}

	/** baresip with SIP over TLS on its SIP port + 1 (baresip 1.0's rule), the certificate and key in one PEM. */
	private Baresip baresip(TestCertificates.Server server) throws IOException {
		Baresip.requireInstalled();
		Path pem = dir.resolve("baresip-tls.pem");
		Files.write(pem, Files.readAllBytes(server.certificate()));
		Files.write(pem, Files.readAllBytes(server.privateKey()), StandardOpenOption.APPEND);
		return Baresip.builder(dir.resolve("baresip")).user("desk").config("sip_certificate " + pem).start();
	}

	@Test
	void aDirectCallOverTlsToBaresipConnectsWithMediaBothWaysAndEndsByBye() throws Exception {
		Kamailio.requireTlsInstalled(); // the certificates' tools (openssl) come with the same set
		TestCertificates ca = TestCertificates.newCa(dir.resolve("certs"), "branch");
		try (Baresip desk = baresip(ca.server("baresip", "127.0.0.1", null, 2))) {
			phone(ca.caCertificate());
			int port = desk.sipPort() + 1; // baresip's TLS port; its UDP and TCP listen on sipPort
			Call call = ua.dial(SipAddress.parse("sip:desk@127.0.0.1:" + port + ";transport=tls"));
			Poll.until("baresip to answer over TLS", () -> call.state() == CallState.CONNECTED
					|| call.state() == CallState.ENDED);
			assertEquals(CallState.CONNECTED, call.state(), () -> call.end().map(CallEnd::description).orElse("")
					+ "\n" + desk.log());
			desk.awaitEstablished(1);
			JainCall ours = (JainCall) call;
			Poll.until("two seconds of RTP from baresip",
					() -> ours.media != null && ours.media.quality().packetsReceived() > 100);
			call.hangUp();
			desk.awaitTerminated(1);
			assertTrue(desk.log().contains("session closed: Connection reset by peer"), "baresip got our BYE: "
					+ desk.log());
			assertTrue(desk.log().contains("sip:desk@127.0.0.1:" + port + ";transport=tls"),
					"baresip's side of the call is its TLS transport: " + desk.log());
		}
	}

	@Test
	void aDirectTlsCallToAnUntrustedPhoneEndsWithTheReason() throws Exception {
		Kamailio.requireTlsInstalled();
		TestCertificates ca = TestCertificates.newCa(dir.resolve("certs"), "elsewhere");
		try (Baresip desk = baresip(ca.server("baresip", "127.0.0.1", null, 2))) {
			phone(null);
			int port = desk.sipPort() + 1;
			Call call = ua.dial(SipAddress.parse("sip:desk@127.0.0.1:" + port + ";transport=tls"));
			Poll.until("the call to fail", () -> call.state() == CallState.ENDED);
			CallEnd end = call.end().orElseThrow();
			assertEquals(CallEnd.By.ERROR, end.by());
			assertTrue(end.description().contains("TLS: certificate of 127.0.0.1:" + port
					+ " is not trusted (unknown CA)"), end.description());
			assertEquals(0, desk.count(java.util.regex.Pattern.compile("Incoming call")), desk.log());
		}
	}
}
