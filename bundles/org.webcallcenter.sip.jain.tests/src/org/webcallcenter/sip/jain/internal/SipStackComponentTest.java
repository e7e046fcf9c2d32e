package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.webcallcenter.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.app.api.StartupParticipant;
import org.webcallcenter.sip.api.Softphone;

/**
 * The SIP stack as the workstation runs it: the live DS component in the OSGi test runtime, listening on a free
 * loopback port (the test runtime sets {@code org.webcallcenter.sip.stack.port=0}), spoken to with hand-built
 * datagrams from 127.0.0.1 only.
 */
class SipStackComponentTest {
	private static final Duration QUIET = Duration.ofMillis(300);

	private BundleContext context;
	private ServiceTracker<StartupParticipant, StartupParticipant> tracker;
	private StartupParticipant participant;
	private InetSocketAddress stack;
	private SipUdpClient client;

	@BeforeEach
	void findTheStack() throws Exception {
		Bundle host = FrameworkUtil.getBundle(SipStackComponentTest.class);
		assertEquals("org.webcallcenter.sip.jain", host.getSymbolicName(), "the tests run inside their host");
		if (host.getState() != Bundle.ACTIVE) {
			host.start(Bundle.START_TRANSIENT);
		}
		context = host.getBundleContext();
		tracker = new ServiceTracker<>(context,
				context.createFilter("(&(objectClass=" + StartupParticipant.class.getName() + ")(component.name="
						+ SipStackComponent.class.getName() + "))"),
				null);
		tracker.open();
		participant = tracker.waitForService(Poll.TIMEOUT.toMillis());
		assertNotNull(participant, "no SIP stack StartupParticipant within " + Poll.TIMEOUT
				+ ": is the DS runtime (org.apache.felix.scr) in the test runtime and started?");
		stack = started(participant);
		client = new SipUdpClient(stack);
	}

	@AfterEach
	void cleanUp() {
		if (client != null) {
			client.close();
		}
		if (tracker != null) {
			tracker.close();
		}
	}

