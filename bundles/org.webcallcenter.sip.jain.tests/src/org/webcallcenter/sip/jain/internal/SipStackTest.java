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
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

import org.webcallcenter.testing.Poll;
import org.junit.jupiter.api.Test;

/** The stack on its own, outside DS: binding failures, ephemeral ports, how UDP is read, clean stops. */
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

	/**
	 * UDP is read by one thread that processes what it read ({@code ReceivingUdpMessageProcessor}), and answers
	 * leave from the listening port: peers such as sipp answer to the source port, so a request sent from anywhere
	 * else would never be answered.
	 */
	@Test
	void udpIsAnsweredFromTheListeningPortByTheThreadThatReadIt() throws Exception {
		Set<String> threads = ConcurrentHashMap.newKeySet();
		try (SipStack stack = SipStack.start("test-udp", SipUdpClient.LOOPBACK, 0,
				provider -> new ThreadRecorder(new RequestHandler(provider), threads));
				SipUdpClient client = new SipUdpClient(stack.local())) {
			for (int i = 0; i < 3; i++) {
				SipUdpClient.Request options = client.options();
				client.send(options.text());
				assertTrue(client.receiveFor(options.callId(), new ArrayList<>()).startsWith("SIP/2.0 200 OK"));
				assertEquals(stack.local(), client.lastSource());
			}
			// the RI's own UDP processor would have a reader thread besides the channel thread named below
			String riReader = "MessageProcessorThread-UDP-" + stack.local().getAddress().getHostAddress() + "/"
					+ stack.local().getPort();
			assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(riReader)),
					"no " + riReader + " thread");
		}
		assertEquals(Set.of("test-udp-UDPMessageChannelThread-0"), threads);
	}

	/** Notes the thread of every request, then lets the stack's own handler answer it. */
	private record ThreadRecorder(SipListener handler, Set<String> threads) implements SipListener {
		@Override
		public void processRequest(RequestEvent event) {
			threads.add(Thread.currentThread().getName());
			handler.processRequest(event);
		}

		@Override
		public void processResponse(ResponseEvent event) {
			handler.processResponse(event);
		}

		@Override
		public void processTimeout(TimeoutEvent event) {
			handler.processTimeout(event);
		}

		@Override
		public void processIOException(IOExceptionEvent event) {
			handler.processIOException(event);
		}

		@Override
		public void processTransactionTerminated(TransactionTerminatedEvent event) {
			handler.processTransactionTerminated(event);
		}

		@Override
		public void processDialogTerminated(DialogTerminatedEvent event) {
			handler.processDialogTerminated(event);
		}
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
