package org.webcallcenter.sip.jain.internal.stack;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.eclipse.core.runtime.ILog;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

/**
 * The JAIN-SIP network layer ({@code gov.nist.javax.sip.NETWORK_LAYER}): plain UDP and TCP sockets as the RI's
 * default layer makes them, and TLS client sockets from a {@link TlsTrust} context that check the server's
 * certificate chain and that it names the IP address connected to (endpoint identification on, TLS 1.2 or 1.3).
 * <p>
 * The handshake runs here, right after connecting, so that a refusal is known with its reason: the socket is
 * closed, the reason is kept per peer ({@link #failure}) and thrown as an {@link IOException} reading
 * {@code TLS: certificate of 127.0.0.1:5061 is not trusted (unknown CA)} or {@code TLS: handshake with ... failed:
 * ...}. The RI's own later {@code startHandshake()} on the connected socket does nothing more.
 * <p>
 * Without {@link #use(TlsTrust)} every TLS connection is refused. The softphone holds no certificate of its own:
 * it does not accept TLS connections it did not open (its registrar reaches it over the connection it opened).
 */
public class TlsNetworkLayer implements NetworkLayer {
	private static final ILog LOG = ILog.of(TlsNetworkLayer.class);
	/** Connect time-out, as the RI's default layer (8 s). */
	private static final int CONNECT_MILLIS = 8000;
	/** Longest wait for the server's side of the handshake. */
	private static final int HANDSHAKE_MILLIS = 10_000;
	private static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
	private final Map<String, String> failures = new ConcurrentHashMap<>();
	private volatile TlsTrust trust;

	public TlsNetworkLayer() {
		// instantiated by the RI by name
	}

	/** Sets which servers TLS connections trust. */
	public void use(TlsTrust value) {
		trust = value;
	}

	/** @return why the latest TLS connection to this peer failed, if it did (cleared by a successful one) */
	public Optional<String> failure(InetAddress address, int port) {
		return Optional.ofNullable(failures.get(peer(address, port)));
	}

	static String peer(InetAddress address, int port) {
		String host = address.getHostAddress();
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
	}

	@Override
	public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
		return createSSLSocket(address, port, null);
	}

	@Override
	public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
		String peer = peer(address, port);
		TlsTrust t = trust;
		if (t == null) {
			throw refused(peer, "TLS is not set up in this softphone");
		}
		Socket socket = new Socket();
		SSLSocket ssl = null;
		try {
			if (myAddress != null) {
				socket.bind(new InetSocketAddress(myAddress, 0));
			}
			socket.connect(new InetSocketAddress(address, port), CONNECT_MILLIS);
			// the IP literal as the peer host: endpoint identification then checks the certificate's IP addresses
			ssl = (SSLSocket) t.context().getSocketFactory().createSocket(socket, address.getHostAddress(), port,
					true);
			SSLParameters parameters = ssl.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			parameters.setProtocols(PROTOCOLS);
			ssl.setSSLParameters(parameters);
			ssl.setUseClientMode(true);
			ssl.setSoTimeout(HANDSHAKE_MILLIS);
			ssl.startHandshake();
			ssl.setSoTimeout(0);
			failures.remove(peer);
			return ssl;
		} catch (IOException e) {
			close(ssl != null ? ssl : socket);
			throw refused(peer, describe(peer, e));
		}
	}

	private IOException refused(String peer, String reason) {
		String text = "TLS: " + reason;
		if (!text.equals(failures.put(peer, text))) {
			LOG.warn("SIP " + text);
		}
		return new SSLException(text);
	}

	private static String describe(String peer, IOException e) {
		for (Throwable c = e; c != null; c = c.getCause()) {
			if (c instanceof TlsTrust.Refused r) {
				return r.getMessage();
			}
		}
		if (e instanceof SSLException) {
			return "handshake with " + peer + " failed: " + oneLine(e.getMessage());
		}
		return "cannot connect to " + peer + ": " + oneLine(e.getMessage());
	}

	private static String oneLine(String s) {
		return s == null ? "no reason given" : s.replaceAll("[\\r\\n]+", " ");
	}

	private static void close(Socket s) {
		try {
			s.close();
		} catch (IOException e) {
			// already failing
		}
	}

	@Override
	public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
		TlsTrust t = trust;
		if (t == null) {
			throw new SocketException("TLS is not set up in this softphone");
		}
		return (SSLServerSocket) t.context().getServerSocketFactory().createServerSocket(port, backlog, bindAddress);
	}

	@Override
	public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
		return plain.createServerSocket(port, backlog, bindAddress);
	}

	@Override
	public Socket createSocket(InetAddress address, int port) throws IOException {
		return plain.createSocket(address, port);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
		return plain.createSocket(address, port, myAddress);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
		return plain.createSocket(address, port, myAddress, myPort);
	}

	@Override
	public DatagramSocket createDatagramSocket() throws SocketException {
		return plain.createDatagramSocket();
	}

	@Override
	public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
		return plain.createDatagramSocket(port, laddr);
	}

	@Override
	public void setSipStack(SipStackImpl sipStackImpl) {
		// nothing to take from the stack
	}
}
