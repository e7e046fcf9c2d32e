package org.webcallcenter.sip.jain.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.PeerUnavailableException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;

import org.eclipse.core.runtime.ILog;

import org.webcallcenter.sip.jain.internal.stack.DroppingMessageParserFactory;
import org.webcallcenter.sip.jain.internal.stack.EclipseStackLogger;
import org.webcallcenter.sip.jain.internal.stack.ReceivingMessageProcessorFactory;
import org.webcallcenter.sip.jain.internal.stack.ReceivingUdpMessageProcessor;
import org.webcallcenter.sip.jain.internal.stack.SilentServerLogger;
import org.webcallcenter.sip.jain.internal.stack.TlsNetworkLayer;
import org.webcallcenter.sip.jain.internal.stack.TlsTrust;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;

/**
 * One JAIN-SIP RI stack listening on UDP and TCP on one address and port, and on TLS on a second port (see
 * {@link Tls}). {@link #start} blocks while it binds, so call it on a background thread; {@link #close()} stops the
 * stack and its threads.
 * <p>
 * TLS is optional: when its trust file is unusable or its port cannot be bound, the stack runs on UDP and TCP and
 * {@link #tlsProblem()} says why, so that a TLS account gets that reason instead of a silent failure.
 * <p>
 * The stack is built directly ({@code new SipStackImpl}), not through {@code SipFactory}, and without
 * {@code javax.sip.IP_ADDRESS}: with that property SipFactory hands back a cached stack.
 */
public final class SipStack implements AutoCloseable {
	/**
	 * Remote "host" of the event that wakes the RI's event scanner thread after {@code stop()}; listeners ignore
	 * it.
	 */
	static final String WAKE_UP = "webcallcenter-stack-stopped";
	/** Attempts to find a port free for both UDP and TCP when the configured port is 0. */
	private static final int EPHEMERAL_ATTEMPTS = 5;
	private static final ILog LOG = ILog.of(SipStack.class);

	private final SipStackImpl stack;
	private final SipProvider provider;
	private final InetSocketAddress local;
	private final int tlsPort;
	private final String tlsProblem;

	private SipStack(SipStackImpl stack, SipProvider provider, InetSocketAddress local, int tlsPort,
			String tlsProblem) {
		this.stack = stack;
		this.provider = provider;
		this.local = local;
		this.tlsPort = tlsPort;
		this.tlsProblem = tlsProblem;
	}

	/**
	 * How the stack offers SIP over TLS.
	 *
	 * @param trustFile CA certificates (PEM or DER) trusted in addition to the JDK's, or null for the JDK's only
	 * @param port      the TLS listening port; 0 picks a free one
	 */
	public record Tls(Path trustFile, int port) {
		/** The JDK's CAs, a free port. */
		public static final Tls DEFAULT = new Tls(null, 0);
	}

	/**
	 * @param name     stack name, for the RI's threads and logs
	 * @param address  IP literal to listen on
	 * @param port     port for UDP and TCP; 0 picks a free one
	 * @param listener makes the request listener once the provider exists
	 * @return the listening stack
	 * @throws IOException with a message fit for the user when the stack cannot listen (port in use...)
	 */
	public static SipStack start(String name, InetAddress address, int port,
			Function<SipProvider, SipListener> listener) throws IOException {
		return start(name, address, port, Tls.DEFAULT, listener);
	}

	/**
	 * As {@link #start(String, InetAddress, int, Function)}, with TLS as configured.
	 */
	public static SipStack start(String name, InetAddress address, int port, Tls tls,
			Function<SipProvider, SipListener> listener) throws IOException {
		if (port < 0 || port > 65535) {
			throw new IOException("SIP port must be 0..65535, not " + port);
		}
		int attempts = port == 0 ? EPHEMERAL_ATTEMPTS : 1;
		IOException last = null;
		for (int attempt = 0; attempt < attempts; attempt++) {
			int candidate = port == 0 ? freePort(address) : port;
			try {
				return startOn(name, address, candidate, tls, listener);
			} catch (IOException e) {
				last = e;
			}
		}
		throw last;
	}

