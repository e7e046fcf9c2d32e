package org.webcallcenter.sip.jain.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.webcallcenter.app.api.StartupParticipant;

/**
 * Starts the workstation's SIP stack in the background and reports it as the start-up participant "SIP stack":
 * {@link #started()} completes with the address it listens on, or exceptionally with a message for the user (port
 * in use...). Deactivation always stops the stack, also after a failed start.
 * <p>
 * Configuration (component properties, for example through ConfigAdmin PID {@code org.webcallcenter.sip.stack},
 * else framework properties of the same names): {@code address} (an IP literal, default {@code 127.0.0.1}) and
 * {@code port} (default 5060, 0 for a free port; {@link #started()} reports the one chosen), {@code tlsPort}
 * (SIP over TLS, default 5061 beside 5060, a free port beside port 0, else {@code port + 1}) and {@code tlsTrustFile} (a PEM or DER file of CA certificates
 * trusted for TLS in addition to the JDK's, for example the branch's own CA; unset: the JDK's only). Host names are
 * refused so that configuration never triggers a DNS look-up. A bad TLS setting does not stop the stack: it runs on
 * UDP and TCP and TLS accounts are told why TLS is not available.
 */
@Component(service = { StartupParticipant.class, SipStackComponent.class }, configurationPid = SipStackComponent.PID, immediate = true)
public class SipStackComponent implements StartupParticipant {
	static final String PID = "org.webcallcenter.sip.stack";
	static final String ADDRESS = "address";
	static final String PORT = "port";
	static final String TLS_PORT = "tlsPort";
	static final String TLS_TRUST_FILE = "tlsTrustFile";
	static final String DEFAULT_ADDRESS = "127.0.0.1";
	static final int DEFAULT_PORT = 5060;
	/** Prefix of the threads this component starts itself (the RI names its own). */
	static final String THREAD_NAME = "SIP stack start";

	private static final ILog LOG = ILog.of(SipStackComponent.class);

	private final CompletableFuture<InetSocketAddress> started = new CompletableFuture<>();
	private ExecutorService starter;
	private volatile SipStack stack;
	private volatile RequestHandler handler;
	private volatile boolean closing;
	private volatile String tlsPort;
	private volatile String tlsTrustFile;

	@Activate
	void activate(BundleContext context, Map<String, Object> properties) {
		String address = setting(context, properties, ADDRESS, DEFAULT_ADDRESS);
		String port = setting(context, properties, PORT, Integer.toString(DEFAULT_PORT));
		tlsPort = setting(context, properties, TLS_PORT, defaultTlsPort(port));
		tlsTrustFile = setting(context, properties, TLS_TRUST_FILE, "");
		starter = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, THREAD_NAME);
			t.setDaemon(true);
			return t;
		});
		if (!HeadlessSoftphone.ID.equals(context.getProperty("eclipse.application"))) {
			starter.execute(() -> start(address, port));
		}
		// the headless softphone names its listen address on its command line and calls listen()
	}

	/**
	 * Starts the stack on this address, if it was not started at activation (headless mode).
	 *
	 * @param tlsPort      the TLS port, 0 for a free one
	 * @param tlsTrustFile CA certificates trusted for TLS besides the JDK's, or empty to keep the configured ones
	 */
	void listen(String address, int port, int tlsPort, String tlsTrustFile) {
		this.tlsPort = Integer.toString(tlsPort);
		if (!tlsTrustFile.isEmpty()) {
			this.tlsTrustFile = tlsTrustFile;
		}
		starter.execute(() -> {
			if (!started.isDone()) {
				start(address, Integer.toString(port));
			}
		});
	}

	private void start(String address, String port) {
		try {
			SipStack.Tls tls = new SipStack.Tls(tlsTrustFile.isEmpty() ? null : java.nio.file.Path.of(tlsTrustFile),
					parsePort(tlsPort));
			SipStack s = SipStack.start("webcallcenter", ipLiteral(address), parsePort(port), tls, provider -> {
				RequestHandler h = new RequestHandler(provider);
				handler = h;
				return h;
			});
			if (closing) {
				s.close();
				started.completeExceptionally(new IOException("SIP stack stopped while starting"));
				return;
			}
			stack = s;
			LOG.info("SIP stack listening on " + s.local().getAddress().getHostAddress() + ":" + s.local().getPort()
					+ " (UDP and TCP)" + s.tlsProblem().map(p -> "; " + p).orElse("; TLS on port " + s.port("tls")));
			started.complete(s.local());
		} catch (IOException | RuntimeException | LinkageError e) {
			LOG.error(e.getMessage(), e);
			started.completeExceptionally(e);
		}
	}

	@Deactivate
	void deactivate() {
		closing = true;
		starter.shutdown();
		try {
			// binding is quick; the bound only keeps a stuck start from blocking the framework forever
			if (!starter.awaitTermination(30, TimeUnit.SECONDS)) {
				LOG.warn("SIP stack: start did not finish within 30 s of deactivation");
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		SipStack s = stack;
		stack = null;
		if (s != null) {
			s.close();
		}
		started.completeExceptionally(new IOException("SIP stack stopped"));
	}

	@Override
	public String name() {
		return "SIP stack";
	}

	@Override
	public CompletionStage<InetSocketAddress> started() {
		return started.minimalCompletionStage();
	}

	/** @return the request handler of the running stack, or null before it listens */
	RequestHandler handler() {
		return handler;
	}

	/** @return the running stack, or null before it listens and after deactivation */
	SipStack stack() {
		return stack;
	}

	private static String setting(BundleContext context, Map<String, Object> properties, String key,
			String fallback) {
		Object value = properties.get(key);
		if (value == null) {
			value = context.getProperty(PID + "." + key);
		}
		return value == null ? fallback : value.toString().strip();
	}

	/** @return the TLS port beside a UDP/TCP port: 5061 beside 5060, free beside 0, else the next port */
	static String defaultTlsPort(String port) {
		try {
			int p = Integer.parseInt(port.strip());
			return p == 0 || p == 65535 ? "0" : Integer.toString(p + 1);
		} catch (NumberFormatException e) {
			return "0"; // the port itself is reported as invalid
		}
	}

	static InetAddress ipLiteral(String address) throws IOException {
		if (!address.matches("[0-9.]+|\\[?[0-9A-Fa-f:.]+\\]?")) {
			throw new IOException("SIP address must be an IP literal, not '" + address + "'");
		}
		try {
			return InetAddress.getByName(address); // an IP literal: no name look-up
		} catch (UnknownHostException e) {
			throw new IOException("SIP address '" + address + "' is not a valid IP address", e);
		}
	}

	static int parsePort(String port) throws IOException {
		try {
			int p = Integer.parseInt(port);
			if (p >= 0 && p <= 65535) {
				return p;
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new IOException("SIP port must be 0..65535, not '" + port + "'");
	}
}
