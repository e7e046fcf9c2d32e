package org.webcallcenter.sip.jain.internal.stack;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.ILog;

import gov.nist.core.StackLogger;

/**
 * The JAIN-SIP stack logger ({@code gov.nist.javax.sip.STACK_LOGGER}): warnings and errors go to the Eclipse log,
 * debug, trace and info are dropped. Plugging it means the RI never touches log4j. The RI keeps the last plugged
 * logger in a static field ({@code CommonLogger.legacyLogger}), shared by every stack in the JVM.
 * <p>
 * What the network sends must not flood the log: the RI logs some bad datagrams as a whole 64 KB buffer printed
 * as a byte array. So each entry is cut to {@value #MAX_LENGTH} characters, and at most {@value #BUDGET} entries
 * are written per minute; the RI's TLS-default warnings at every start are dropped (we do not use TLS yet).
 */
public class EclipseStackLogger implements StackLogger {
	private static final ILog LOG = ILog.of(EclipseStackLogger.class);
	static final int MAX_LENGTH = 500;
	static final int BUDGET = 20;
	private static final long WINDOW_NANOS = 60_000_000_000L;
	private static final AtomicLong windowStart = new AtomicLong(System.nanoTime());
	private static final AtomicInteger written = new AtomicInteger();
	private static final AtomicInteger suppressed = new AtomicInteger();

	public EclipseStackLogger() {
		// instantiated by the RI
	}

	@Override
	public boolean isLoggingEnabled() {
		return true;
	}

	@Override
	public boolean isLoggingEnabled(int logLevel) {
		// warnings only when the RI logs them unasked: it warns at every start about TLS defaults we do not use
		return logLevel <= TRACE_ERROR;
	}

	@Override
	public void logStackTrace() {
		// debug output
	}

	@Override
	public void logStackTrace(int traceLevel) {
		// debug output
	}

	@Override
	public int getLineCount() {
		return 0;
	}

	@Override
	public void logException(Throwable ex) {
		if (admit()) {
			LOG.warn(text(String.valueOf(ex)), ex);
		}
	}

	@Override
	public void logDebug(String message) {
		// dropped
	}

	@Override
	public void logDebug(String message, Exception ex) {
		// dropped
	}

	@Override
	public void logTrace(String message) {
		// dropped
	}

	@Override
	public void logFatalError(String message) {
		logError(message);
	}

	@Override
	public void logError(String message) {
		if (message != null && message.startsWith("{")) {
			return; // the RI dumps its connection table after a failed send: noise, and it names peers
		}
		if (!admit()) {
			return;
		}
		if (isUndeliverable(message)) {
			// a peer that went away before its answer: the network's doing, not a fault of the workstation; the
			// message itself (parties, SDP) is not logged
			LOG.warn(text(firstLine(message) + " (the peer is gone; the message was dropped)"));
		} else if (isBadInput(message)) {
			LOG.warn(text("dropped a malformed message from the network"));
		} else {
			LOG.error(text(message));
		}
	}

	static boolean isUndeliverable(String message) {
		return message != null && (message.startsWith("Problem connecting") || message.startsWith("Problem sending")
				|| message.startsWith("Could not connect")
				|| message.startsWith("A problem occured while trying to send a single CLRF"));
	}

	/** Malformed input from the network: the sender's fault, reported as a warning without its content. */
	static boolean isBadInput(String message) {
		return message != null && (message.startsWith("bad message") || message.startsWith(">>> Dropped Bad Msg")
				|| message.startsWith("Error while processing incoming"));
	}

	private static String firstLine(String message) {
		int end = message.indexOf('\n');
		String line = end < 0 ? message : message.substring(0, end);
		int cut = line.indexOf(" for message ");
		return (cut < 0 ? line : line.substring(0, cut)).strip();
	}

	@Override
	public void logError(String message, Exception ex) {
		if (ex instanceof IllegalStateException && String.valueOf(ex.getMessage()).contains("Timer has been stopped")) {
			return; // a late answer reached a stack that is stopping: nothing is lost, nothing to report
		}
		if (!admit()) {
			return;
		}
		if (isUndeliverable(message)) {
			LOG.warn(text(firstLine(message) + " (the peer is gone: " + ex + ")"));
		} else if (isBadInput(message)) {
			LOG.warn(text("dropped a malformed message from the network (" + ex + ")"));
		} else {
			LOG.error(text(message), ex);
		}
	}

	@Override
	public void logWarning(String message) {
		if (message != null && (message.contains("TLS") || message.contains("tls security policy")
				|| message.contains("keystore type") || message.contains("truststore type"))) {
			return;
		}
		if (admit()) {
			LOG.warn(text(message));
		}
	}

	private static String text(String message) {
		String m = String.valueOf(message);
		return "SIP stack: " + (m.length() > MAX_LENGTH ? m.substring(0, MAX_LENGTH) + "... (cut)" : m);
	}

	/** @return whether one more entry fits this minute's budget */
	private static boolean admit() {
		long now = System.nanoTime();
		long start = windowStart.get();
		if (now - start > WINDOW_NANOS && windowStart.compareAndSet(start, now)) {
			written.set(0);
			int dropped = suppressed.getAndSet(0);
			if (dropped > 0) {
				LOG.warn("SIP stack: " + dropped + " log entries suppressed in the last minute");
			}
		}
		if (written.incrementAndGet() <= BUDGET) {
			return true;
		}
		suppressed.incrementAndGet();
		return false;
	}

	@Override
	public void logInfo(String message) {
		// dropped: the RI is chatty at info level
	}

	@Override
	public void disableLogging() {
		// the level is fixed
	}

	@Override
	public void enableLogging() {
		// the level is fixed
	}

	@Override
	public void setBuildTimeStamp(String buildTimeStamp) {
		// not logged
	}

	@Override
	public void setStackProperties(Properties stackProperties) {
		// nothing configurable
	}

	@Override
	public String getLoggerName() {
		return "org.webcallcenter.sip.jain";
	}
}