	private static SipStack startOn(String name, InetAddress address, int port, Tls tls,
			Function<SipProvider, SipListener> listener) throws IOException {
		SipStackImpl stack;
		try {
			stack = new SipStackImpl(properties(name));
		} catch (PeerUnavailableException | RuntimeException e) {
			throw new IOException("Cannot create the SIP stack: " + e.getMessage(), e);
		}
		String where = address.getHostAddress() + ":" + port;
		try {
			ListeningPoint udp = stack.createListeningPoint(address.getHostAddress(), port, ListeningPoint.UDP);
			ListeningPoint tcp = stack.createListeningPoint(address.getHostAddress(), port, ListeningPoint.TCP);
			SipProvider provider = stack.createSipProvider(udp);
			provider.addListeningPoint(tcp);
			int tlsPort = -1;
			String tlsProblem = null;
			try {
				TlsTrust trust = TlsTrust.of(tls.trustFile());
				((TlsNetworkLayer) stack.getNetworkLayer()).use(trust);
				int wanted = tls.port() == 0 ? freeTcpPort(address) : tls.port();
				ListeningPoint secure = stack.createListeningPoint(address.getHostAddress(), wanted,
						ListeningPoint.TLS);
				provider.addListeningPoint(secure);
				tlsPort = wanted;
				LOG.info("SIP over TLS on " + address.getHostAddress() + ":" + wanted + ", trusting "
						+ trust.description());
			} catch (Exception e) {
				tlsProblem = "TLS is not available: " + rootMessage(e);
				LOG.error("SIP stack " + where + ": " + tlsProblem, e);
			}
			provider.addSipListener(new ClientDispatcher(listener.apply(provider)));
			stack.start();
			return new SipStack(stack, provider, new InetSocketAddress(address, port), tlsPort, tlsProblem);
		} catch (Exception e) {
			// a failed bind leaves the RI's timer and processor threads running: always stop
			stopQuietly(stack);
			throw new IOException("SIP stack cannot listen on " + where + " (UDP and TCP): " + rootMessage(e)
					+ (isInUse(e) ? " (is another softphone using the port?)" : ""), e);
		}
	}

