package org.webcallcenter.sip.jain.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.eclipse.core.runtime.ILog;
import org.webcallcenter.sip.jain.internal.stack.UnsupportedVersion;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;

/**
 * Answers what reaches the SIP stack before there is a softphone: OPTIONS with 200 OK, methods we know but do not
 * handle with 405, unknown methods with 501, versions other than SIP/2.0 with 505. No exception ever leaves
 * {@link #processRequest}: a request that cannot get a server transaction is answered statelessly with a 400 whose
 * reason phrase is our own text, and what cannot be answered at all is dropped, each kind of failure logged once.
 */
final class RequestHandler implements SipListener {
	private static final ILog LOG = ILog.of(RequestHandler.class);

	/** Methods this stack answers itself. */
	static final List<String> ALLOWED = List.of(Request.OPTIONS);
	/** Methods of RFC 3261 and its extensions that we recognise but do not handle yet: 405, not 501. */
	private static final Set<String> KNOWN = Set.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL,
			Request.REGISTER, Request.INFO, Request.PRACK, Request.UPDATE, Request.SUBSCRIBE, Request.NOTIFY,
			Request.MESSAGE, Request.REFER, Request.PUBLISH);
	static final String BAD_REQUEST_REASON = "Malformed Request";

	private final SipProvider provider;
	private final MessageFactory messages = new MessageFactoryImpl();
	private final HeaderFactory headers = new HeaderFactoryImpl();
	private final Set<String> logged = ConcurrentHashMap.newKeySet();
	private volatile CallRequests calls;

	/**
	 * Takes the requests of calls once a softphone runs on this stack. Called on the stack's thread: hand the work
	 * off and return; never throw.
	 */
	interface CallRequests {
		/** @return whether requests of this method go to the softphone */
		boolean takes(String method);

		/** A request with its server transaction. */
		void request(Request request, ServerTransaction transaction);

		/** An ACK (it has no transaction). */
		void ack(Request ack);

		/** A response no client transaction claimed (a retransmitted 2xx to an INVITE). */
		void strayResponse(Response response);
	}

	RequestHandler(SipProvider provider) {
		this.provider = provider;
	}

	/** Attaches the softphone, or detaches it with {@code null}: its methods then get 405 again. */
	void calls(CallRequests value) {
		calls = value;
	}

	@Override
	public void processRequest(RequestEvent event) {
		try {
			handle(event.getRequest(), event.getServerTransaction());
		} catch (Throwable e) { // NOSONAR: nothing may reach the RI's thread
			logOnce("unexpected", "SIP request handling failed; the request was dropped", e);
		}
	}

	private void handle(Request request, ServerTransaction existing) throws Exception {
		String method = request.getMethod();
		CallRequests c = calls;
		if (Request.ACK.equals(method)) {
			if (c != null) {
				c.ack(request);
			}
			return; // never answered
		}
		ServerTransaction transaction = existing;
		if (transaction == null) {
			try {
				transaction = provider.getNewServerTransaction(request);
			} catch (TransactionAlreadyExistsException e) {
				return; // a retransmission: the transaction answers it
			} catch (Exception e) {
				// NullPointerException, TransactionUnavailableException, SipException on malformed requests
				answerStatelessly(request, Response.BAD_REQUEST, BAD_REQUEST_REASON, e);
				return;
			}
		}
		if (c != null && c.takes(method) && !(request instanceof SIPRequest sip
				&& sip.getApplicationData() instanceof UnsupportedVersion)) {
			c.request(request, transaction);
			return;
		}
		transaction.sendResponse(answer(request));
	}

	private Response answer(Request request) throws Exception {
		String method = request.getMethod();
		// the RI's parser turns any version into SIP/2.0; our parser factory marks what was really sent
		if (request instanceof SIPRequest sip && sip.getApplicationData() instanceof UnsupportedVersion) {
			Response response = messages.createResponse(Response.VERSION_NOT_SUPPORTED, request);
			response.setReasonPhrase("Version Not Supported");
			return response;
		}
		if (Request.OPTIONS.equals(method)) {
			Response response = messages.createResponse(Response.OK, request);
			addAllow(response);
			response.addHeader(headers.createAcceptHeader("application", "sdp"));
			return response;
		}
		if (Request.CANCEL.equals(method)) {
			return messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request);
		}
		if (KNOWN.contains(method)) {
			Response response = messages.createResponse(Response.METHOD_NOT_ALLOWED, request);
			addAllow(response);
			return response;
		}
		return messages.createResponse(Response.NOT_IMPLEMENTED, request);
	}

	private void addAllow(Response response) throws Exception {
		for (String method : ALLOWED) {
			response.addHeader(headers.createAllowHeader(method));
		}
		CallRequests c = calls;
		if (c != null) {
			for (String method : UserAgent.METHODS) {
				if (c.takes(method)) {
					response.addHeader(headers.createAllowHeader(method));
				}
			}
		}
	}

	private void answerStatelessly(Request request, int status, String reason, Exception why) {
		try {
			Response response = messages.createResponse(status, request);
			response.setReasonPhrase(reason);
			provider.sendResponse(response);
			logOnce("stateless-" + status, "SIP: answered a request without a transaction with " + status
					+ " (" + describe(why) + ")", null);
		} catch (Exception | LinkageError e) {
			logOnce("unanswerable", "SIP: dropped a request that can be neither processed nor answered ("
					+ describe(why) + ")", e);
		}
	}

	private void logOnce(String key, String message, Throwable e) {
		if (logged.add(key)) {
			LOG.warn(message + "; further ones are not logged", e);
		}
	}

	private static String describe(Throwable e) {
		String m = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("[\\r\\n]+", " ");
		return e.getClass().getSimpleName() + m;
	}

	@Override
	public void processResponse(ResponseEvent event) {
		CallRequests c = calls;
		if (c != null && event.getResponse() != null) {
			try {
				c.strayResponse(event.getResponse());
			} catch (RuntimeException e) {
				logOnce("stray", "SIP: a stray response could not be handled", e);
			}
		}
	}

	@Override
	public void processTimeout(TimeoutEvent event) {
		// nothing to clean up yet
	}

	@Override
	public void processIOException(IOExceptionEvent event) {
		if (SipStack.WAKE_UP.equals(event.getHost())) {
			return;
		}
		logOnce("io", "SIP: I/O error towards " + event.getHost() + ":" + event.getPort() + "/"
				+ event.getTransport(), null);
	}

	@Override
	public void processTransactionTerminated(TransactionTerminatedEvent event) {
		// nothing kept per transaction
	}

	@Override
	public void processDialogTerminated(DialogTerminatedEvent event) {
		// no dialogs yet
	}
}
