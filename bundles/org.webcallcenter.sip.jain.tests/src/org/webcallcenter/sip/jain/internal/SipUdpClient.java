package org.webcallcenter.sip.jain.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.webcallcenter.testing.Poll;


/** Plain-text SIP over UDP on loopback, built by hand so that the tests do not trust the stack under test. */
final class SipUdpClient implements AutoCloseable {
	static final InetAddress LOOPBACK = loopback();

	private final DatagramSocket socket;
	private final InetSocketAddress server;
	private volatile InetSocketAddress lastSource;

	SipUdpClient(InetSocketAddress server) throws IOException {
		this.server = server;
		socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
	}

	int localPort() {
		return socket.getLocalPort();
	}

	void send(String message) throws IOException {
		send(message.getBytes(StandardCharsets.UTF_8));
	}

	void send(byte[] bytes) throws IOException {
		socket.send(new DatagramPacket(bytes, bytes.length, server));
	}

	/** @return the next datagram received within {@code timeout}, if any */
	Optional<String> receive(Duration timeout) throws IOException {
		byte[] buffer = new byte[65535];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
		try {
			socket.receive(packet);
			lastSource = (InetSocketAddress) packet.getSocketAddress();
			return Optional.of(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
		} catch (SocketTimeoutException e) {
			return Optional.empty();
		}
	}

	/** @return where the last datagram received came from, or null before the first */
	InetSocketAddress lastSource() {
		return lastSource;
	}

	/**
	 * Receives until a response carrying {@code callId} arrives (bounded by {@link Poll#TIMEOUT}); every other
	 * datagram received meanwhile goes to {@code others}.
	 */
	String receiveFor(String callId, List<String> others) throws IOException {
		long deadline = System.nanoTime() + Poll.TIMEOUT.toNanos();
		while (System.nanoTime() - deadline < 0) {
			Optional<String> m = receive(Duration.ofMillis(500));
			if (m.isPresent()) {
				if (callId.equals(SipText.header(m.get(), "Call-ID"))) {
					return m.get();
				}
				others.add(m.get());
			}
		}
		throw new AssertionError("No response for Call-ID " + callId + " within " + Poll.TIMEOUT.toSeconds()
				+ " s; other datagrams: " + others);
	}

	/** @return whatever arrives until the socket has been quiet for {@code quiet} (at most 100 datagrams) */
	List<String> drain(Duration quiet) throws IOException {
		List<String> result = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			Optional<String> m = receive(quiet);
			if (m.isEmpty()) {
				break;
			}
			result.add(m.get());
		}
		return result;
	}

	/** A new OPTIONS request with fresh Call-ID and branch. */
	Request options() {
		return request("OPTIONS", "SIP/2.0", "");
	}

	Request request(String method, String version, String extraHeaders) {
		String callId = UUID.randomUUID() + "@127.0.0.1";
		String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
		String text = method + " sip:stack@127.0.0.1:" + server.getPort() + " " + version + "\r\n"
				+ "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=" + branch + "\r\n"
				+ "Max-Forwards: 70\r\n"
				+ "From: <sip:test@127.0.0.1>;tag=" + Integer.toHexString(callId.hashCode()) + "\r\n"
				+ "To: <sip:stack@127.0.0.1>\r\n"
				+ "Call-ID: " + callId + "\r\n"
				+ "CSeq: 7 " + method + "\r\n"
				+ "Contact: <sip:test@127.0.0.1:" + localPort() + ">\r\n"
				+ extraHeaders
				+ "Content-Length: 0\r\n\r\n";
		return new Request(text, callId, branch);
	}

	record Request(String text, String callId, String branch) {
	}

	@Override
	public void close() {
		socket.close();
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
