package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.testing.Poll;

/**
 * The malformed-message suite aimed at the softphone: broken and unexpected call requests (bad SDP, a body that is
 * not SDP, BYE/CANCEL/INFO/NOTIFY/re-INVITE for calls that do not exist, a Via naming TCP sent over UDP, a huge
 * header, a wrong Content-Length) sent to the running workstation stack over UDP and over TCP. Each gets a
 * well-formed error response or is dropped; after each, a valid OPTIONS on the same transport is still answered;
 * and nothing is logged as an unexpected failure.
 */
class MalformedCallRequestsTest {
	private BundleContext context;
	private ServiceTracker<SipStackComponent, SipStackComponent> tracker;
	private InetSocketAddress stack;
	private final List<IStatus> problems = new CopyOnWriteArrayList<>();
	private final ILogListener logListener = (status, plugin) -> {
		if (status.getSeverity() == IStatus.ERROR) {
			problems.add(status);
		}
	};

	@BeforeEach
	void findTheSoftphone() throws Exception {
		Bundle host = FrameworkUtil.getBundle(MalformedCallRequestsTest.class);
		if (host.getState() != Bundle.ACTIVE) {
			host.start(Bundle.START_TRANSIENT);
		}
		context = host.getBundleContext();
		tracker = new ServiceTracker<>(context, SipStackComponent.class, null);
		tracker.open();
		SipStackComponent component = tracker.waitForService(Poll.TIMEOUT.toMillis());
		assertNotNull(component, "no SIP stack component");
		stack = component.started().toCompletableFuture().get(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		Poll.until("the softphone service", () -> context.getServiceReference(Softphone.class) != null);
		Platform.addLogListener(logListener);
	}

	@AfterEach
	void cleanUp() {
		// bad INVITEs that were valid enough to ring: end them, the next test starts with free lines
		Softphone phone = context.getService(context.getServiceReference(Softphone.class));
		phone.calls().forEach(org.webcallcenter.sip.api.Call::hangUp);
		Poll.until("the lines to be free", () -> phone.calls().isEmpty());
		Platform.removeLogListener(logListener);
		tracker.close();
	}

	/**
	 * Bad call requests; {@code %T} is the transport, {@code %P} our port, {@code %C} a fresh Call-ID, {@code %B} a
	 * fresh branch.
	 */
	private static List<String> badRequests() {
		String head = "Via: SIP/2.0/%T 127.0.0.1:%P;branch=z9hG4bK%B\r\nMax-Forwards: 70\r\n"
				+ "From: <sip:evil@127.0.0.1>;tag=f1\r\nCall-ID: %C\r\n";
		String to = "To: <sip:wcc@127.0.0.1>\r\n";
		String toTagged = "To: <sip:wcc@127.0.0.1>;tag=nosuchdialog\r\n";
		String contact = "Contact: <sip:evil@127.0.0.1:%P>\r\n";
		List<String> r = new ArrayList<>();
		r.add("INVITE sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + to + contact
				+ "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 17\r\n\r\nthis is not sdp!!");
		r.add("INVITE sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + to + contact
				+ "CSeq: 1 INVITE\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
		r.add("INVITE sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + to
				+ "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"); // no Contact
		r.add("INVITE sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + to + contact
				+ "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 400\r\n\r\nv=0\r\n");
		r.add("INVITE sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + to + contact + "X-Huge: " + "b".repeat(20_000)
				+ "\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n");
		r.add("INVITE sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + toTagged + contact
				+ "CSeq: 2 INVITE\r\nContent-Length: 0\r\n\r\n"); // re-INVITE of no dialog
		r.add("BYE sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + toTagged + "CSeq: 3 BYE\r\nContent-Length: 0\r\n\r\n");
		r.add("CANCEL sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + to + "CSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n");
		r.add("INFO sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + toTagged
				+ "CSeq: 4 INFO\r\nContent-Type: application/dtmf-relay\r\nContent-Length: 10\r\n\r\nSignal=5\r\n");
		r.add("NOTIFY sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + toTagged + "Event: refer\r\n"
				+ "CSeq: 5 NOTIFY\r\nContent-Type: message/sipfrag\r\nContent-Length: 16\r\n\r\nSIP/2.0 200 OK\r\n");
		r.add("REFER sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + toTagged
				+ "Refer-To: <sip:x@127.0.0.1>\r\nCSeq: 6 REFER\r\nContent-Length: 0\r\n\r\n");
		r.add("ACK sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + toTagged + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
		r.add("INVITE sip:wcc@127.0.0.1 SIP/2.0\r\n" + head + to + contact
				+ "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 62\r\n\r\n"
				+ "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n");
		return r;
	}

	private static String fill(String template, String transport, int port) {
		String callId = "bad-" + UUID.randomUUID() + "@127.0.0.1";
		String branch = UUID.randomUUID().toString().replace("-", "");
		return template.replace("%T", transport).replace("%P", Integer.toString(port)).replace("%C", callId)
				.replace("%B", branch);
	}

	@Test
	void overUdpEveryBadCallRequestGetsACleanAnswerOrNoneAndTheStackGoesOn() throws Exception {
		List<String> answers = new ArrayList<>();
		try (SipUdpClient client = new SipUdpClient(stack)) {
			for (String template : badRequests()) {
				String bad = fill(template, "UDP", client.localPort());
				client.send(bad.getBytes(StandardCharsets.UTF_8));
				SipUdpClient.Request probe = client.options();
				client.send(probe.text());
				String ok = client.receiveFor(probe.callId(), answers);
				assertTrue(ok.startsWith("SIP/2.0 200 OK\r\n"), () -> "after '" + firstLine(bad) + "': " + ok);
			}
			// a Via naming TCP on a UDP datagram: answered (over UDP, as RFC 3261 section 18.2.2 allows) or dropped
			String mismatch = fill(badRequests().get(6), "TCP", client.localPort());
			client.send(mismatch.getBytes(StandardCharsets.UTF_8));
			SipUdpClient.Request probe = client.options();
			client.send(probe.text());
			assertTrue(client.receiveFor(probe.callId(), answers).startsWith("SIP/2.0 200 OK\r\n"));
			answers.addAll(client.drain(Duration.ofMillis(500)));
		}
		checkAnswers(answers);
	}

	@Test
	void overTcpEveryBadCallRequestGetsACleanAnswerOrNoneAndTheStackGoesOn() throws Exception {
		List<String> answers = new ArrayList<>();
		for (String template : badRequests()) {
			try (Socket socket = new Socket(stack.getAddress(), stack.getPort())) {
				socket.setSoTimeout(300);
				String bad = fill(template, "TCP", socket.getLocalPort());
				socket.getOutputStream().write(bad.getBytes(StandardCharsets.UTF_8));
				answers.addAll(readAll(socket.getInputStream()));
			}
			try (Socket socket = new Socket(stack.getAddress(), stack.getPort())) {
				socket.setSoTimeout((int) Poll.TIMEOUT.toMillis());
				String options = "OPTIONS sip:wcc@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:"
						+ socket.getLocalPort() + ";branch=z9hG4bK" + UUID.randomUUID()
						+ "\r\nMax-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:wcc@127.0.0.1>\r\n"
						+ "Call-ID: " + UUID.randomUUID() + "@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
				socket.getOutputStream().write(options.getBytes(StandardCharsets.UTF_8));
				String ok = readOne(socket.getInputStream());
				assertTrue(ok.startsWith("SIP/2.0 200 OK\r\n"), () -> "after '" + firstLine(template) + "': " + ok);
			}
		}
		checkAnswers(answers);
	}

	private void checkAnswers(List<String> answers) {
		assertTrue(answers.size() >= 8, "most bad requests are answered: " + answers.size());
		for (String a : answers) {
			SipText.assertWellFormedResponse(a);
			int status = SipText.status(a);
			assertTrue(status >= 400 || status == 100 || status == 180 || status == 200,
					"an error, or the normal handling of a request that was valid after all: " + a);
		}
		assertEquals(List.of(), problems.stream().map(IStatus::getMessage).toList(),
				"no unexpected failure may be logged");
	}

	/** Reads every message the stack sends on this connection until it is quiet for the socket timeout. */
	private static List<String> readAll(InputStream in) throws IOException {
		List<String> messages = new ArrayList<>();
		while (true) {
			String m;
			try {
				m = readOne(in);
			} catch (SocketTimeoutException e) {
				return messages;
			}
			if (m.isEmpty()) {
				return messages;
			}
			messages.add(m);
		}
	}

	/** One SIP message from a stream (headers, then Content-Length bytes); empty at end of stream. */
	private static String readOne(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				return "";
			}
			head.write(b);
			matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
		}
		String headers = head.toString(StandardCharsets.UTF_8);
		if (headers.isBlank()) {
			return readOne(in); // keep-alive CRLFs
		}
		String length = SipText.header(headers, "Content-Length");
		int n = length == null ? 0 : Integer.parseInt(length);
		byte[] body = in.readNBytes(n);
		return headers + new String(body, StandardCharsets.UTF_8);
	}

	private static String firstLine(String s) {
		int i = s.indexOf("\r\n");
		return i < 0 ? s : s.substring(0, i);
	}
}