	static Properties properties(String name) {
		Properties p = new Properties();
		p.setProperty("javax.sip.STACK_NAME", name);
		p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
		// the listener hands every event to its owner's thread at once, so it may run on the stack's receiving
		// threads: this saves the RI's event-scanner hop on every message (measured: the answer to an INVITE)
		p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
		// UDP: the pool's threads read the socket and process what they read (no hand-off, no 64 KiB array per
		// datagram); TCP and TLS are the RI's own
		p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", ReceivingMessageProcessorFactory.class.getName());
		p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(ReceivingUdpMessageProcessor.THREADS));
		p.setProperty("gov.nist.javax.sip.STACK_LOGGER", EclipseStackLogger.class.getName());
		p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SilentServerLogger.class.getName());
		p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", DroppingMessageParserFactory.class.getName());
		// TLS client sockets that validate the server (chain and IP address): see TlsNetworkLayer. The RI's own
		// trust switches (javax.net.ssl.* properties, TLS_CLIENT_AUTH_TYPE) stay unset.
		p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", TlsNetworkLayer.class.getName());
		p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
		return p;
	}

	/** A port that is free for UDP and TCP right now; the RI cannot bind port 0 itself (it reports 0). */
	private static int freePort(InetAddress address) throws IOException {
		try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
			int port = udp.getLocalPort();
			try (ServerSocket tcp = new ServerSocket()) {
				tcp.setReuseAddress(true);
				tcp.bind(new InetSocketAddress(address, port));
				return port;
			} catch (IOException e) {
				return port; // taken for TCP: let startOn fail and the caller try another
			}
		}
	}

	private static int freeTcpPort(InetAddress address) throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, address)) {
			return s.getLocalPort();
		}
	}

	private static boolean isInUse(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("in use")) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		return message.replaceAll("[\\r\\n]+", " ");
	}

	private static void stopQuietly(SipStackImpl stack) {
		try {
			stop(stack);
		} catch (RuntimeException e) {
			// already reporting the real failure
		}
	}

	/**
	 * Stops the RI stack and all its threads. {@code SipStackImpl.stop()} only flags its "EventScannerThread" as
	 * stopped; the thread keeps waiting in {@code BlockingQueue.take()} until one more event arrives. So hand it
	 * one: an IOExceptionEvent (the one kind the scanner delivers without a provider) that our listener ignores.
	 */
	private static void stop(SipStackImpl stack) {
		EventScanner scanner = stack.getEventScanner();
		try {
			stack.stop();
		} catch (java.util.ConcurrentModificationException e) {
			// a race in the RI: UDPMessageProcessor.stop() iterates its channel threads' list while those threads,
			// seeing the socket closed, remove themselves from it (seen in CI under load). The rest of stopStack()
			// did not run; once the threads are gone the list holds still, and a second stop finishes the job.
			try {
				Thread.sleep(50);
			} catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
			stack.stop();
		}
		if (scanner != null) {
			scanner.addEvent(new EventWrapper(new IOExceptionEvent(stack, WAKE_UP, 0, "none"), null));
		}
	}

	/** @return the address and port the stack listens on (UDP and TCP) */
	public InetSocketAddress local() {
		return local;
	}

	/**
	 * @param transport udp, tcp or tls
	 * @return the port the stack listens on for that transport
	 * @throws IllegalStateException with {@link #tlsProblem()} when TLS is asked for but not available
	 */
	public int port(String transport) {
		if ("tls".equalsIgnoreCase(transport)) {
			if (tlsPort < 0) {
				throw new IllegalStateException(tlsProblem);
			}
			return tlsPort;
		}
		return local.getPort();
	}

	/**
	 * @return the transport a SIP address asks for: {@code tls} for {@code sips:} or {@code ;transport=tls},
	 *         {@code tcp} for {@code ;transport=tcp}, else {@code udp}
	 */
	static String transportOf(org.webcallcenter.sip.api.SipAddress address) {
		String params = address.parameters().toLowerCase(java.util.Locale.ROOT);
		if (address.secure() || params.matches(".*;transport=tls\\b.*")) {
			return "tls";
		}
		return params.matches(".*;transport=tcp\\b.*") ? "tcp" : "udp";
	}

	/** @return the port of a transport's server when an address names none: 5061 for TLS, else 5060 */
	static int defaultPort(String transport) {
		return "tls".equals(transport) ? 5061 : 5060;
	}

	/** @return why TLS is not available, or empty when it is */
	public Optional<String> tlsProblem() {
		return Optional.ofNullable(tlsProblem);
	}

	/**
	 * @return why the latest TLS connection to this peer failed (certificate refused, handshake failed), or empty
	 *         when it did not or the peer was never tried
	 */
	public Optional<String> tlsFailure(InetAddress address, int port) {
		return stack.getNetworkLayer() instanceof TlsNetworkLayer l ? l.failure(address, port) : Optional.empty();
	}

	/** @return how many messages the stack dropped because they did not parse */
	public long droppedUnparsable() {
		return stack.getMessageParserFactory() instanceof DroppingMessageParserFactory f ? f.dropped() : 0;
	}

	SipProvider provider() {
		return provider;
	}

	@Override
	public void close() {
		stop(stack);
	}

	/**
	 * Receives the answers to a request sent through the stack. Set it as the client transaction's application data
	 * ({@code ClientTransaction.setApplicationData}): the provider has a single listener, which routes by that.
	 */
	interface ClientListener {
		/** A response to the transaction, on the RI's event thread: hand work off, do not block. */
		void response(ResponseEvent event);

		/** The transaction timed out (no final response), on the RI's event thread. */
		void timeout(TimeoutEvent event);
	}

	/**
	 * The provider's one listener: requests and everything not bound to a client transaction go to the request
	 * listener; responses and time-outs of client transactions go to their {@link ClientListener}.
	 */
	private static final class ClientDispatcher implements SipListener {
		private final SipListener requests;

		ClientDispatcher(SipListener requests) {
			this.requests = requests;
		}

		private static ClientListener of(ClientTransaction transaction) {
			return transaction != null && transaction.getApplicationData() instanceof ClientListener l ? l : null;
		}

		@Override
		public void processRequest(RequestEvent event) {
			requests.processRequest(event);
		}

		@Override
		public void processResponse(ResponseEvent event) {
			ClientListener l = of(event.getClientTransaction());
			if (l != null) {
				l.response(event);
			} else {
				requests.processResponse(event);
			}
		}

		@Override
		public void processTimeout(TimeoutEvent event) {
			ClientListener l = event.isServerTransaction() ? null : of(event.getClientTransaction());
			if (l != null) {
				l.timeout(event);
			} else {
				requests.processTimeout(event);
			}
		}

		@Override
		public void processIOException(IOExceptionEvent event) {
			requests.processIOException(event);
		}

		@Override
		public void processTransactionTerminated(TransactionTerminatedEvent event) {
			requests.processTransactionTerminated(event);
		}

		@Override
		public void processDialogTerminated(DialogTerminatedEvent event) {
			requests.processDialogTerminated(event);
		}
	}
}
