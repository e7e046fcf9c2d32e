package org.webcallcenter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

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

	/**
	 * Whether some socket is bound to UDP port {@code port} on 127.0.0.1 or on all addresses. Read from the
	 * kernel's socket table ({@code /proc/net/udp}) without touching the port: probing by binding it would race
	 * with the peer that is about to bind it. Off Linux, falls back to such a probe.
	 */
	public static boolean isUdpBound(int port) {
		Path table = Path.of("/proc/net/udp");
		if (!Files.isReadable(table)) {
			return probeByBinding(port);
		}
		String loopback = String.format(Locale.ROOT, "0100007F:%04X", port);
		String any = String.format(Locale.ROOT, "00000000:%04X", port);
		try (Stream<String> lines = Files.lines(table, StandardCharsets.US_ASCII)) {
			return lines.skip(1).map(String::trim).map(line -> line.split("\\s+", 3))
					.anyMatch(f -> f.length > 1 && (f[1].equals(loopback) || f[1].equals(any)));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static boolean probeByBinding(int port) {
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
