package org.webcallcenter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Two sockets on 127.0.0.1 talk through the relay; what is lost is exactly what the seed says. */
class LossyUdpRelayTest {
	private static final int PACKETS = 2000;

	@Test
	void dropsTheSeededFivePercentTowardsTheTarget() throws IOException {
		try (DatagramSocket sender = socket(); DatagramSocket target = socket();
				LossyUdpRelay relay = LossyUdpRelay.start(address(target), 5, LossyUdpRelay.Lossy.TO_TARGET, 7)) {
			List<Integer> got = sendThrough(relay, sender, target, PACKETS);
			long expected = LossyUdpRelay.expectedDrops(5, 7, PACKETS);
			assertEquals(expected, relay.dropped(), relay::toString);
			assertEquals(PACKETS - expected, got.size());
			assertEquals(PACKETS - expected, relay.forwarded());
			double percent = 100.0 * relay.dropped() / PACKETS;
			assertTrue(percent > 3.5 && percent < 6.5, "dropped " + percent + " % of " + PACKETS);
			// the same seed gives the same pattern: a second relay drops the same sequence numbers
			try (LossyUdpRelay again = LossyUdpRelay.start(address(target), 5, LossyUdpRelay.Lossy.TO_TARGET, 7)) {
				assertEquals(got, sendThrough(again, sender, target, PACKETS));
			}
		}
	}

	@Test
	void answersGoBackToTheSenderWithoutLossWhenOnlyOneWayIsLossy() throws IOException {
		try (DatagramSocket sender = socket(); DatagramSocket target = socket();
				LossyUdpRelay relay = LossyUdpRelay.start(address(target), 50, LossyUdpRelay.Lossy.TO_TARGET, 1)) {
			List<Integer> arrived = sendThrough(relay, sender, target, 200);
			// the target answers each packet it got to the relay's address, which sent it
			for (int seq : arrived) {
				target.send(new DatagramPacket(bytes(seq), 4, relay.address()));
			}
			Poll.until("relay to send back " + arrived.size(), () -> relay.forwarded() >= 2L * arrived.size());
			List<Integer> back = receive(sender);
			assertEquals(arrived, back);
			assertEquals(200 + arrived.size(), relay.received());
		}
	}

	@Test
	void zeroLossForwardsEverythingAndHundredDropsEverything() throws IOException {
		try (DatagramSocket sender = socket(); DatagramSocket target = socket()) {
			try (LossyUdpRelay none = LossyUdpRelay.start(address(target), 0, LossyUdpRelay.Lossy.BOTH, 3)) {
				assertEquals(300, sendThrough(none, sender, target, 300).size());
			}
			try (LossyUdpRelay all = LossyUdpRelay.start(address(target), 100, LossyUdpRelay.Lossy.BOTH, 3)) {
				assertEquals(0, sendThrough(all, sender, target, 300).size());
				assertEquals(300, all.dropped());
			}
		}
	}

	@Test
	void refusesTargetsOffLoopbackAndBadLoss() {
		assertThrows(IllegalArgumentException.class, () -> LossyUdpRelay.start(
				new InetSocketAddress(InetAddress.getByAddress(new byte[] { 10, 0, 0, 1 }), 5000), 5,
				LossyUdpRelay.Lossy.BOTH, 1));
		assertThrows(IllegalArgumentException.class,
				() -> LossyUdpRelay.start(Ports.loopback(5000), 101, LossyUdpRelay.Lossy.BOTH, 1));
	}

	/**
	 * Sends {@code n} numbered datagrams in bursts of 50, each burst once the relay has taken it; then returns the
	 * numbers that reached the target (all of them are in its socket buffer once the relay handled them all).
	 */
	private static List<Integer> sendThrough(LossyUdpRelay relay, DatagramSocket sender, DatagramSocket target, int n)
			throws IOException {
		long received = relay.received();
		long handled = relay.forwarded() + relay.dropped();
		for (int seq = 0; seq < n; seq++) {
			sender.send(new DatagramPacket(bytes(seq), 4, relay.address()));
			if (seq % 50 == 49 || seq == n - 1) {
				long sent = seq + 1;
				Poll.until("relay to take " + sent + " datagrams", () -> relay.received() - received >= sent);
			}
		}
		Poll.until("relay to handle " + n + " datagrams", () -> relay.forwarded() + relay.dropped() - handled >= n);
		return receive(target);
	}

	/** Receives until 200 ms pass without a datagram; returns their numbers in arrival order. */
	private static List<Integer> receive(DatagramSocket socket) throws IOException {
		List<Integer> got = new ArrayList<>();
		byte[] buffer = new byte[16];
		socket.setSoTimeout(200);
		while (true) {
			DatagramPacket p = new DatagramPacket(buffer, buffer.length);
			try {
				socket.receive(p);
			} catch (SocketTimeoutException e) {
				return got;
			}
			got.add(ByteBuffer.wrap(buffer, 0, 4).getInt());
		}
	}

	private static byte[] bytes(int seq) {
		return ByteBuffer.allocate(4).putInt(seq).array();
	}

	private static DatagramSocket socket() throws IOException {
		DatagramSocket s = new DatagramSocket(Ports.loopback(0));
		s.setReceiveBufferSize(1 << 20);
		return s;
	}

	private static InetSocketAddress address(DatagramSocket s) {
		return Ports.loopback(s.getLocalPort());
	}
}
