package org.webcallcenter.sip.jain.internal.stack;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.ILog;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The JAIN-SIP message parser factory ({@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}): the RI's own parser,
 * except that a message it cannot parse is dropped (the parser returns {@code null}, which the RI's message
 * channels treat as "nothing to process") instead of being answered by the RI's automatic 400, whose reason
 * phrase carries the parser's exception text, a Java object id and a line feed. The first dropped message per
 * stack is logged, the rest only counted.
 */
public class DroppingMessageParserFactory implements MessageParserFactory {
	private static final ILog LOG = ILog.of(DroppingMessageParserFactory.class);

	private final MessageParserFactory delegate = new StringMsgParserFactory();
	private final AtomicLong dropped = new AtomicLong();

	public DroppingMessageParserFactory() {
		// instantiated by the RI, once per stack
	}

	@Override
	public MessageParser createMessageParser(SIPTransactionStack stack) {
		MessageParser parser = delegate.createMessageParser(stack);
		return (bytes, readBody, strict, listener) -> parse(parser, bytes, readBody, strict, listener);
	}

	private SIPMessage parse(MessageParser parser, byte[] bytes, boolean readBody, boolean strict,
			ParseExceptionListener listener) {
		try {
			SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, listener);
			if (message instanceof SIPRequest) {
				String version = requestVersion(bytes);
				if (!"SIP/2.0".equalsIgnoreCase(version)) {
					message.setApplicationData(new UnsupportedVersion(
							version.length() > 20 ? version.substring(0, 20) : version));
				}
			}
			return message;
		} catch (ParseException | RuntimeException e) {
			if (dropped.incrementAndGet() == 1) {
				LOG.warn("SIP stack: dropped a message that does not parse (" + describe(e)
						+ "); further ones are dropped silently");
			}
			return null;
		}
	}

	/** @return the last word of the first non-empty line, the version of a request line */
	static String requestVersion(byte[] bytes) {
		int start = 0;
		while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
			start++;
		}
		int end = start;
		while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
			end++;
		}
		String line = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1).strip();
		return line.substring(line.lastIndexOf(' ') + 1);
	}

	/** @return how many unparsable messages this stack has dropped */
	public long dropped() {
		return dropped.get();
	}

	private static String describe(Exception e) {
		String message = String.valueOf(e.getMessage());
		// the RI's parse messages carry a char[]'s identity ("[C@1b2c3d") and line feeds
		message = message.replaceAll("\\[C@[0-9a-f]+ ?", "").replaceAll("[\\r\\n\\t]+", " ");
		return e.getClass().getSimpleName() + ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
	}
}
