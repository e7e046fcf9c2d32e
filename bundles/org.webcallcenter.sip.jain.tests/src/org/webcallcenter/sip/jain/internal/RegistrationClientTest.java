package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.webcallcenter.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.sip.api.Registration;
import org.webcallcenter.sip.api.RegistrationState;
import org.webcallcenter.sip.api.SipAddress;

/**
 * The registration client against a real registrar: Kamailio on 127.0.0.1 with digest authentication (Debian
 * package {@code kamailio}). All waits are bounded by {@link Poll#TIMEOUT}; nothing asserts on speed.
 */
class RegistrationClientTest {
	private static final String USER = "1001";
	private static final String PASSWORD = "s3cret-Pw";
	/** Short time-outs so that an unreachable registrar is noticed and retried within the test's bounds. */
	private static final RegistrationClient.Settings FAST = new RegistrationClient.Settings(Duration.ofSeconds(300),
			Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(1));

	@TempDir
	Path dir;

	private SipStack stack;
	private Kamailio kamailio;
	private RegistrationClient client;
	private final List<Registration> seen = new CopyOnWriteArrayList<>();

	@BeforeEach
	void checkKamailioAndStartStack() throws IOException {
		Kamailio.requireInstalled();
		stack = SipStack.start("test-registration", SipUdpClient.LOOPBACK, 0, RequestHandler::new);
	}

	@AfterEach
	void stopEverything() {
		try {
			if (client != null) {
				client.close();
			}
		} finally {
			try {
				if (kamailio != null) {
					kamailio.close();
				}
			} finally {
				if (stack != null) {
					stack.close();
				}
			}
		}
	}

	private RegistrationClient client(int port, String password, RegistrationClient.Settings settings) {
		client = new RegistrationClient(stack, SipAddress.parse("sip:127.0.0.1:" + port), USER, USER,
				password.toCharArray(), settings);
		client.addListener(seen::add);
		return client;
	}

	private String contact() {
		return "sip:" + USER + "@127.0.0.1:" + stack.local().getPort();
	}

	private void awaitState(RegistrationState state) {
		await(state.toString(), () -> client.current().state() == state);
	}

	/** {@link Poll#until}, naming the client's state at the time-out (not at the start). */
	private void await(String what, BooleanSupplier condition) {
		try {
			Poll.until(what, condition);
		} catch (AssertionError e) {
			throw new AssertionError(e.getMessage() + "; state then: " + client.current()
					+ (kamailio == null ? "" : "; REGISTER Expires seen by Kamailio: " + kamailio.registerExpires()), e);
		}
	}

	@Test
	void registersWithDigestAndKamailioStoresTheContact() throws IOException {
		kamailio = Kamailio.start(dir.resolve("kamailio"), Kamailio.freeUdpPort(), PASSWORD);
		client(kamailio.port(), PASSWORD, FAST).start();

		awaitState(RegistrationState.REGISTERED);
		Registration r = client.current();
		assertTrue(r.expiresAt().isPresent(), "expiry while registered: " + r);
		assertTrue(r.detail().contains("127.0.0.1:" + kamailio.port()), r.detail());
		assertTrue(kamailio.hasContact(contact()), () -> "location table: " + kamailio.locations());
		assertTrue(kamailio.log().contains("auth=" + USER), "an authenticated REGISTER: " + kamailio.log());
	}

	@Test
	void refreshesBeforeTheBindingExpires() throws IOException {
		kamailio = Kamailio.start(dir.resolve("kamailio"), Kamailio.freeUdpPort(), PASSWORD);
		client(kamailio.port(), PASSWORD, FAST.withExpires(Duration.ofSeconds(4))).start();
		awaitState(RegistrationState.REGISTERED);
		Instant firstExpiry = client.current().expiresAt().orElseThrow();
		int registersBefore = kamailio.registers();

		await("a refreshed registration",
				() -> client.current().expiresAt().map(e -> e.isAfter(firstExpiry)).orElse(false));
		assertTrue(kamailio.registers() > registersBefore, "Kamailio saw the refresh: " + kamailio.registerExpires());
		assertTrue(kamailio.registerExpires().stream().allMatch("4"::equals), () -> "every REGISTER asked for 4 s: "
				+ kamailio.registerExpires());
		assertTrue(seen.stream().dropWhile(x -> x.state() != RegistrationState.REGISTERED)
				.allMatch(x -> x.state() == RegistrationState.REGISTERED), () -> "stayed registered: " + seen);
		assertTrue(kamailio.hasContact(contact()), () -> "location table: " + kamailio.locations());
	}

	@Test
	void wrongPasswordFailsClearlyWithoutResending() throws IOException {
		kamailio = Kamailio.start(dir.resolve("kamailio"), Kamailio.freeUdpPort(), PASSWORD);
		client(kamailio.port(), "not-the-password", FAST).start();

		awaitState(RegistrationState.AUTHENTICATION_FAILED);
		String detail = client.current().detail();
		assertTrue(detail.contains("403 Forbidden from 127.0.0.1:" + kamailio.port()), detail);
		assertTrue(detail.contains("check the SIP password"), detail);
		assertFalse(detail.contains("not-the-password"), detail);
		// give a looping client the chance to show itself: at least one more request time-out of quiet
		Instant quietUntil = Instant.now().plus(FAST.requestTimeout());
		Poll.until("the quiet period", () -> Instant.now().isAfter(quietUntil));
		assertTrue(kamailio.registers() <= 2, () -> "REGISTERs sent: " + kamailio.registerExpires());
		assertEquals(RegistrationState.AUTHENTICATION_FAILED, client.current().state());
		assertFalse(kamailio.hasContact(contact()), () -> "location table: " + kamailio.locations());
	}

	@Test
	void unregistersOnStop() throws IOException {
		kamailio = Kamailio.start(dir.resolve("kamailio"), Kamailio.freeUdpPort(), PASSWORD);
		client(kamailio.port(), PASSWORD, FAST).start();
		awaitState(RegistrationState.REGISTERED);
		assertTrue(kamailio.hasContact(contact()), () -> "location table: " + kamailio.locations());

		client.close();

		assertEquals(RegistrationState.UNREGISTERED, client.current().state(), client.current().detail());
		List<String> expires = kamailio.registerExpires();
		assertEquals("0", expires.get(expires.size() - 1), "last REGISTER asked for Expires 0: " + expires);
		assertFalse(kamailio.hasContact(contact()), () -> "location table: " + kamailio.locations());
	}

	@Test
	void unreachableRegistrarIsRetriedUntilItAnswers() throws IOException {
		int port = Kamailio.freeUdpPort();
		client(port, PASSWORD, FAST).start();
		awaitState(RegistrationState.UNREACHABLE);
		assertTrue(client.current().detail().contains("127.0.0.1:" + port), client.current().detail());

		kamailio = Kamailio.start(dir.resolve("kamailio"), port, PASSWORD);

		awaitState(RegistrationState.REGISTERED);
		assertTrue(kamailio.hasContact(contact()), () -> "location table: " + kamailio.locations());
	}
}
