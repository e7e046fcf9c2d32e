package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.RegistrationState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.testing.Poll;

/**
 * Two softphones registered with a real Kamailio on 127.0.0.1 call each other through it: the caller answers the
 * proxy's 407 challenge, Kamailio finds the callee in its location table, stays in the dialog (Record-Route), and
 * the media flows directly between the two.
 */
class KamailioCallTest {
	private static final String PASSWORD = "s3cret-Pw";

	@TempDir
	Path dir;

	private Kamailio kamailio;
	private final List<AutoCloseable> closing = new ArrayList<>();

	/** One phone: its stack, registration and user agent. */
	private record Phone(SipStack stack, RegistrationClient registration, UserAgent ua, List<CallEvent> events) {
	}

	@BeforeEach
	void startKamailio() throws IOException {
		Kamailio.requireInstalled();
		kamailio = Kamailio.start(dir.resolve("kamailio"), Kamailio.freeUdpPort(), PASSWORD);
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
		kamailio.close();
	}

	private Phone phone(String user, String password, boolean answerAll) throws IOException {
		return phone(user, password, answerAll, "");
	}

	private Phone phone(String user, String password, boolean answerAll, String registrarParameters)
			throws IOException {
		RequestHandler[] handler = new RequestHandler[1];
		SipStack stack = SipStack.start("test-" + user, SipUdpClient.LOOPBACK, 0, provider -> {
			handler[0] = new RequestHandler(provider);
			return handler[0];
		});
		closing.add(stack);
		List<CallEvent> events = new CopyOnWriteArrayList<>();
		UserAgent ua = new UserAgent(stack, UserAgent.Settings.DEFAULT.withAutoAnswerAll(answerAll)
				.withRtcpInterval(Duration.ofMillis(500)), new AudioRouter(AudioRouter.HEADLESS), events::add,
				c -> CompletableFuture.completedFuture(null));
		closing.add(ua);
		SipAddress registrar = SipAddress.parse("sip:127.0.0.1:" + kamailio.port() + registrarParameters);
		ua.account(new UserAgent.Account(user, "", registrar, user, password.toCharArray()));
		handler[0].calls(ua);
		RegistrationClient registration = new RegistrationClient(stack, registrar, user, user, password.toCharArray(),
				RegistrationClient.Settings.DEFAULT);
		closing.add(registration);
		registration.start();
		Poll.until(user + " to register", () -> registration.current().state() == RegistrationState.REGISTERED);
		return new Phone(stack, registration, ua, events);
	}

	@Test
	void registeredPhonesCallEachOtherThroughTheProxy() throws Exception {
		Phone agent = phone("1001", PASSWORD, false);
		Phone desk = phone("1002", PASSWORD, true);

		Call call = agent.ua().dial(SipAddress.parse("1002")); // a bare extension goes to the registrar's domain
		assertEquals("sip:1002@127.0.0.1:" + kamailio.port(), call.remote().toString());
		Poll.until("the call to be answered through Kamailio", () -> call.state() == CallState.CONNECTED);
		Poll.until("the desk phone's side", () -> !desk.ua().calls().isEmpty()
				&& desk.ua().calls().get(0).state() == CallState.CONNECTED);
		JainCall theirs = (JainCall) desk.ua().calls().get(0);
		JainCall ours = (JainCall) call;
		Poll.until("RTP both ways", () -> theirs.media != null && theirs.media.quality().packetsReceived() > 10
				&& ours.media != null && ours.media.quality().packetsReceived() > 10);
		assertEquals("1001", theirs.remote().user());

		call.hangUp();
		Poll.until("the desk phone to hear the BYE", () -> theirs.state() == CallState.ENDED);
		assertEquals(CallEnd.By.REMOTE, theirs.end().orElseThrow().by());
		String log = kamailio.log();
		assertTrue(log.contains("WCC-REQ INVITE") && log.contains("WCC-REQ BYE"), "INVITE and BYE went through Kamailio");
		assertTrue(log.matches("(?s).*WCC-REQ INVITE cseq=\\d+ expires=\\S* auth=1001.*"),
				"the second INVITE carried the caller's credentials: " + log);
	}

	@Test
	void registeredPhonesCallEachOtherOverTcp() throws Exception {
		kamailio.close();
		kamailio = Kamailio.startWithTcp(dir.resolve("kamailio-tcp"), Kamailio.freeUdpAndTcpPort(), PASSWORD);
		Phone agent = phone("1001", PASSWORD, false, ";transport=tcp");
		Phone desk = phone("1002", PASSWORD, true, ";transport=tcp");
		assertTrue(kamailio.hasContact("sip:1002@127.0.0.1:" + desk.stack().port("tcp") + ";transport=tcp"),
				kamailio.locations());
		Call call = agent.ua().dial(SipAddress.parse("1002"));
		Poll.until("the call to be answered through Kamailio over TCP", () -> call.state() == CallState.CONNECTED);
		Poll.until("the desk phone's side", () -> !desk.ua().calls().isEmpty()
				&& desk.ua().calls().get(0).state() == CallState.CONNECTED);
		JainCall theirs = (JainCall) desk.ua().calls().get(0);
		call.hangUp();
		Poll.until("the desk phone to hear the BYE", () -> theirs.state() == CallState.ENDED);
		String log = kamailio.log();
		assertTrue(log.matches("(?s).*WCC-REQ REGISTER [^\\n]*proto=tcp.*")
				&& log.matches("(?s).*WCC-REQ INVITE [^\\n]*auth=1001 proto=tcp.*")
				&& log.matches("(?s).*WCC-REQ BYE [^\\n]*proto=tcp.*"), "REGISTER, INVITE and BYE over TCP: " + log);
		assertTrue(!log.matches("(?s).*WCC-REQ (REGISTER|INVITE|BYE) [^\\n]*proto=udp.*"), "none over UDP: " + log);
	}

	@Test
	void aWrongPasswordEndsTheCallWithAClearMessage() throws Exception {
		Phone desk = phone("1002", PASSWORD, true);
		Phone agent = phone("1001", PASSWORD, false);
		agent.ua().account(new UserAgent.Account("1001", "", SipAddress.parse("sip:127.0.0.1:" + kamailio.port()),
				"1001", "wrong".toCharArray()));
		Call call = agent.ua().dial(SipAddress.parse("1002"));
		Poll.until("the call to fail", () -> call.state() == CallState.ENDED);
		CallEnd end = call.end().orElseThrow();
		assertEquals(CallEnd.By.ERROR, end.by());
		assertEquals(407, end.sipStatus().orElseThrow());
		assertTrue(end.description().contains("check the SIP password"), end.description());
		assertTrue(desk.ua().calls().isEmpty(), "the desk phone never rang");
	}
}
