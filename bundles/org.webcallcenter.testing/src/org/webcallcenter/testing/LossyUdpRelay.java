package org.webcallcenter.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay on 127.0.0.1 that loses packets on purpose, deterministically: for "a call with 5 % packet loss still
 * decodes". Whatever arrives at {@link #address()} from anyone but the target is forwarded to the target, and
 * whatever the target sends back to the relay goes to the last such sender (so a peer that answers to the source
 * of what it receives, as symmetric RTP and {@code sipp -rtp_echo} do, talks through the relay both ways).
 *
 * <p>Each datagram in a lossy direction draws one number from a {@link SplittableRandom} seeded with {@code seed}
 * and is dropped when it falls under the loss: the same seed and the same sequence of datagrams always lose the
 * same ones ({@link #expectedDrops} computes them without sockets). Counters tell what happened.
 */
public final class LossyUdpRelay implements AutoCloseable {
	/** Which way packets are lost. */
	public enum Lossy {
		/** Only datagrams towards the target. */
		TO_TARGET,
		/** Only datagrams from the target back to the sender. */
		FROM_TARGET,
		/** Both ways (one draw per datagram, in arrival order). */
		BOTH
	}

	private final DatagramSocket socket;
	private final InetSocketAddress target;
	private final double lossPercent;
	private final Lossy lossy;
	private final SplittableRandom random;
	private final Thread thread;
	private final AtomicLong received = new AtomicLong();
	private final AtomicLong fromTarget = new AtomicLong();
	private final AtomicLong forwarded = new AtomicLong();
	private final AtomicLong dropped = new AtomicLong();
	private final AtomicLong unroutable = new AtomicLong();
	private volatile InetSocketAddress sender;
	private volatile boolean closed;

	private LossyUdpRelay(DatagramSocket socket, InetSocketAddress target, double lossPercent, Lossy lossy,
			long seed) {
		this.socket = socket;
		this.target = target;
		this.lossPercent = lossPercent;
		this.lossy = lossy;
		this.random = new SplittableRandom(seed);
		this.thread = new Thread(this::run, "lossy-udp-relay-" + socket.getLocalPort());
		this.thread.setDaemon(true);
	}

	/**
	 * Starts a relay on a free port of 127.0.0.1.
	 *
	 * @param target      where datagrams are forwarded to; must be on 127.0.0.1
	 * @param lossPercent 0 to 100
	 * @param lossy       which direction loses packets
	 * @param seed        the seed of the loss pattern
	 */
	public static LossyUdpRelay start(InetSocketAddress target, double lossPercent, Lossy lossy, long seed)
			throws IOException {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(lossy, "lossy");
		if (!Ports.LOOPBACK.equals(target.getAddress())) {
			throw new IllegalArgumentException("target must be 127.0.0.1, not " + target);
		}
		if (!(lossPercent >= 0 && lossPercent <= 100)) {
			throw new IllegalArgumentException("loss " + lossPercent + " % outside 0..100");
		}
		DatagramSocket socket = new DatagramSocket(Ports.loopback(0));
		socket.setSoTimeout(100);
		LossyUdpRelay relay = new LossyUdpRelay(socket, target, lossPercent, lossy, seed);
		relay.thread.start();
		return relay;
	}

	/**
	 * The drop decisions the relay makes for the first {@code datagrams} datagrams in a lossy direction.
	 *
	 * @return how many of them are dropped
	 */
	public static long expectedDrops(double lossPercent, long seed, int datagrams) {
		SplittableRandom r = new SplittableRandom(seed);
		long drops = 0;
		for (int i = 0; i < datagrams; i++) {
			if (drop(r, lossPercent)) {
				drops++;
			}
		}
		return drops;
	}

	private static boolean drop(SplittableRandom r, double lossPercent) {
		return r.nextDouble() * 100 < lossPercent;
	}

	private void run() {
		byte[] buffer = new byte[65536];
		DatagramPacket in = new DatagramPacket(buffer, buffer.length);
		while (!closed) {
			try {
				in.setLength(buffer.length);
				socket.receive(in);
			} catch (SocketTimeoutException e) {
				continue;
			} catch (IOException e) {
				if (closed) {
					return;
				}
				continue;
			}
			received.incrementAndGet();
			InetSocketAddress from = (InetSocketAddress) in.getSocketAddress();
			boolean fromTarget = from.equals(target);
			InetSocketAddress to;
			if (fromTarget) {
				this.fromTarget.incrementAndGet();
				to = sender;
			} else {
				sender = from;
				to = target;
			}
			if (to == null) {
				unroutable.incrementAndGet();
				continue;
			}
			boolean lossyWay = lossy == Lossy.BOTH || (lossy == Lossy.TO_TARGET) != fromTarget;
			if (lossyWay && drop(random, lossPercent)) {
				dropped.incrementAndGet();
				continue;
			}
			try {
				socket.send(new DatagramPacket(buffer, 0, in.getLength(), to));
				forwarded.incrementAndGet();
			} catch (IOException e) {
				unroutable.incrementAndGet();
			}
		}
	}

	/** @return 127.0.0.1 and the relay's port: where the sending peer must send */
	public InetSocketAddress address() {
		return Ports.loopback(socket.getLocalPort());
	}

	public int port() {
		return socket.getLocalPort();
	}

	public InetSocketAddress target() {
		return target;
	}

	/** @return datagrams received from either side */
	public long received() {
		return received.get();
	}

	/** @return datagrams received from the target */
	public long receivedFromTarget() {
		return fromTarget.get();
	}

	/** @return datagrams received from anyone but the target (going towards it) */
	public long receivedTowardsTarget() {
		return received.get() - fromTarget.get();
	}

	/** @return datagrams sent on */
	public long forwarded() {
		return forwarded.get();
	}

	/** @return datagrams dropped on purpose */
	public long dropped() {
		return dropped.get();
	}

	/** @return datagrams from the target before anyone else sent (nowhere to go), or that failed to send */
	public long unroutable() {
		return unroutable.get();
	}

	/** Stops the relay thread and closes the socket; waits up to 5 s for the thread. */
	@Override
	public void close() {
		closed = true;
		socket.close();
		try {
			thread.join(5000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "LossyUdpRelay 127.0.0.1:" + socket.getLocalPort() + " -> " + target + " (" + lossPercent + " % "
				+ lossy + "): received " + received + ", forwarded " + forwarded + ", dropped " + dropped;
	}
}
