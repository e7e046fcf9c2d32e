package org.webcallcenter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Loopback addresses and free UDP ports for test peers. Every address here is the IP literal 127.0.0.1, never a
 * host name: a name could be resolved off the machine.
 */
public final class Ports {
	/** 127.0.0.1, built from its bytes (no resolver involved). */
	public static final InetAddress LOOPBACK = loopback();

	private Ports() {
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
		} catch (UnknownHostException e) {
			throw new IllegalStateException(e);
		}
	}

	/** @return 127.0.0.1:{@code port} */
	public static InetSocketAddress loopback(int port) {
		return new InetSocketAddress(LOOPBACK, port);
	}

	/** @return a UDP port on 127.0.0.1 that was free a moment ago (the caller binds it soon after) */
	public static int freeUdpPort() {
		try (DatagramSocket s = new DatagramSocket(loopback(0))) {
			return s.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException("no free UDP port on 127.0.0.1", e);
		}
	}

	/** @return an even free UDP port on 127.0.0.1 whose successor is free too (RTP and RTCP) */
	public static int freeUdpPortPair() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = freeUdpPort();
			if (port % 2 == 0 && port < 65534 && !isUdpBound(port) && !isUdpBound(port + 1)) {
				return port;
			}
		}
		throw new IllegalStateException("no free pair of UDP ports on 127.0.0.1 after 200 attempts");
	}

	/** @return whether some socket is bound to UDP 127.0.0.1:{@code port} (tried by binding it for a moment) */
	public static boolean isUdpBound(int port) {
		try (DatagramSocket s = new DatagramSocket(null)) {
			s.bind(loopback(port));
			return false;
		} catch (BindException e) {
			return true;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
