package org.webcallcenter.sip.jain.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ReasonHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.eclipse.core.runtime.ILog;
import org.webcallcenter.media.codec.G711;
import org.webcallcenter.media.sdp.Direction;
import org.webcallcenter.media.sdp.OfferAnswer;
import org.webcallcenter.media.sdp.SdpException;
import org.webcallcenter.media.sdp.SessionDescription;
import org.webcallcenter.media.session.RtpPorts;
import org.webcallcenter.media.session.RtpSession;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallDirection;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * The softphone's calls over one {@link SipStack}: outgoing and incoming INVITE with SDP offer/answer (including an
 * INVITE without offer), 180/183 with early media, CANCEL, BYE, 486/603 on reject, 488 when no codec matches,
 * several lines, hold and resume by re-INVITE, DTMF (RFC 4733, SIP INFO otherwise), blind and attended transfer
 * (REFER, REFER with Replaces), a local three-way conference, and auto-answer.
 * <p>
 * All SIP and media state changes run one at a time, in order, on "the user agent's thread": its own thread, or a
 * stack thread that delivers a request or response while the user agent has nothing else to do and then does the
 * work itself under the same lock ({@link #executeNowIfIdle}). The stack's callbacks and the API's methods never
 * wait for that turn: they hand the work over and return at once. Nothing thrown here reaches the stack: a request that cannot be handled gets an error
 * response, and a call that cannot go on ends with {@link CallEnd.By#ERROR} and a message for the agent.
 */
final class UserAgent implements RequestHandler.CallRequests, AutoCloseable {
	private static final ILog LOG = ILog.of(UserAgent.class);
	static final String THREAD_NAME = "SIP calls";
	/** RTP/RTCP pairs kept bound for the next calls: one for an answer, one for a call waiting behind it. */
	static final int READY_PORT_PAIRS = 2;
	static final Set<String> METHODS = Set.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL,
			Request.INFO, Request.REFER, Request.NOTIFY);
	/** What the Allow header lists: our methods and OPTIONS (answered by the stack), sorted. */
	private static final List<String> ALLOWED = java.util.stream.Stream
			.concat(METHODS.stream(), java.util.stream.Stream.of(Request.OPTIONS)).sorted().toList();
	private static final Pattern SIPFRAG = Pattern.compile("^SIP/2\\.0\\s+(\\d{3})");
	private static final Pattern INFO_SIGNAL = Pattern.compile("(?im)^\\s*Signal\\s*=\\s*([0-9*#A-Da-d])");

	/**
	 * Who this phone is.
	 *
	 * @param user        the user part of our address (may be empty in direct mode)
	 * @param displayName shown to the called party, may be empty
	 * @param registrar   the registrar and outbound proxy, or null in direct mode
	 * @param authUser    digest user name
	 * @param password    digest password (copied), empty in direct mode
	 */
	record Account(String user, String displayName, SipAddress registrar, String authUser, char[] password) {
		Account {
			user = user == null ? "" : user;
			displayName = displayName == null ? "" : displayName;
			authUser = authUser == null || authUser.isEmpty() ? user : authUser;
			password = password == null ? new char[0] : password.clone();
		}

		static Account direct(String user) {
			return new Account(user, "", null, "", null);
		}
	}

	/**
	 * @param autoAnswerHeader incoming INVITEs carrying this header are answered by themselves when auto-answer is
	 *                         on (for {@code Call-Info}, only with an {@code answer-after} parameter)
	 * @param autoAnswerAll    answer every incoming call by itself (headless mode, tests)
	 * @param maxLines         calls at once; one more incoming call gets 486 Busy Here
	 * @param codecs           G.711 laws in order of preference
	 * @param rtcpInterval     interval between RTCP reports
	 * @param ringTimeout      an incoming call nobody answers within this time gets 480 and ends (a caller that
	 *                         vanished without CANCEL must not hold a line forever)
	 */
	record Settings(String autoAnswerHeader, boolean autoAnswerAll, int maxLines, List<G711.Law> codecs,
			Duration rtcpInterval, Duration ringTimeout) {
		static final Settings DEFAULT = new Settings("X-WCC-Auto-Answer", false, 4,
				List.of(G711.Law.MU_LAW, G711.Law.A_LAW), Duration.ofSeconds(5), Duration.ofSeconds(120));

		Settings {
			Objects.requireNonNull(autoAnswerHeader, "autoAnswerHeader");
			if (maxLines < 1) {
				throw new IllegalArgumentException("maxLines must be at least 1");
			}
			codecs = List.copyOf(codecs);
			Objects.requireNonNull(rtcpInterval, "rtcpInterval");
			Objects.requireNonNull(ringTimeout, "ringTimeout");
		}

		Settings withAutoAnswerAll(boolean value) {
			return new Settings(autoAnswerHeader, value, maxLines, codecs, rtcpInterval, ringTimeout);
		}

		Settings withRtcpInterval(Duration value) {
			return new Settings(autoAnswerHeader, autoAnswerAll, maxLines, codecs, value, ringTimeout);
		}

		Settings withMaxLines(int value) {
			return new Settings(autoAnswerHeader, autoAnswerAll, value, codecs, rtcpInterval, ringTimeout);
		}

		Settings withRingTimeout(Duration value) {
			return new Settings(autoAnswerHeader, autoAnswerAll, maxLines, codecs, rtcpInterval, value);
		}
	}

	/** Told of every call state change, on the user agent's thread: hand work off, do not block. */
	interface Listener {
		void changed(CallEvent event);
	}

	private final SipStack stack;
	private final AudioRouter router;
	private final Listener listener;
	/** Plays the "call offered" tone to the agent; the customer is heard once it has played. */
	private final Function<Call, CompletionStage<Void>> offeredTone;
	private final ScheduledExecutorService executor;
	/**
	 * Held by whoever runs the user agent's work: its own thread around each task, or a stack thread that runs a
	 * request itself when nothing waits ({@link #executeNowIfIdle}). Its state is confined to this turn, not to a
	 * thread.
	 */
	private final ReentrantLock turn = new ReentrantLock();
	/** Tasks handed to {@link #execute} that have not started yet (timers not counted). */
	private final AtomicInteger waiting = new AtomicInteger();
	/**
	 * Starts answered calls' media threads and closes ended calls' media sessions, in that order for each session:
	 * starting five threads and waiting for them to end would hold up this user agent's thread, which the next
	 * INVITE and the BYEs that free lines need.
	 */
	private final java.util.concurrent.ExecutorService closer;
	/** RTP/RTCP pairs bound ahead: an answer takes one instead of binding; the media thread binds the next. */
	private final RtpPorts ports;
	private final AddressFactory addresses = new AddressFactoryImpl();
	private final HeaderFactory headers = new HeaderFactoryImpl();
	private final MessageFactory messages = new MessageFactoryImpl();
	private final Map<String, JainCall> bySipCallId = new ConcurrentHashMap<>();
	private final List<JainCall> lines = new CopyOnWriteArrayList<>();
	private final String localIp;
	private final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);

	/** BYEs sent and not yet answered: closing waits a little for them. */
	private final java.util.concurrent.atomic.AtomicInteger pendingByes = new java.util.concurrent.atomic.AtomicInteger();
	private volatile Settings settings;
	private volatile Account account = Account.direct("");
	private volatile boolean autoAnswer = true;
	/** The two calls of the local conference, or empty. User agent thread only. */
	private List<JainCall> conference = List.of();
	/** Told when a call is answered, before its media begins (the recorder's tap): {@link #onAnswered}. */
	private volatile java.util.function.Consumer<Call> answered = c -> {
	};

	UserAgent(SipStack stack, Settings settings, AudioRouter router, Listener listener,
			Function<Call, CompletionStage<Void>> offeredTone) {
		this.stack = Objects.requireNonNull(stack, "stack");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.router = Objects.requireNonNull(router, "router");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.offeredTone = Objects.requireNonNull(offeredTone, "offeredTone");
		this.localIp = stack.local().getAddress().getHostAddress();
		executor = new ScheduledThreadPoolExecutor(1, r -> {
			Thread t = new Thread(r, THREAD_NAME);
			t.setDaemon(true);
			return t;
		}) {
			@Override
			protected void beforeExecute(Thread t, Runnable r) {
				turn.lock();
			}

			@Override
			protected void afterExecute(Runnable r, Throwable t) {
				turn.unlock();
			}
		};
		closer = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, THREAD_NAME + " media start and close");
			t.setDaemon(true);
			return t;
		});
		ports = new RtpPorts(stack.local().getAddress(), READY_PORT_PAIRS);
		onMediaThread(this::refillPorts);
	}

	/** Binds the RTP/RTCP pairs the next calls take: on the media thread, after the answer that took one is out. */
	private void refillPorts() {
		try {
			ports.refill();
		} catch (IOException e) {
			// the next session binds its own pair, and reports it if that fails too
		}
	}

	AudioRouter router() {
		return router;
	}

	void account(Account value) {
		account = Objects.requireNonNull(value, "account");
	}

	Account account() {
		return account;
	}

	void settings(Settings value) {
		settings = Objects.requireNonNull(value, "settings");
	}

	Settings settingsNow() {
		return settings;
	}

	/**
	 * @param value called on the user agent's thread when a call is answered, before its media begins (incoming)
	 *              or before CONNECTED is reported (outgoing); it must return at once
	 */
	void onAnswered(java.util.function.Consumer<Call> value) {
		answered = Objects.requireNonNull(value, "value");
	}

	private void answered(JainCall call) {
		call.answeredNow();
		try {
			answered.accept(call);
		} catch (RuntimeException e) {
			LOG.warn("SIP: an observer of the answer of " + call + " failed: " + message(e));
		}
	}

	void setAutoAnswer(boolean value) {
		autoAnswer = value;
	}

	boolean isAutoAnswer() {
		return autoAnswer;
	}

	List<Call> calls() {
		return List.copyOf(lines);
	}

	/** Runs a media session's start or close on the thread for that; here when that thread has stopped. */
	private void onMediaThread(Runnable task) {
		try {
			closer.execute(task);
		} catch (RejectedExecutionException e) {
			task.run();
		}
	}

	/** Runs a task on the user agent's thread; a failure ends nothing but is logged. */
	void execute(Runnable task) {
		waiting.incrementAndGet();
		try {
			executor.execute(() -> {
				waiting.decrementAndGet();
				runLogged(task);
			});
		} catch (RejectedExecutionException e) {
			waiting.decrementAndGet(); // closed: late events are dropped
		}
	}

	/**
	 * Runs a task at once on the calling stack thread when the user agent has nothing else to do, else as
	 * {@link #execute} does. An INVITE is then answered on the thread that received it, without waking the user
	 * agent's thread first: on a busy machine that wake-up was a good part of the answer latency. Order is kept:
	 * a task never overtakes one handed over before it. Never blocks the caller.
	 */
	private void executeNowIfIdle(Runnable task) {
		if (waiting.get() == 0 && !executor.isShutdown() && turn.tryLock()) {
			try {
				if (waiting.get() == 0) {
					runLogged(task);
					return;
				}
			} finally {
				turn.unlock();
			}
		}
		execute(task);
	}

	private static void runLogged(Runnable task) {
		try {
			task.run();
		} catch (RuntimeException | LinkageError e) {
			LOG.error("SIP call handling failed unexpectedly", e);
		}
	}

	// ------------------------------------------------------------------------------------------------ outgoing

	/** Places a call; the INVITE is sent from the user agent's thread. */
	Call dial(SipAddress target) {
		Objects.requireNonNull(target, "target");
		if (lines.size() >= settings.maxLines()) {
			throw new IllegalStateException("All " + settings.maxLines() + " lines are busy: end a call first");
		}
		SipAddress resolved = resolve(target);
		if (account.registrar() == null && !resolved.hostIsLiteral()) {
			// nothing may trigger a DNS look-up: without a registrar, the agent names the far end's IP address
			throw new IllegalArgumentException("Without a registrar, dial an IP address, for example sip:"
					+ (resolved.user().isEmpty() ? resolved.host() : resolved.user()) + "@192.0.2.10:5060");
		}
		JainCall call = newOutgoing(resolved);
		execute(() -> {
			listener.changed(new CallEvent(call, CallState.DIALING, CallState.DIALING));
			startOutgoing(call);
		});
		return call;
	}

	private JainCall newOutgoing(SipAddress target) {
		String callId = UUID.randomUUID() + "@" + hostText(localIp);
		JainCall call = new JainCall(this, callId, CallDirection.OUTGOING, target, null, CallState.DIALING);
		bySipCallId.put(callId, call);
		lines.add(call);
		return call;
	}

	/** A bare number or name dialled in registrar mode goes to the registrar's domain. */
	SipAddress resolve(SipAddress target) {
		Account a = account;
		if (a.registrar() != null && target.user().isEmpty() && !target.hostIsLiteral()
				&& !target.host().contains(".")) {
			return new SipAddress(target.host(), a.registrar().host(), a.registrar().port(), target.secure(),
					target.parameters());
		}
		return target;
	}

	private void startOutgoing(JainCall call) {
		try {
			putOtherCallsOnHold(call);
			call.localTag = newTag();
			call.media = startMedia(call, settings.codecs().get(0), OfferAnswer.OFFER_TELEPHONE_EVENT_PT, null, 0);
			call.sdpVersion = 1;
			SessionDescription offer = OfferAnswer.offer(localIp, call.media.localRtpAddress().getPort(),
					preferences(call, false));
			call.invite = newInvite(call, offer);
			sendInvite(call);
		} catch (Exception e) {
			fail(call, "Cannot call " + call.remote() + ": " + tlsFailure(call.remote()).orElse(message(e)));
		}
	}

	/**
	 * @return why the latest TLS connection to the next hop of a call to this target failed (its certificate was
	 *         refused...), when the call goes over TLS
	 */
	private Optional<String> tlsFailure(SipAddress target) {
		Account a = account;
		SipAddress hop = a.registrar() != null ? a.registrar() : target;
		String transport = SipStack.transportOf(hop);
		if (!"tls".equals(transport) || !hop.hostIsLiteral()) {
			return Optional.empty();
		}
		try {
			return stack.tlsFailure(java.net.InetAddress.getByName(hop.host()),
					hop.explicitPort().orElse(SipStack.defaultPort(transport)));
		} catch (java.net.UnknownHostException e) {
			return Optional.empty();
		}
	}

	private Request newInvite(JainCall call, SessionDescription offer) throws Exception {
		SipAddress target = call.remote();
		URI requestUri = addresses.createURI(target.toString());
		Account a = account;
		String domain = a.registrar() != null ? hostText(a.registrar().host()) : hostText(localIp);
		SipURI fromUri = addresses.createSipURI(a.user().isEmpty() ? null : a.user(), domain);
		Address from = addresses.createAddress(fromUri);
		if (!a.displayName().isEmpty()) {
			from.setDisplayName(a.displayName());
		}
		Address to = addresses.createAddress(addresses.createURI(target.toString()));
		String transport = transportOf(target);
		Request request = messages.createRequest(requestUri, Request.INVITE, headers.createCallIdHeader(call.sipCallId()),
				headers.createCSeqHeader(1L, Request.INVITE), headers.createFromHeader(from, call.localTag),
				headers.createToHeader(to, null), List.of(via(transport)), headers.createMaxForwardsHeader(70));
		request.addHeader(contact(transport));
		request.addHeader(headers.createUserAgentHeader(List.of("WebCallCenter")));
		addAllow(request);
		if (a.registrar() != null) {
			SipURI route = addresses.createSipURI(null, hostText(a.registrar().host()));
			a.registrar().explicitPort().ifPresent(route::setPort);
			route.setLrParam();
			if (!"udp".equals(transport)) {
				route.setTransportParam(transport);
			}
			request.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
		}
		if (call.replaces != null) {
			request.addHeader(headers.createHeader("Replaces", call.replaces));
		}
		request.setContent(offer.format(), sdpType());
		return request;
	}

	private void sendInvite(JainCall call) throws Exception {
		ClientTransaction ct = stack.provider().getNewClientTransaction(call.invite);
		ct.setApplicationData(new Exchange(call, Request.INVITE));
		call.inviteClient = ct;
		call.dialog = stack.provider().getNewDialog(ct);
		ct.sendRequest();
	}

	/** Routes the answers to one request of a call back to the user agent's thread. */
	private final class Exchange implements SipStack.ClientListener {
		final JainCall call;
		final String method;

		Exchange(JainCall call, String method) {
			this.call = call;
			this.method = method;
		}

		@Override
		public void response(ResponseEvent event) {
			Response r = event.getResponse();
			Dialog d = event.getDialog();
			if (Request.BYE.equals(method) && r.getStatusCode() >= 200) {
				pendingByes.decrementAndGet();
			}
			executeNowIfIdle(() -> onResponse(this, r, d));
		}

		@Override
		public void timeout(TimeoutEvent event) {
			if (Request.BYE.equals(method)) {
				pendingByes.decrementAndGet();
			}
			execute(() -> onTimeout(this));
		}
	}

	private void onResponse(Exchange x, Response response, Dialog dialog) {
		JainCall call = x.call;
		int status = response.getStatusCode();
		try {
			switch (x.method) {
			case Request.INVITE -> {
				if (call.state().isLive() && (call.state() == CallState.CONNECTED || call.state() == CallState.HELD
						|| call.pendingState != null)) {
					onReInviteResponse(call, response);
				} else {
					onInviteResponse(call, response, dialog);
				}
			}
			case Request.REFER -> {
				if (status >= 300) {
					transferFailed(call, status + " " + response.getReasonPhrase());
				}
			}
			case Request.BYE -> {
				// the call ended when the BYE was sent
			}
			default -> {
				// CANCEL (the INVITE's 487 ends the call), INFO
			}
			}
		} catch (Exception e) {
			fail(call, "SIP error on " + call.remote() + ": " + message(e));
		}
	}

	private void onInviteResponse(JainCall call, Response response, Dialog dialog) throws Exception {
		int status = response.getStatusCode();
		if (!call.state().isLive()) {
			if (status >= 200 && status < 300) {
				ackAndBye(call, response, dialog);
			} else if (status < 200 && call.cancelWanted && !call.provisional) {
				call.provisional = true;
				sendCancel(call); // hung up before any answer: cancel now that the far end is ringing
			}
			return;
		}
		if (status < 200) {
			if (status == Response.TRYING) {
				call.provisional = true;
				if (call.cancelWanted) {
					sendCancel(call);
				}
				return;
			}
			call.provisional = true;
			if (call.cancelWanted) {
				sendCancel(call);
				return;
			}
			SessionDescription early = sdpOf(response);
			if (early != null && applyAnswer(call, early)) {
				change(call, CallState.EARLY_MEDIA);
				if (router.connected().isEmpty()) {
					router.connect(List.of(call.leg));
				}
			} else if (call.state() == CallState.DIALING) {
				change(call, CallState.ALERTING);
			}
			return;
		}
		if (status < 300) {
			ack(call, response, dialog);
			if (call.cancelWanted) {
				bye(call);
				end(call, new CallEnd(CallEnd.By.LOCAL, OptionalInt.empty(), OptionalInt.empty(), "Cancelled"));
				return;
			}
			SessionDescription answer = sdpOf(response);
			if (answer == null || !applyAnswer(call, answer)) {
				bye(call);
				fail(call, call.remote() + " answered without a usable audio answer (" + (answer == null
						? "no SDP" : OfferAnswer.NO_COMMON_CODEC) + ")");
				return;
			}
			call.inviteClient = null;
			answered(call);
			connectAudio(call);
			change(call, CallState.CONNECTED);
			return;
		}
		call.inviteClient = null;
		if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
				&& account.registrar() != null && call.authRounds < 2 && !call.cancelWanted) {
			String answer = status + " " + response.getReasonPhrase() + " from " + account.registrar();
			try {
				DigestChallenge c = DigestChallenge.of(response, answer);
				if (call.authRounds == 0 || c.stale()) {
					call.authRounds++;
					resendWithCredentials(call, c);
					return;
				}
			} catch (DigestChallenge.Unsupported e) {
				end(call, new CallEnd(CallEnd.By.ERROR, OptionalInt.of(status), OptionalInt.empty(), e.getMessage()));
				return;
			}
			end(call, new CallEnd(CallEnd.By.ERROR, OptionalInt.of(status), OptionalInt.empty(),
					answer + ": check the SIP password"));
			return;
		}
		if (status == Response.REQUEST_TERMINATED && call.cancelWanted) {
			end(call, new CallEnd(CallEnd.By.LOCAL, OptionalInt.of(status), q850(response), "Cancelled"));
			return;
		}
		end(call, new CallEnd(CallEnd.By.REMOTE, OptionalInt.of(status), q850(response),
				status + " " + response.getReasonPhrase()));
	}

	private void resendWithCredentials(JainCall call, DigestChallenge challenge) throws Exception {
		Request next = (Request) call.invite.clone();
		CSeqHeader cseq = (CSeqHeader) next.getHeader(CSeqHeader.NAME);
		cseq.setSeqNumber(cseq.getSeqNumber() + 1);
		next.removeHeader(ViaHeader.NAME);
		next.addFirst(via(transportOf(call.remote())));
		next.removeHeader(challenge.proxy ? "Proxy-Authorization" : "Authorization");
		Account a = account;
		next.addHeader(challenge.authorize(headers, a.authUser(), a.password(), Request.INVITE, next.getRequestURI()));
		call.invite = next;
		call.provisional = false;
		sendInvite(call);
	}

	private void ack(JainCall call, Response response, Dialog dialog) throws Exception {
		Dialog d = dialog != null ? dialog : call.dialog;
		call.dialog = d;
		long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
		Request ack = d.createAck(seq);
		call.lastAck = ack;
		d.sendAck(ack);
	}

	private void ackAndBye(JainCall call, Response response, Dialog dialog) throws Exception {
		ack(call, response, dialog);
		bye(call);
	}

	/** Applies an SDP answer (or early media description) to the call's media. */
	private boolean applyAnswer(JainCall call, SessionDescription answer) throws IOException {
		OfferAnswer.Answer a = OfferAnswer.answer(answer, localIp, call.media.localRtpAddress().getPort(),
				preferences(call, false));
		if (!a.accepted()) {
			return false;
		}
		int te = a.telephoneEventPayloadType();
		if (a.law() != call.media.law() || (te >= 0 && te != call.telephoneEventPayloadType)) {
			int port = call.media.localRtpAddress().getPort();
			call.media.close();
			call.media = startMedia(call, a.law(), te, null, port);
		}
		call.telephoneEventPayloadType = te;
		call.codec = OfferAnswer.encodingName(a.law());
		pointMedia(call, a);
		return true;
	}

	private void pointMedia(JainCall call, OfferAnswer.Answer a) throws IOException {
		InetAddress address = InetAddress.getByName(a.remoteAddress()); // an IP literal from SDP: no look-up
		if (!address.isAnyLocalAddress() && a.remotePort() > 0) {
			call.media.remote(new InetSocketAddress(address, a.remotePort()));
		}
	}

	private void onTimeout(Exchange x) {
		JainCall call = x.call;
		if (!call.state().isLive()) {
			return;
		}
		switch (x.method) {
		case Request.INVITE -> {
			if (call.pendingState != null) {
				call.pendingState = null;
				LOG.warn("SIP: no answer to re-INVITE on " + call.remote());
			} else {
				end(call, new CallEnd(CallEnd.By.ERROR, OptionalInt.empty(), OptionalInt.empty(),
						"No answer from " + call.remote() + " (request timed out)"));
			}
		}
		case Request.REFER -> transferFailed(call, "no answer to REFER");
		default -> {
			// BYE, CANCEL, INFO: the call has ended or goes on
		}
		}
	}

	private void sendCancel(JainCall call) throws Exception {
		ClientTransaction invite = call.inviteClient;
		if (invite == null) {
			return;
		}
		Request cancel = invite.createCancel();
		ClientTransaction ct = stack.provider().getNewClientTransaction(cancel);
		ct.setApplicationData(new Exchange(call, Request.CANCEL));
		ct.sendRequest();
	}

	private void bye(JainCall call) {
		Dialog d = call.dialog;
		if (d == null) {
			return;
		}
		try {
			Request bye = d.createRequest(Request.BYE);
			ClientTransaction ct = stack.provider().getNewClientTransaction(bye);
			ct.setApplicationData(new Exchange(call, Request.BYE));
			pendingByes.incrementAndGet();
			d.sendRequest(ct);
		} catch (Exception e) {
			LOG.warn("SIP: could not send BYE to " + call.remote() + ": " + message(e));
		}
	}

	// ------------------------------------------------------------------------------------------------ incoming

	@Override
	public boolean takes(String method) {
		return METHODS.contains(method);
	}

	@Override
	public void request(Request request, ServerTransaction transaction) {
		executeNowIfIdle(() -> {
			try {
				onRequest(request, transaction);
			} catch (Exception e) {
				LOG.warn("SIP: " + request.getMethod() + " could not be handled: " + message(e));
				respond(transaction, request, Response.SERVER_INTERNAL_ERROR, "Internal Error");
			}
		});
	}

	@Override
	public void ack(Request ack) {
		executeNowIfIdle(() -> onAck(ack));
	}

	@Override
	public void strayResponse(Response response) {
		execute(() -> {
			// a retransmitted 2xx to our INVITE whose ACK was lost: ACK it again
			JainCall call = bySipCallId.get(callIdOf(response));
			CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
			if (call != null && call.lastAck != null && cseq != null && Request.INVITE.equals(cseq.getMethod())
					&& response.getStatusCode() / 100 == 2) {
				try {
					call.dialog.sendAck(call.lastAck);
				} catch (Exception e) {
					LOG.warn("SIP: could not repeat the ACK to " + call.remote() + ": " + message(e));
				}
			}
		});
	}

	private void onRequest(Request request, ServerTransaction st) throws Exception {
		String method = request.getMethod();
		String callId = callIdOf(request);
		JainCall call = callId == null ? null : bySipCallId.get(callId);
		boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
		switch (method) {
		case Request.INVITE -> {
			if (!inDialog) {
				if (call != null) {
					respond(st, request, Response.LOOP_DETECTED, "Loop Detected");
				} else {
					incoming(request, st);
				}
			} else if (call == null || !call.state().isLive()) {
				respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call Does Not Exist");
			} else {
				reInvite(call, request, st);
			}
		}
		case Request.CANCEL -> {
			respond(st, request, Response.OK, "OK");
			if (call != null && call.inviteServer != null && call.state() == CallState.RINGING) {
				respond(call.inviteServer, call.inviteServer.getRequest(), Response.REQUEST_TERMINATED,
						"Request Terminated");
				call.inviteServer = null;
				end(call, new CallEnd(CallEnd.By.REMOTE, OptionalInt.empty(), q850(request), "Caller hung up"));
			}
		}
		case Request.BYE -> {
			if (call == null || !call.state().isLive()) {
				respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call Does Not Exist");
				return;
			}
			respond(st, request, Response.OK, "OK");
			end(call, new CallEnd(CallEnd.By.REMOTE, OptionalInt.empty(), q850(request),
					call.transferTarget != null ? "Transferred to " + call.transferTarget : "Hung up by the other party"));
		}
		case Request.INFO -> {
			if (call == null || !call.state().isLive()) {
				respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call Does Not Exist");
				return;
			}
			String body = bodyOf(request);
			Matcher m = INFO_SIGNAL.matcher(body);
			if (body.isEmpty() || m.find()) {
				respond(st, request, Response.OK, "OK");
			} else {
				respond(st, request, Response.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
			}
		}
		case Request.NOTIFY -> {
			if (call == null || !call.state().isLive()) {
				respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call Does Not Exist");
				return;
			}
			respond(st, request, Response.OK, "OK");
			Matcher m = SIPFRAG.matcher(bodyOf(request).strip());
			if (call.transferTarget != null && m.find()) {
				int status = Integer.parseInt(m.group(1));
				if (status >= 200 && status < 300) {
					bye(call);
					end(call, new CallEnd(CallEnd.By.LOCAL, OptionalInt.empty(), OptionalInt.empty(),
							"Transferred to " + call.transferTarget));
				} else if (status >= 300) {
					transferFailed(call, "the target answered " + status);
				}
			}
		}
		case Request.REFER -> referred(call, request, st);
		default -> respond(st, request, Response.METHOD_NOT_ALLOWED, "Method Not Allowed");
		}
	}

	/**
	 * The far end transfers us (REFER): accept, call the target (with its Replaces header for an attended transfer)
	 * and report how that goes with NOTIFYs; the far end then ends this call.
	 */
	private void referred(JainCall call, Request request, ServerTransaction st) throws Exception {
		if (call == null || (call.state() != CallState.CONNECTED && call.state() != CallState.HELD)) {
			respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call Does Not Exist");
			return;
		}
		if (!(request.getHeader(ReferToHeader.NAME) instanceof ReferToHeader referTo)
				|| !(referTo.getAddress().getURI() instanceof SipURI uri)) {
			respond(st, request, Response.BAD_REQUEST, "Refer-To Missing Or Not SIP");
			return;
		}
		String replaces = uri.getHeader("Replaces");
		SipURI plain = (SipURI) uri.clone();
		if (plain instanceof gov.nist.javax.sip.address.SipUri nist) {
			nist.removeHeaders();
		}
		SipAddress target;
		try {
			target = resolve(remoteAddress(plain));
			if (target.host().equals("invalid") || (account.registrar() == null && !target.hostIsLiteral())) {
				throw new IllegalArgumentException("not an IP address");
			}
		} catch (IllegalArgumentException e) {
			respond(st, request, Response.BAD_REQUEST, "Refer-To Target Not Reachable");
			return;
		}
		if (lines.size() >= settings.maxLines()) {
			respond(st, request, Response.BUSY_HERE, "Busy Here");
			return;
		}
		respond(st, request, Response.ACCEPTED, "Accepted");
		JainCall next = newOutgoing(target);
		next.referredBy = call;
		next.replaces = replaces == null ? null : percentDecode(replaces);
		notifyReferrer(call, "SIP/2.0 100 Trying", false);
		listener.changed(new CallEvent(next, CallState.DIALING, CallState.DIALING));
		startOutgoing(next);
	}

	private void notifyReferrer(JainCall referrer, String sipfrag, boolean terminated) {
		if (!referrer.state().isLive() || referrer.dialog == null) {
			return;
		}
		try {
			Request notify = referrer.dialog.createRequest(Request.NOTIFY);
			notify.addHeader(headers.createEventHeader("refer"));
			var state = headers.createSubscriptionStateHeader(terminated ? "terminated" : "active");
			if (terminated) {
				state.setReasonCode("noresource");
			} else {
				state.setExpires(60);
			}
			notify.addHeader(state);
			notify.setContent(sipfrag + "\r\n", headers.createContentTypeHeader("message", "sipfrag"));
			ClientTransaction ct = stack.provider().getNewClientTransaction(notify);
			ct.setApplicationData(new Exchange(referrer, Request.NOTIFY));
			referrer.dialog.sendRequest(ct);
		} catch (Exception e) {
			LOG.warn("SIP: could not report the transfer to " + referrer.remote() + ": " + message(e));
		}
	}

	/** A call placed for a REFER reports its outcome to the referrer. */
	private void referralProgress(JainCall call, CallState next) {
		JainCall referrer = call.referredBy;
		if (next == CallState.CONNECTED) {
			call.referredBy = null;
			notifyReferrer(referrer, "SIP/2.0 200 OK", true);
		} else if (next == CallState.ENDED) {
			call.referredBy = null;
			int status = call.end().flatMap(e -> e.sipStatus().isPresent()
					? java.util.Optional.of(e.sipStatus().getAsInt()) : java.util.Optional.empty()).orElse(503);
			notifyReferrer(referrer, "SIP/2.0 " + status + " " + call.end().map(CallEnd::description).orElse(""), true);
		}
	}

	/**
	 * @return null without a Replaces header; else the live call it names (RFC 3891: to-tag is ours, from-tag the
	 *         far end's), empty when there is none
	 */
	private java.util.Optional<JainCall> replaced(Request request) {
		Header h = request.getHeader("Replaces");
		if (h == null) {
			return null;
		}
		String value = h.toString().substring(h.toString().indexOf(':') + 1).strip();
		String[] parts = value.split(";");
		String toTag = null;
		String fromTag = null;
		for (int i = 1; i < parts.length; i++) {
			String[] kv = parts[i].strip().split("=", 2);
			if (kv.length == 2 && kv[0].equalsIgnoreCase("to-tag")) {
				toTag = kv[1];
			} else if (kv.length == 2 && kv[0].equalsIgnoreCase("from-tag")) {
				fromTag = kv[1];
			}
		}
		JainCall call = bySipCallId.get(parts[0].strip());
		if (call == null || !call.state().isLive() || call.dialog == null || !java.util.Objects.equals(toTag, call.localTag)
				|| !java.util.Objects.equals(fromTag, call.dialog.getRemoteTag())) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(call);
	}

	private void incoming(Request request, ServerTransaction st) throws Exception {
		java.util.Optional<JainCall> named = replaced(request);
		if (named != null && named.isEmpty()) {
			respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Replaced Call Does Not Exist");
			return;
		}
		JainCall replacing = named == null ? null : named.get();
		if (replacing == null && lines.size() >= settings.maxLines()) {
			respond(st, request, Response.BUSY_HERE, "Busy Here");
			return;
		}
		SessionDescription offer = null;
		OfferAnswer.Answer offerCheck = null;
		if (request.getRawContent() != null && request.getRawContent().length > 0) {
			ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
			if (type == null || !"application".equalsIgnoreCase(type.getContentType())
					|| !"sdp".equalsIgnoreCase(type.getContentSubType())) {
				Response r = messages.createResponse(Response.UNSUPPORTED_MEDIA_TYPE, request);
				r.addHeader(headers.createAcceptHeader("application", "sdp"));
				st.sendResponse(r);
				return;
			}
			try {
				offer = SessionDescription.parse(bodyOf(request));
			} catch (SdpException e) {
				respond(st, request, Response.BAD_REQUEST, "Malformed SDP");
				return;
			}
			offerCheck = OfferAnswer.answer(offer, localIp, 9,
					new OfferAnswer.Preferences(settings.codecs(), false, 20, sessionId, 1));
			if (!offerCheck.accepted()) {
				Response r = messages.createResponse(Response.NOT_ACCEPTABLE_HERE, request);
				r.addHeader(headers.createWarningHeader("webcallcenter", 305, "Incompatible media format: only "
						+ String.join(", ", settings.codecs().stream().map(OfferAnswer::encodingName).toList())));
				st.sendResponse(r);
				return;
			}
		}
		FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
		SipAddress remote = remoteAddress(from.getAddress().getURI());
		JainCall call = new JainCall(this, callIdOf(request), CallDirection.INCOMING, remote,
				from.getAddress().getDisplayName(), CallState.RINGING);
		call.inviteServer = st;
		call.remoteOffer = offer;
		call.lateOffer = offer == null;
		call.offerCheck = offerCheck;
		call.localTag = newTag();
		call.headerAutoAnswer = hasAutoAnswerHeader(request);
		call.dialog = stack.provider().getNewDialog(st);
		bySipCallId.put(call.sipCallId(), call);
		lines.add(call);
		boolean answerNow = replacing != null || settings.autoAnswerAll() || (autoAnswer && call.headerAutoAnswer);
		if (!answerNow) {
			Response ringing = messages.createResponse(Response.RINGING, request);
			tag(ringing, call.localTag);
			ringing.addHeader(contact(transportOf(request)));
			st.sendResponse(ringing);
		}
		if (!answerNow) {
			announce(call);
		}
		if (replacing != null) {
			// attended transfer: the new caller takes over the call it names, without ringing (RFC 3891)
			bye(replacing);
			end(replacing, new CallEnd(CallEnd.By.REMOTE, OptionalInt.empty(), OptionalInt.empty(),
					"Transferred to " + call.remote()));
			answer(call);
		} else if (settings.autoAnswerAll() || (autoAnswer && call.headerAutoAnswer)) {
			answer(call);
		} else {
			call.timer = executor.schedule(() -> {
				if (call.state() == CallState.RINGING && call.inviteServer != null) {
					respond(call.inviteServer, call.inviteServer.getRequest(), Response.TEMPORARILY_UNAVAILABLE,
							"Temporarily Unavailable");
					call.inviteServer = null;
					end(call, new CallEnd(CallEnd.By.LOCAL, OptionalInt.of(Response.TEMPORARILY_UNAVAILABLE),
							OptionalInt.empty(), "Not answered"));
				}
			}, settings.ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private boolean hasAutoAnswerHeader(Request request) {
		String name = settings.autoAnswerHeader();
		if (name.isBlank()) {
			return false;
		}
		var values = request.getHeaders(name);
		while (values != null && values.hasNext()) {
			String value = values.next().toString().toLowerCase(Locale.ROOT);
			if (!name.equalsIgnoreCase("Call-Info") || value.contains("answer-after")) {
				return true;
			}
		}
		return false;
	}

	void answer(JainCall call) {
		if (call.state() != CallState.RINGING || call.inviteServer == null) {
			return;
		}
		ServerTransaction st = call.inviteServer;
		try {
			putOtherCallsOnHold(call);
			SessionDescription body;
			if (call.lateOffer) {
				call.media = bindMedia(call, settings.codecs().get(0), OfferAnswer.OFFER_TELEPHONE_EVENT_PT, null, 0);
				call.sdpVersion = 1;
				body = OfferAnswer.offer(localIp, call.media.localRtpAddress().getPort(), preferences(call, false));
			} else {
				OfferAnswer.Answer probe = call.offerCheck; // codec and telephone-event, chosen when the INVITE came
				// bound now, started once the 200 is out: the answer does not wait for the media threads
				call.media = bindMedia(call, probe.law(), probe.telephoneEventPayloadType(), null, 0);
				call.sdpVersion = 1;
				OfferAnswer.Answer a = OfferAnswer.answer(call.remoteOffer, localIp,
						call.media.localRtpAddress().getPort(), preferences(call, false));
				call.telephoneEventPayloadType = a.telephoneEventPayloadType();
				call.codec = OfferAnswer.encodingName(a.law());
				pointMedia(call, a);
				body = a.description();
			}
			Response ok = messages.createResponse(Response.OK, st.getRequest());
			tag(ok, call.localTag);
			ok.addHeader(contact(transportOf(st.getRequest())));
			addAllow(ok);
			ok.setContent(body.format(), sdpType());
			st.sendResponse(ok);
			answered(call); // the recorder's tap is on before the first frame
			onMediaThread(call.media::begin); // before a later close of the same session: one thread runs both
			onMediaThread(this::refillPorts);
			call.inviteServer = null;
			announce(call); // a call answered at once is announced only now: nothing delays its 200
			if (call.headerAutoAnswer || settings.autoAnswerAll()) {
				// the agent hears the "call offered" tone first, then the customer
				offeredTone.apply(call).whenComplete((v, e) -> execute(() -> {
					if (call.state() == CallState.CONNECTED && router.connected().isEmpty()) {
						router.connect(List.of(call.leg));
					}
				}));
			} else {
				connectAudio(call);
			}
			change(call, CallState.CONNECTED);
		} catch (Exception e) {
			respond(st, st.getRequest(), Response.SERVER_INTERNAL_ERROR, "Cannot Answer");
			call.inviteServer = null;
			announce(call);
			fail(call, "Cannot answer " + call.remote() + ": " + message(e));
		}
	}

	private void onAck(Request ack) {
		JainCall call = bySipCallId.get(callIdOf(ack));
		if (call == null || !call.lateOffer || !call.state().isLive()) {
			return;
		}
		call.lateOffer = false;
		try {
			SessionDescription answer = ack.getRawContent() == null ? null : SessionDescription.parse(bodyOf(ack));
			if (answer == null || !applyAnswer(call, answer)) {
				bye(call);
				fail(call, call.remote() + " sent no usable SDP answer in the ACK");
			}
		} catch (SdpException | IOException e) {
			bye(call);
			fail(call, call.remote() + " sent a malformed SDP answer: " + message(e));
		}
	}

	void reject(JainCall call, boolean decline) {
		if (call.state() != CallState.RINGING || call.inviteServer == null) {
			return;
		}
		int status = decline ? Response.DECLINE : Response.BUSY_HERE;
		respond(call.inviteServer, call.inviteServer.getRequest(), status, decline ? "Decline" : "Busy Here");
		call.inviteServer = null;
		end(call, new CallEnd(CallEnd.By.LOCAL, OptionalInt.of(status), OptionalInt.empty(),
				decline ? "Declined" : "Rejected (busy)"));
	}

	void hangUp(JainCall call) {
		switch (call.state()) {
		case RINGING -> reject(call, false);
		case DIALING, ALERTING, EARLY_MEDIA -> {
			call.cancelWanted = true;
			if (call.provisional) {
				try {
					sendCancel(call);
				} catch (Exception e) {
					fail(call, "Cannot cancel the call to " + call.remote() + ": " + message(e));
				}
			}
			// else: CANCEL goes out with the first provisional answer (RFC 3261 section 9.1); the agent need not
			// wait for it
			end(call, new CallEnd(CallEnd.By.LOCAL, OptionalInt.empty(), OptionalInt.empty(), "Cancelled"));
		}
		case CONNECTED, HELD -> {
			bye(call);
			end(call, new CallEnd(CallEnd.By.LOCAL, OptionalInt.empty(), OptionalInt.empty(), "Hung up"));
		}
		case ENDED -> {
			// nothing to do
		}
		}
	}

	// ------------------------------------------------------------------------------------------- mid-call features

	private void reInvite(JainCall call, Request request, ServerTransaction st) throws Exception {
		SessionDescription offer = sdpOf(request);
		Response ok = messages.createResponse(Response.OK, request);
		ok.addHeader(contact(transportOf(request)));
		if (offer == null) {
			call.sdpVersion++;
			ok.setContent(OfferAnswer.offer(localIp, call.media.localRtpAddress().getPort(),
					preferences(call, call.state() == CallState.HELD)).format(), sdpType());
			st.sendResponse(ok);
			call.lateOffer = true;
			return;
		}
		OfferAnswer.Answer a = OfferAnswer.answer(offer, localIp, call.media.localRtpAddress().getPort(),
				preferences(call, call.state() == CallState.HELD));
		if (!a.accepted()) {
			respond(st, request, Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here");
			return;
		}
		if (a.law() != call.media.law()) {
			int port = call.media.localRtpAddress().getPort();
			call.media.close();
			call.media = startMedia(call, a.law(), a.telephoneEventPayloadType(), null, port);
			call.codec = OfferAnswer.encodingName(a.law());
		}
		call.sdpVersion++;
		a = OfferAnswer.answer(offer, localIp, call.media.localRtpAddress().getPort(),
				preferences(call, call.state() == CallState.HELD));
		pointMedia(call, a);
		ok.setContent(a.description().format(), sdpType());
		st.sendResponse(ok);
		if (a.direction() == Direction.RECVONLY || a.direction() == Direction.INACTIVE) {
			LOG.info("SIP: " + call.remote() + " put the call on hold");
		}
	}

	void hold(JainCall call, boolean hold) {
		CallState want = hold ? CallState.HELD : CallState.CONNECTED;
		if (call.state() == want || call.pendingState != null
				|| (call.state() != CallState.CONNECTED && call.state() != CallState.HELD)) {
			return;
		}
		try {
			if (!hold) {
				putOtherCallsOnHold(call);
			}
			call.sdpVersion++;
			SessionDescription offer = OfferAnswer.offer(localIp, call.media.localRtpAddress().getPort(),
					preferences(call, hold));
			Request reinvite = call.dialog.createRequest(Request.INVITE);
			reinvite.setHeader(contact(transportOf(call.remote())));
			reinvite.setContent(offer.format(), sdpType());
			ClientTransaction ct = stack.provider().getNewClientTransaction(reinvite);
			ct.setApplicationData(new Exchange(call, Request.INVITE));
			call.pendingState = want;
			if (hold) {
				router.disconnect(call.leg);
			}
			call.dialog.sendRequest(ct);
		} catch (Exception e) {
			call.pendingState = null;
			LOG.warn("SIP: could not " + (hold ? "hold " : "resume ") + call.remote() + ": " + message(e));
		}
	}

	private void onReInviteResponse(JainCall call, Response response) throws Exception {
		int status = response.getStatusCode();
		if (status < 200) {
			return;
		}
		CallState want = call.pendingState;
		call.pendingState = null;
		if (status >= 300) {
			LOG.warn("SIP: " + call.remote() + " refused the re-INVITE: " + status + " " + response.getReasonPhrase());
			if (want == CallState.HELD && call.state() == CallState.CONNECTED) {
				connectAudio(call);
			}
			return;
		}
		ack(call, response, call.dialog);
		SessionDescription answer = sdpOf(response);
		if (answer != null) {
			applyAnswer(call, answer);
		}
		if (want == null || !call.state().isLive()) {
			return;
		}
		if (want == CallState.CONNECTED) {
			connectAudio(call);
		}
		change(call, want);
	}

	private void putOtherCallsOnHold(JainCall call) {
		if (settings.autoAnswerAll()) {
			return; // a server without an agent: every call has its own audio, none waits on hold
		}
		for (JainCall other : lines) {
			if (other != call && other.state() == CallState.CONNECTED && !conference.contains(call)) {
				hold(other, true);
			}
		}
	}

	/** Puts this call (alone, or with its conference partner) on the headset. */
	private void connectAudio(JainCall call) {
		if (conference.contains(call)) {
			router.connect(conference.stream().map(c -> c.leg).toList());
		} else {
			if (!conference.isEmpty()) {
				conference = List.of();
			}
			router.connect(List.of(call.leg));
		}
	}

	void conference(JainCall first, JainCall second) {
		if (first == second || !first.state().isLive() || !second.state().isLive()
				|| first.state().compareTo(CallState.CONNECTED) < 0 || second.state().compareTo(CallState.CONNECTED) < 0) {
			throw new IllegalStateException("A conference joins two answered calls");
		}
		execute(() -> {
			conference = List.of(first, second);
			for (JainCall c : conference) {
				if (c.state() == CallState.HELD) {
					hold(c, false);
				}
			}
			router.connect(List.of(first.leg, second.leg));
		});
	}

	void dtmf(JainCall call, char digit) {
		if (call.state() != CallState.CONNECTED) {
			return;
		}
		if (call.telephoneEventPayloadType >= 0 && call.media != null) {
			call.media.sendDtmf(digit, 100);
			return;
		}
		try {
			Request info = call.dialog.createRequest(Request.INFO);
			info.setContent("Signal=" + digit + "\r\nDuration=100\r\n",
					headers.createContentTypeHeader("application", "dtmf-relay"));
			ClientTransaction ct = stack.provider().getNewClientTransaction(info);
			ct.setApplicationData(new Exchange(call, Request.INFO));
			call.dialog.sendRequest(ct);
		} catch (Exception e) {
			LOG.warn("SIP: could not send DTMF by INFO to " + call.remote() + ": " + message(e));
		}
	}

	void transfer(JainCall call, String referTo, String shownTarget) {
		if ((call.state() != CallState.CONNECTED && call.state() != CallState.HELD) || call.transferTarget != null) {
			return;
		}
		try {
			Request refer = call.dialog.createRequest(Request.REFER);
			refer.addHeader(headers.createReferToHeader(addresses.createAddress(referTo)));
			Account a = account;
			String domain = a.registrar() != null ? hostText(a.registrar().host()) : hostText(localIp);
			refer.addHeader(headers.createHeader("Referred-By",
					"<" + addresses.createSipURI(a.user().isEmpty() ? null : a.user(), domain) + ">"));
			refer.setHeader(contact(transportOf(call.remote())));
			ClientTransaction ct = stack.provider().getNewClientTransaction(refer);
			ct.setApplicationData(new Exchange(call, Request.REFER));
			call.transferTarget = shownTarget;
			call.referClient = ct;
			call.dialog.sendRequest(ct);
		} catch (Exception e) {
			transferFailed(call, message(e));
		}
	}

	void attendedTransfer(JainCall call, Call consultation) {
		if (!(consultation instanceof JainCall other) || other == call || other.dialog == null
				|| other.dialog.getRemoteTag() == null) {
			LOG.warn("SIP: attended transfer needs another answered call of this softphone");
			return;
		}
		String replaces = other.sipCallId() + ";to-tag=" + other.dialog.getRemoteTag() + ";from-tag="
				+ other.dialog.getLocalTag();
		String target = other.dialog.getRemoteParty().getURI().toString();
		String referTo = "<" + target + "?Replaces=" + percentEncode(replaces) + ">";
		transfer(call, referTo, other.remote().toString());
	}

	private void transferFailed(JainCall call, String why) {
		if (call.transferTarget == null) {
			return;
		}
		LOG.warn("SIP: transfer of " + call.remote() + " to " + call.transferTarget + " failed: " + why);
		call.transferTarget = null;
		call.referClient = null;
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private RtpSession startMedia(JainCall call, G711.Law law, int telephoneEvent, InetSocketAddress remote, int port)
			throws IOException {
		RtpSession session = bindMedia(call, law, telephoneEvent, remote, port);
		session.begin();
		onMediaThread(this::refillPorts);
		return session;
	}

	private RtpSession bindMedia(JainCall call, G711.Law law, int telephoneEvent, InetSocketAddress remote, int port)
			throws IOException {
		RtpSession.Config config = new RtpSession.Config().law(law)
				.local(new InetSocketAddress(stack.local().getAddress(), port)).ports(port == 0 ? ports : null)
				.remote(remote).latchRemote(true)
				.rtcpIntervalMillis(settings.rtcpInterval().toMillis())
				.cname((account.user().isEmpty() ? "wcc" : account.user()) + "@" + hostText(localIp));
		if (telephoneEvent >= 96 && telephoneEvent <= 127) {
			config.telephoneEventPayloadType(telephoneEvent);
		}
		call.codec = OfferAnswer.encodingName(law);
		call.telephoneEventPayloadType = telephoneEvent;
		return RtpSession.bind(config, call.leg.source(), call.leg.sink());
	}

	private OfferAnswer.Preferences preferences(JainCall call, boolean hold) {
		return new OfferAnswer.Preferences(settings.codecs(), false, 20, sessionId, 1).withHold(hold)
				.withSessionVersion(call.sdpVersion);
	}

	private void announce(JainCall call) {
		if (!call.announced) {
			call.announced = true;
			listener.changed(new CallEvent(call, CallState.RINGING, CallState.RINGING));
		}
	}

	private void change(JainCall call, CallState next) {
		CallState previous = call.state(next);
		if (previous != next) {
			listener.changed(new CallEvent(call, previous, next));
			if (call.referredBy != null) {
				referralProgress(call, next);
			}
		}
	}

	private void fail(JainCall call, String why) {
		LOG.warn("SIP: " + why);
		end(call, new CallEnd(CallEnd.By.ERROR, OptionalInt.empty(), OptionalInt.empty(), why));
	}

	private void end(JainCall call, CallEnd why) {
		if (!call.state().isLive()) {
			return;
		}
		call.quality(); // keep the last figures
		call.end(why);
		router.disconnect(call.leg);
		if (conference.contains(call)) {
			conference = List.of();
		}
		RtpSession media = call.media;
		call.media = null;
		if (media != null) {
			// closing waits for the session's five threads: not on this thread, which the next call needs
			onMediaThread(media::close);
		}
		if (call.timer != null) {
			call.timer.cancel(false);
		}
		lines.remove(call);
		// keep the Call-ID a little longer: late retransmissions and the BYE's answer still find the call
		executor.schedule(() -> bySipCallId.remove(call.sipCallId(), call), 32, TimeUnit.SECONDS);
		change(call, CallState.ENDED);
	}

	private void respond(ServerTransaction st, Request request, int status, String reason) {
		try {
			Response r = messages.createResponse(status, request);
			r.setReasonPhrase(reason);
			if (status >= 200 && Request.INVITE.equals(request.getMethod())) {
				JainCall call = bySipCallId.get(callIdOf(request));
				if (call != null && call.localTag != null) {
					tag(r, call.localTag);
				}
			}
			if (status == Response.METHOD_NOT_ALLOWED) {
				addAllow(r);
			}
			st.sendResponse(r);
		} catch (Exception e) {
			LOG.warn("SIP: could not answer " + request.getMethod() + " with " + status + ": " + message(e));
		}
	}

	private void tag(Response response, String tag) throws java.text.ParseException {
		ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
		if (to.getTag() == null) {
			to.setTag(tag);
		}
	}

	private ViaHeader via(String transport) throws Exception {
		return headers.createViaHeader(localIp, stack.port(transport), transport,
				"z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
	}

	private ContactHeader contact(String transport) throws Exception {
		Account a = account;
		SipURI uri = addresses.createSipURI(a.user().isEmpty() ? null : a.user(), hostText(localIp));
		uri.setPort(stack.port(transport));
		if ("tcp".equalsIgnoreCase(transport) || "tls".equalsIgnoreCase(transport)) {
			uri.setTransportParam(transport.toLowerCase(Locale.ROOT));
		}
		return headers.createContactHeader(addresses.createAddress(uri));
	}

	private void addAllow(javax.sip.message.Message message) throws Exception {
		for (String method : ALLOWED) {
			message.addHeader(headers.createAllowHeader(method));
		}
	}

	private ContentTypeHeader sdpType() throws Exception {
		return headers.createContentTypeHeader("application", "sdp");
	}

	private static SessionDescription sdpOf(javax.sip.message.Message message) {
		byte[] raw = message.getRawContent();
		if (raw == null || raw.length == 0) {
			return null;
		}
		try {
			return SessionDescription.parse(new String(raw, StandardCharsets.UTF_8));
		} catch (SdpException e) {
			LOG.warn("SIP: ignored a malformed SDP body: " + e.getMessage());
			return null;
		}
	}

	private static String bodyOf(javax.sip.message.Message message) {
		byte[] raw = message.getRawContent();
		return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
	}

	private static String callIdOf(javax.sip.message.Message message) {
		CallIdHeader h = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
		return h == null ? null : h.getCallId();
	}

	private static OptionalInt q850(javax.sip.message.Message message) {
		var reasons = message.getHeaders(ReasonHeader.NAME);
		while (reasons != null && reasons.hasNext()) {
			if (reasons.next() instanceof ReasonHeader r && "Q.850".equalsIgnoreCase(r.getProtocol())
					&& r.getCause() > 0) {
				return OptionalInt.of(r.getCause());
			}
		}
		return OptionalInt.empty();
	}

	/** @return the transport towards a target: the registrar's when the account has one, else the target's own */
	private String transportOf(SipAddress target) {
		Account a = account;
		return SipStack.transportOf(a.registrar() != null ? a.registrar() : target);
	}

	private static String transportOf(Request request) {
		ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
		return via == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
	}

	private static SipAddress remoteAddress(URI uri) {
		if (uri instanceof SipURI sip) {
			int port = sip.getPort();
			String host = sip.getHost();
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			String params = sip.getTransportParam() == null ? "" : ";transport=" + sip.getTransportParam();
			try {
				return new SipAddress(sip.getUser() == null ? "" : sip.getUser(), host, port > 0 ? port : -1,
						sip.isSecure(), params);
			} catch (IllegalArgumentException e) {
				// fall through to a safe rendering
			}
		}
		return new SipAddress("", "invalid", -1, false, "");
	}

	private static String newTag() {
		return Long.toHexString(ThreadLocalRandom.current().nextLong());
	}

	static String hostText(String ip) {
		return ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
	}

	private static String percentDecode(String s) {
		if (s.indexOf('%') < 0) {
			return s;
		}
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '%' && i + 2 < s.length()) {
				try {
					out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
					i += 2;
					continue;
				} catch (NumberFormatException | IndexOutOfBoundsException e) {
					// not an escape: keep the character
				}
			}
			out.write(c);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static String percentEncode(String s) {
		StringBuilder b = new StringBuilder();
		for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
			char ch = (char) (c & 0xFF);
			if (Character.isLetterOrDigit(ch) || "-_.!~*'()".indexOf(ch) >= 0) {
				b.append(ch);
			} else {
				b.append('%').append(String.format("%02X", c & 0xFF));
			}
		}
		return b.toString();
	}

	private static String message(Throwable e) {
		String m = e.getMessage();
		return (m == null ? e.getClass().getSimpleName() : m).replaceAll("[\\r\\n]+", " ");
	}

	/** Ends every call (BYE or CANCEL) and stops the thread; waits briefly for the requests to go out. */
	@Override
	public void close() {
		CompletableFuture<Void> done = new CompletableFuture<>();
		execute(() -> {
			for (JainCall call : List.copyOf(lines)) {
				hangUp(call);
				if (call.state().isLive()) {
					end(call, new CallEnd(CallEnd.By.LOCAL, OptionalInt.empty(), OptionalInt.empty(),
							"Softphone stopped"));
				}
			}
			done.complete(null);
		});
		try {
			done.get(5, TimeUnit.SECONDS);
			// the far ends' answers to our BYEs, so that their transactions end before the stack stops
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			while (pendingByes.get() > 0 && System.nanoTime() - deadline < 0) {
				Thread.sleep(10);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (Exception e) {
			// stopping anyway
		}
		executor.shutdownNow();
		closer.shutdown();
		try {
			closer.awaitTermination(5, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		ports.close();
		Arrays.fill(account.password(), '\0');
	}
}
