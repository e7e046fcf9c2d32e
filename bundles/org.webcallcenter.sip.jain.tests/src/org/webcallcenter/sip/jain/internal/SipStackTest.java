package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

import org.webcallcenter.testing.Poll;
import org.junit.jupiter.api.Test;

/** The stack on its own, outside DS: binding failures, ephemeral ports, clean stops. */
class SipStackTest {

	@Test
	void aPortInUseFailsWithAClearMessageAndLeavesNoThreads() throws Exception {
		Set<Thread> before = JainSipThreads.alive();
		try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(SipUdpClient.LOOPBACK, 0))) {
			int port = taken.getLocalPort();
			IOException e = assertThrows(IOException.class,
					() -> SipStack.start("test-in-use", SipUdpClient.LOOPBACK, port, RequestHandler::new));
			assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
			assertTrue(e.getMessage().contains("in use"), e.getMessage());
		}
		assertNoNewThreads(before);
	}

	@Test
	void portZeroPicksOneFreeForUdpAndTcpAndCloseStopsEverything() throws Exception {
		Set<Thread> before = JainSipThreads.alive();
		InetSocketAddress local;
		try (SipStack stack = SipStack.start("test-ephemeral", SipUdpClient.LOOPBACK, 0, RequestHandler::new)) {
			local = stack.local();
			assertTrue(local.getPort() > 0, "reported port " + local);
			assertTrue(!SipStackComponentTest.isFree(local), "the stack holds " + local);
			try (SipUdpClient client = new SipUdpClient(local)) {
				SipUdpClient.Request options = client.options();
				client.send(options.text());
				assertTrue(client.receiveFor(options.callId(), new ArrayList<>()).startsWith("SIP/2.0 200 OK"));
				client.send(new byte[] { 1, 2, 3, 'x', '\r', '\n', '\r', '\n' });
				Poll.until("the unparsable datagram counted", () -> stack.droppedUnparsable() >= 1);
			}
		}
		assertNoNewThreads(before);
		Poll.until("port " + local.getPort() + " free again", () -> SipStackComponentTest.isFree(local));
	}

	@Test
	void configurationRefusesHostNamesAndBadPorts() {
		assertThrows(IOException.class, () -> SipStackComponent.ipLiteral("localhost"));
		assertThrows(IOException.class, () -> SipStackComponent.ipLiteral("sip.example.com"));
		assertThrows(IOException.class, () -> SipStackComponent.parsePort("65536"));
		assertThrows(IOException.class, () -> SipStackComponent.parsePort("five"));
		assertEquals(0, assertDoesNotThrowPort("0"));
	}

	private static int assertDoesNotThrowPort(String port) {
		try {
			return SipStackComponent.parsePort(port);
		} catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	private static void assertNoNewThreads(Set<Thread> before) {
		Poll.until("JAIN-SIP threads of the test stack to end", () -> {
			Set<Thread> now = new HashSet<>(JainSipThreads.alive());
			now.removeAll(before);
			return now.isEmpty();
		});
	}
}