	private static InetSocketAddress started(StartupParticipant p) throws Exception {
		Object address = p.started().toCompletableFuture().get(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		return (InetSocketAddress) address;
	}

	@Test
	void startsInTheBackgroundAndReportsItsPort() {
		assertEquals("SIP stack", participant.name());
		assertEquals("127.0.0.1", stack.getAddress().getHostAddress());
		assertTrue(stack.getPort() > 0 && stack.getPort() != 5060, "a free port, not 5060: " + stack);
	}

	@Test
	void answersOptionsWith200CopyingTheTransactionHeaders() throws Exception {
		SipUdpClient.Request options = client.options();
		client.send(options.text());
		String response = client.receiveFor(options.callId(), new ArrayList<>());

		SipText.assertWellFormedResponse(response);
		assertTrue(response.startsWith("SIP/2.0 200 OK\r\n"), response);
		assertEquals(options.callId(), SipText.header(response, "Call-ID"));
		assertEquals("7 OPTIONS", SipText.header(response, "CSeq"));
		assertTrue(SipText.header(response, "Via").contains("branch=" + options.branch()), response);
		assertTrue(SipText.header(response, "Allow").contains("OPTIONS"), response);
		assertEquals("application/sdp", SipText.header(response, "Accept"));
	}

	@Test
	void answersMethodsItDoesNotHandle() throws Exception {
		// SUBSCRIBE is known but not handled: 405, with the methods the stack and its softphone take
		SipUdpClient.Request subscribe = client.request("SUBSCRIBE", "SIP/2.0", "");
		client.send(subscribe.text());
		String toSubscribe = finalResponse(subscribe.callId());
		SipText.assertWellFormedResponse(toSubscribe);
		assertEquals(405, SipText.status(toSubscribe), toSubscribe);
		assertTrue(SipText.header(toSubscribe, "Allow").contains("OPTIONS"), toSubscribe);
		Poll.until("the softphone service", () -> context.getServiceReference(Softphone.class) != null);
		SipUdpClient.Request options = client.options();
		client.send(options.text());
		String toOptions = client.receiveFor(options.callId(), new ArrayList<>());
		assertTrue(SipText.header(toOptions, "Allow").contains("INVITE"), "the softphone takes calls: " + toOptions);

		SipUdpClient.Request unknown = client.request("FROBNICATE", "SIP/2.0", "");
		client.send(unknown.text());
		String toUnknown = finalResponse(unknown.callId());
		SipText.assertWellFormedResponse(toUnknown);
		assertEquals(501, SipText.status(toUnknown), toUnknown);
	}

	@Test
	void answersOtherSipVersionsWith505() throws Exception {
		SipUdpClient.Request seven = client.request("OPTIONS", "SIP/7.0", "");
		client.send(seven.text());
		String response = client.receiveFor(seven.callId(), new ArrayList<>());
		SipText.assertWellFormedResponse(response);
		assertEquals(505, SipText.status(response), response);
	}

	@Test
	void requestsWithoutAServerTransactionGetOurOwn400() throws Exception {
		// no Max-Forwards: the RI parses it but refuses a server transaction
		SipUdpClient.Request request = client.options();
		client.send(request.text().replace("Max-Forwards: 70\r\n", ""));
		String response = client.receiveFor(request.callId(), new ArrayList<>());
		SipText.assertWellFormedResponse(response);
		assertTrue(response.startsWith("SIP/2.0 400 " + RequestHandler.BAD_REQUEST_REASON + "\r\n"), response);
		assertTrue(SipText.header(response, "Via").contains("branch=" + request.branch()), response);
	}

	/** The final response for {@code callId}, skipping provisional ones (a 100 Trying for INVITE). */
	private String finalResponse(String callId) throws IOException {
		for (int i = 0; i < 5; i++) {
			String r = client.receiveFor(callId, new ArrayList<>());
			if (SipText.status(r) >= 200) {
				return r;
			}
		}
		throw new AssertionError("no final response for " + callId);
	}

	@Test
	void malformedMessagesGetCleanAnswersOrNone() throws Exception {
		List<String> answers = new ArrayList<>();
		for (byte[] bad : malformed()) {
			client.send(bad);
			// a valid OPTIONS after each: the stack must still answer, and it flushes out the answers before it
			SipUdpClient.Request probe = client.options();
			client.send(probe.text());
			String ok = client.receiveFor(probe.callId(), answers);
			assertTrue(ok.startsWith("SIP/2.0 200 OK\r\n"), () -> "after '" + preview(bad) + "': " + ok);
		}
		answers.addAll(client.drain(QUIET));
		System.out.println("Answers to malformed messages: " + answers.size());
		for (String a : answers) {
			System.out.println("---\n" + a);
			SipText.assertWellFormedResponse(a);
		}
		assertFalse(answers.stream().anyMatch(a -> a.contains("version-7@") && a.startsWith("SIP/2.0 200")),
				"SIP/7.0 must not be accepted: " + answers);
	}

	private List<byte[]> malformed() {
		String port = Integer.toString(client.localPort());
		String via = "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bKbad";
		String rest = "From: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:s@127.0.0.1>\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n";
		List<byte[]> result = new ArrayList<>();
		result.add(bytes("OPTIONS sip:s@127.0.0.1 SIP/2.0\r\n" + via + "1\r\n" + rest
				+ "Call-ID: bad-length-1@127.0.0.1\r\nContent-Length: 999\r\n\r\nshort body"));
		result.add(bytes("OPTIONS sip:s@127.0.0.1 SIP/2.0\r\n" + via + "2\r\n" + rest
				+ "Call-ID: bad-length-2@127.0.0.1\r\nContent-Length: twelve\r\n\r\n"));
		result.add(bytes("OPTIONS sip:s@127.0.0.1 SIP/2.0\r\n" + via + "3\r\n" + rest + "Content-Length: 0\r\n\r\n"));
		result.add(bytes("OPTIONS sip:s@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP ;;;@@@ branch\r\n" + rest
				+ "Call-ID: bad-via@127.0.0.1\r\nContent-Length: 0\r\n\r\n"));
		result.add(bytes("OPTIONS sip:s@127.0.0.1 SIP/2.0\r\n" + via + "5\r\n" + rest
				+ "Call-ID: huge-header@127.0.0.1\r\nX-Huge: " + "a".repeat(30_000) + "\r\nContent-Length: 0\r\n\r\n"));
		result.add(bytes("OPTIONS sip:s@127.0.0.1 SIP/7.0\r\n" + via + "6\r\n" + rest
				+ "Call-ID: version-7@127.0.0.1\r\nContent-Length: 0\r\n\r\n"));
		byte[] garbage = new byte[512];
		new Random(20261125L).nextBytes(garbage);
		result.add(garbage);
		result.add(bytes("INVITE sip:s@127.0.0.1 SIP/2.0\r\n\r\n"));
		result.add(bytes("OPTIONS sip:s@127.0.0.1 SIP/2.0\r\n" + via + "9\r\n"
				+ rest.replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE")
				+ "Call-ID: cseq-mismatch@127.0.0.1\r\nContent-Length: 0\r\n\r\n"));
		result.add(bytes("OPTIONS sip:s@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + port + "\r\n" + rest
				+ "Call-ID: no-branch@127.0.0.1\r\nContent-Length: 0\r\n\r\n"));
		result.add(bytes("OPTIONS sip:s@127.0.0.1 SIP/2.0\r\n" + via + "11\r\n"
				+ rest.replace("Max-Forwards: 70\r\n", "")
				+ "Call-ID: no-max-forwards@127.0.0.1\r\nContent-Length: 0\r\n\r\n"));
		result.add(bytes("OPTIONS sip:s@127.0.0.1 SIP/2.0\r\n" + via + "\r\n" + rest
				+ "Call-ID: empty-branch@127.0.0.1\r\nContent-Length: 0\r\n\r\n"));
		return result;
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static String preview(byte[] b) {
		String s = new String(b, 0, Math.min(b.length, 60), StandardCharsets.ISO_8859_1);
		return s.replaceAll("[^\\x20-\\x7e]", ".");
	}

	@Test
	void deactivationStopsEveryStackThreadAndFreesThePort() throws Exception {
		Set<Thread> running = JainSipThreads.alive();
		assertFalse(running.isEmpty(), "the running stack has threads the check can see");
		Bundle host = context.getBundle();
		ServiceReferenceHolder scr = new ServiceReferenceHolder(context);
		ComponentDescriptionDTO description = scr.runtime.getComponentDescriptionDTO(host,
				SipStackComponent.class.getName());
		assertNotNull(description, "component description");
		try {
			scr.runtime.disableComponent(description).getValue();
			Poll.until("no JAIN-SIP threads (still: " + JainSipThreads.describe(JainSipThreads.alive()) + ")",
					() -> JainSipThreads.alive().isEmpty());
			Poll.until("port " + stack.getPort() + " free for UDP and TCP", () -> isFree(stack));
			Poll.until("no '" + SipStackComponent.THREAD_NAME + "' thread", () -> Thread.getAllStackTraces().keySet()
					.stream().noneMatch(t -> t.getName().equals(SipStackComponent.THREAD_NAME)));
		} finally {
			scr.runtime.enableComponent(description).getValue();
			scr.close();
		}
		StartupParticipant again = tracker.waitForService(Poll.TIMEOUT.toMillis());
		assertNotNull(again, "the component comes back when enabled");
		InetSocketAddress restarted = started(again);
		try (SipUdpClient c = new SipUdpClient(restarted)) {
			SipUdpClient.Request options = c.options();
			c.send(options.text());
			assertTrue(c.receiveFor(options.callId(), new ArrayList<>()).startsWith("SIP/2.0 200 OK\r\n"));
		}
	}

	static boolean isFree(InetSocketAddress address) {
		try (DatagramSocket udp = new DatagramSocket(address); ServerSocket tcp = new ServerSocket()) {
			tcp.bind(address);
			return true;
		} catch (IOException e) {
			return false;
		}
	}

	/** The ServiceComponentRuntime service, released on close. */
	private static final class ServiceReferenceHolder implements AutoCloseable {
		final ServiceComponentRuntime runtime;
		private final ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> tracker;

		ServiceReferenceHolder(BundleContext context) throws InterruptedException {
			tracker = new ServiceTracker<>(context, ServiceComponentRuntime.class, null);
			tracker.open();
			runtime = tracker.waitForService(Poll.TIMEOUT.toMillis());
			assertNotNull(runtime, "ServiceComponentRuntime");
		}

		@Override
		public void close() {
			tracker.close();
		}
	}
}
