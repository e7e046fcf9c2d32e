package org.webcallcenter.sip.jain.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.eclipse.core.runtime.ILog;
import org.webcallcenter.sip.api.Registration;
import org.webcallcenter.sip.api.RegistrationState;
import org.webcallcenter.sip.api.SipAddress;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * Keeps one account registered with its registrar over UDP, TCP or TLS (the registrar address's
 * {@code ;transport=} parameter, or {@code sips:} for TLS; UDP by default): REGISTER with the configured Expires,
 * answers a 401/407
 * digest challenge (MD5, {@code qop=auth}) once, refreshes at 80% of the granted time, retries with a bounded,
 * doubling back-off while the registrar does not answer, and unregisters (Expires: 0) on {@link #close()}.
 * <p>
 * Refused credentials (403, or a second challenge right after credentials for a fresh nonce) end in
 * {@link RegistrationState#AUTHENTICATION_FAILED} and nothing more is sent: the agent must fix the password. The
 * password is never logged and never leaves this object other than as a digest.
 * <p>
 * Over TLS the registrar's certificate must chain to a trusted CA and name its IP address ({@link SipStack.Tls});
 * a refused certificate or failed handshake is reported as {@link RegistrationState#UNREACHABLE} with the reason
 * ({@code TLS: certificate of 127.0.0.1:5061 is not trusted (unknown CA)}) and retried with the usual back-off,
 * since the administrator may fix the server or the trust file meanwhile; nothing is sent over an unchecked
 * connection.
 * <p>
 * All state lives on one scheduler thread; the stack's callbacks only hand events over to it.
 */
public final class RegistrationClient implements AutoCloseable {
	private static final ILog LOG = ILog.of(RegistrationClient.class);
	static final String THREAD_NAME = "SIP registration";
	/** Share of the granted time after which the binding is refreshed. */
	private static final double REFRESH_AT = 0.8;
	/** Challenges answered within one REGISTER exchange (one plus one for a stale nonce). */
	private static final int MAX_AUTH_ROUNDS = 2;

	/** Told of every change of {@link #current()}, on the client's thread: do not block. */
	public interface Listener {
		void changed(Registration registration);
	}

	/**
	 * @param expires        Expires asked for (default 300 s)
	 * @param requestTimeout how long to wait for a final answer before calling the registrar unreachable
	 * @param firstRetry     first delay before retrying an unreachable registrar; doubles up to {@code maxRetry}
	 * @param maxRetry       longest delay between retries
	 */
	public record Settings(Duration expires, Duration requestTimeout, Duration firstRetry, Duration maxRetry) {
		public static final Settings DEFAULT = new Settings(Duration.ofSeconds(300), Duration.ofSeconds(32),
				Duration.ofSeconds(2), Duration.ofSeconds(120));

		public Settings {
			Objects.requireNonNull(expires, "expires");
			Objects.requireNonNull(requestTimeout, "requestTimeout");
			Objects.requireNonNull(firstRetry, "firstRetry");
			Objects.requireNonNull(maxRetry, "maxRetry");
			if (expires.toSeconds() < 1 || requestTimeout.isNegative() || requestTimeout.isZero()
					|| firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
				throw new IllegalArgumentException("Invalid registration settings " + expires + ", " + requestTimeout
						+ ", " + firstRetry + ", " + maxRetry);
			}
		}

		public Settings withExpires(Duration e) {
			return new Settings(e, requestTimeout, firstRetry, maxRetry);
		}
	}

	/** One REGISTER transaction in flight. */
	private final class Attempt implements SipStack.ClientListener {
		final int expires;
		final int authRounds;
		/** The credentials sent answered a challenge received for this very exchange (not a cached one). */
		final boolean freshCredentials;
		ClientTransaction transaction;
		ScheduledFuture<?> noAnswer;

		Attempt(int expires, int authRounds, boolean freshCredentials) {
			this.expires = expires;
			this.authRounds = authRounds;
			this.freshCredentials = freshCredentials;
		}

		@Override
		public void response(ResponseEvent event) {
			run(() -> onResponse(this, event.getResponse()));
		}

		@Override
		public void timeout(TimeoutEvent event) {
			run(() -> onNoAnswer(this, "no answer"));
		}
	}

	private final SipStack stack;
	private final SipAddress registrar;
	private final String user;
	private final String authUser;
	private final char[] password;
	private final Settings settings;
	private final String where;
	private final String transport;
	private final ScheduledExecutorService executor;
	private final List<Listener> listeners = new CopyOnWriteArrayList<>();
	private final CompletableFuture<Void> unregistered = new CompletableFuture<>();

	private final AddressFactory addresses = new AddressFactoryImpl();
	private final HeaderFactory headers = new HeaderFactoryImpl();
	private final MessageFactory messages = new MessageFactoryImpl();
	private final String callId = UUID.randomUUID() + "@webcallcenter";
	private final String fromTag = Long.toHexString(ThreadLocalRandom.current().nextLong());

	private volatile Registration current = new Registration(RegistrationState.UNREGISTERED, "", Instant.now(),
			Optional.empty());
	// the fields below are used on the executor's thread only
	private long cseq;
	private DigestChallenge challenge;
	private Attempt attempt;
	private ScheduledFuture<?> next;
	private Duration retryDelay;
	private boolean stopping;
	private boolean started;

	/**
	 * @param stack     the running stack to send through (its UDP address becomes the Contact)
	 * @param registrar the registrar, an IP literal with an optional port (5060 when absent)
	 * @param user      the user part of the address of record
	 * @param authUser  the digest user name, often the same as {@code user}
	 * @param password  copied; the caller may wipe its array
	 */
	public RegistrationClient(SipStack stack, SipAddress registrar, String user, String authUser, char[] password,
			Settings settings) {
		this.stack = Objects.requireNonNull(stack, "stack");
		this.registrar = Objects.requireNonNull(registrar, "registrar");
		if (!registrar.hostIsLiteral()) {
			throw new IllegalArgumentException("The registrar must be an IP literal, not '" + registrar.host() + "'");
		}
		this.user = requireText(user, "user");
		this.authUser = requireText(authUser, "authUser");
		this.password = Objects.requireNonNull(password, "password").clone();
		this.settings = Objects.requireNonNull(settings, "settings");
		this.retryDelay = settings.firstRetry();
		this.transport = SipStack.transportOf(registrar);
		this.where = hostText(registrar.host()) + ":"
				+ registrar.explicitPort().orElse(SipStack.defaultPort(transport));
		executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, THREAD_NAME + " " + user + "@" + where);
			t.setDaemon(true);
			return t;
		});
	}

	private static String requireText(String s, String what) {
		if (s == null || s.isBlank()) {
			throw new IllegalArgumentException(what + " is required");
		}
		return s;
	}

	/** @return the latest registration snapshot */
	public Registration current() {
		return current;
	}

	public void addListener(Listener listener) {
		listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	public void removeListener(Listener listener) {
		listeners.remove(listener);
	}

	/** Starts registering; returns at once. */
	public void start() {
		run(() -> {
			if (!started && !stopping) {
				started = true;
				if ("tls".equals(transport) && stack.tlsProblem().isPresent()) {
					// nothing changes this until the stack is restarted: say so once and do not retry
					publish(RegistrationState.UNREACHABLE, stack.tlsProblem().get() + " (needed for " + where
							+ ")", null);
					unregistered.complete(null);
					return;
				}
				send(expiresSeconds(), 0, false);
			}
		});
	}

	/**
	 * Unregisters (Expires: 0) if registered or registering, waits for the answer up to the request time-out, and
	 * stops the client's thread. The state ends as {@link RegistrationState#UNREGISTERED}.
	 */
	@Override
	public void close() {
		run(this::stop);
		try {
			unregistered.get(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
		} catch (TimeoutException e) {
			LOG.warn("SIP registration: no answer to unregister from " + where);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (Exception e) {
			// reported by the state
		}
		executor.shutdownNow();
		java.util.Arrays.fill(password, '\0');
	}

	private void stop() {
		if (stopping) {
			return;
		}
		stopping = true;
		cancelNext();
		boolean mayBeBound = current.state() == RegistrationState.REGISTERED || attempt != null;
		abandonAttempt();
		if (mayBeBound) {
			send(0, 0, false);
		} else {
			finishUnregistered("Not registered");
		}
	}

	private void run(Runnable task) {
		try {
			executor.execute(() -> {
				try {
					task.run();
				} catch (RuntimeException e) {
					LOG.error("SIP registration failed unexpectedly", e);
				}
			});
		} catch (RejectedExecutionException e) {
			// closed: late events from the stack are dropped
		}
	}

	private int expiresSeconds() {
		return (int) Math.min(Integer.MAX_VALUE, settings.expires().toSeconds());
	}

	private void send(int expires, int authRounds, boolean freshCredentials) {
		Attempt a = new Attempt(expires, authRounds, freshCredentials);
		try {
			Request request = buildRegister(expires);
			ClientTransaction transaction = stack.provider().getNewClientTransaction(request);
			transaction.setApplicationData(a);
			a.transaction = transaction;
			attempt = a;
			a.noAnswer = executor.schedule(() -> onNoAnswer(a, "no answer"), settings.requestTimeout().toMillis(),
					TimeUnit.MILLISECONDS);
			if (expires > 0 && current.state() != RegistrationState.REGISTERED) {
				publish(RegistrationState.REGISTERING, "Registering with " + where, null);
			}
			transaction.sendRequest();
		} catch (Exception e) {
			onNoAnswer(a, "cannot send: " + e.getMessage());
		}
	}

	/** @return why the latest TLS connection to the registrar failed, when registering over TLS */
	private Optional<String> tlsFailure() {
		if (!"tls".equals(transport)) {
			return Optional.empty();
		}
		try {
			return stack.tlsFailure(java.net.InetAddress.getByName(registrar.host()),
					registrar.explicitPort().orElse(SipStack.defaultPort(transport)));
		} catch (java.net.UnknownHostException e) {
			return Optional.empty(); // an IP literal: cannot happen
		}
	}

	private Request buildRegister(int expires) throws Exception {
		String host = hostText(registrar.host());
		SipURI requestUri = addresses.createSipURI(null, host);
		registrar.explicitPort().ifPresent(requestUri::setPort);
		if (!"udp".equals(transport)) {
			requestUri.setTransportParam(transport);
		}
		Address aor = addresses.createAddress(addresses.createSipURI(user, host));
		String localIp = hostText(stack.local().getAddress().getHostAddress());
		int localPort = stack.port(transport);
		Request request = messages.createRequest(requestUri, Request.REGISTER,
				headers.createCallIdHeader(callId), headers.createCSeqHeader(++cseq, Request.REGISTER),
				headers.createFromHeader(aor, fromTag), headers.createToHeader(aor, null),
				List.of(headers.createViaHeader(localIp, localPort, transport, "z9hG4bK" + UUID.randomUUID())),
				headers.createMaxForwardsHeader(70));
		request.addHeader(headers.createContactHeader(addresses.createAddress(contactUri())));
		request.addHeader(headers.createExpiresHeader(expires));
		request.addHeader(headers.createUserAgentHeader(List.of("WebCallCenter")));
		if (challenge != null) {
			request.addHeader(authorization(requestUri));
		}
		return request;
	}

	private SipURI contactUri() throws Exception {
		SipURI contact = addresses.createSipURI(user, hostText(stack.local().getAddress().getHostAddress()));
		contact.setPort(stack.port(transport));
		if (!"udp".equals(transport)) {
			contact.setTransportParam(transport);
		}
		return contact;
	}

	private AuthorizationHeader authorization(SipURI requestUri) throws Exception {
		return challenge.authorize(headers, authUser, password, Request.REGISTER, requestUri);
	}

	private void onResponse(Attempt a, Response response) {
		if (a != attempt) {
			return; // a late answer to an abandoned request
		}
		int status = response.getStatusCode();
		if (status < 200) {
			return;
		}
		finishAttempt(a);
		String answer = status + " " + response.getReasonPhrase() + " from " + where;
		if (status >= 200 && status < 300) {
			onRegistered(a, response);
		} else if (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) {
			onChallenge(a, response, answer);
		} else if (status == Response.FORBIDDEN) {
			authenticationFailed(a, answer);
		} else if (status == Response.INTERVAL_TOO_BRIEF && a.expires > 0
				&& response.getHeader(MinExpiresHeader.NAME) instanceof MinExpiresHeader min
				&& min.getExpires() > a.expires && a.authRounds < MAX_AUTH_ROUNDS) {
			send(min.getExpires(), a.authRounds + 1, false);
		} else if (a.expires == 0) {
			finishUnregistered("Unregister answered " + answer);
		} else {
			unreachable(answer);
		}
	}

	private void onRegistered(Attempt a, Response response) {
		retryDelay = settings.firstRetry();
		if (a.expires == 0) {
			finishUnregistered("Unregistered from " + where);
			return;
		}
		int granted = granted(response, a.expires);
		if (granted <= 0) {
			unreachable("200 OK from " + where + " without our binding");
			return;
		}
		Instant now = Instant.now();
		publish(RegistrationState.REGISTERED, "Registered with " + where + " for " + granted + " s",
				now.plusSeconds(granted));
		long refreshMillis = Math.max(500, (long) (granted * 1000L * REFRESH_AT));
		if (stopping) {
			send(0, 0, false);
		} else {
			next = executor.schedule(() -> send(expiresSeconds(), 0, false), refreshMillis, TimeUnit.MILLISECONDS);
		}
	}

	/** @return the expiry the registrar granted our contact: its {@code expires} parameter, else Expires */
	private int granted(Response response, int requested) {
		String ours;
		try {
			ours = contactUri().toString();
		} catch (Exception e) {
			ours = "";
		}
		ListIterator<?> contacts = response.getHeaders(ContactHeader.NAME);
		while (contacts != null && contacts.hasNext()) {
			if (contacts.next() instanceof ContactHeader c && c.getAddress() != null
					&& sameUri(ours, c.getAddress().getURI().toString()) && c.getExpires() >= 0) {
				return c.getExpires();
			}
		}
		if (response.getHeader(ExpiresHeader.NAME) instanceof ExpiresHeader e) {
			return e.getExpires();
		}
		return requested;
	}

	/** Compares two contact URIs without their parameters (ours carries {@code ;transport=} over TCP and TLS). */
	private static boolean sameUri(String ours, String theirs) {
		return withoutParameters(ours).equalsIgnoreCase(withoutParameters(theirs));
	}

	private static String withoutParameters(String uri) {
		int semi = uri.indexOf(';');
		return semi < 0 ? uri : uri.substring(0, semi);
	}

	private void onChallenge(Attempt a, Response response, String answer) {
		DigestChallenge c;
		try {
			c = DigestChallenge.of(response, answer);
		} catch (DigestChallenge.Unsupported e) {
			authenticationFailed(a, e.getMessage());
			return;
		}
		// credentials answering a fresh challenge were refused, unless the registrar only says the nonce was stale
		boolean refused = a.freshCredentials && !c.stale();
		if (refused || a.authRounds >= MAX_AUTH_ROUNDS) {
			authenticationFailed(a, answer);
			return;
		}
		challenge = c;
		send(a.expires, a.authRounds + 1, true);
	}

	private void authenticationFailed(Attempt a, String answer) {
		challenge = null;
		if (a.expires == 0) {
			finishUnregistered("Unregister refused: " + answer);
			return;
		}
		publish(RegistrationState.AUTHENTICATION_FAILED, answer + ": check the SIP password", null);
	}

	private void onNoAnswer(Attempt a, String why) {
		if (a != attempt) {
			return;
		}
		finishAttempt(a);
		abandon(a);
		if (a.expires == 0) {
			finishUnregistered("No answer to unregister from " + where);
			return;
		}
		Optional<String> tls = tlsFailure();
		unreachable(tls.isPresent() ? tls.get() : capitalized(why) + " from " + where);
	}

	private void unreachable(String detail) {
		Duration delay = retryDelay;
		retryDelay = retryDelay.multipliedBy(2).compareTo(settings.maxRetry()) > 0 ? settings.maxRetry()
				: retryDelay.multipliedBy(2);
		publish(RegistrationState.UNREACHABLE, detail + "; retrying in " + Math.max(1, delay.toSeconds()) + " s",
				null);
		if (!stopping) {
			next = executor.schedule(() -> send(expiresSeconds(), 0, false), delay.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	private void finishAttempt(Attempt a) {
		if (a.noAnswer != null) {
			a.noAnswer.cancel(false);
		}
		attempt = null;
	}

	private void abandonAttempt() {
		Attempt a = attempt;
		if (a != null) {
			finishAttempt(a);
			abandon(a);
		}
	}

	private static void abandon(Attempt a) {
		if (a.transaction != null) {
			try {
				a.transaction.terminate();
			} catch (Exception e) {
				// already gone
			}
		}
	}

	private void cancelNext() {
		if (next != null) {
			next.cancel(false);
			next = null;
		}
	}

	private void finishUnregistered(String detail) {
		publish(RegistrationState.UNREGISTERED, detail, null);
		unregistered.complete(null);
	}

	private void publish(RegistrationState state, String detail, Instant expiresAt) {
		Registration r = new Registration(state, detail, Instant.now(), Optional.ofNullable(expiresAt));
		Registration before = current;
		current = r;
		if (before.state() != state) {
			LOG.info("SIP registration " + user + "@" + where + ": " + state + " (" + detail + ")");
		}
		for (Listener l : listeners) {
			try {
				l.changed(r);
			} catch (RuntimeException e) {
				LOG.error("SIP registration listener failed", e);
			}
		}
	}

	private static String capitalized(String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
	}

	private static String hostText(String host) {
		return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
	}
}
