package org.webcallcenter.sip.jain.internal.stack;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;

import org.eclipse.core.runtime.ILog;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The JAIN-SIP message processor factory ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}): UDP is received by
 * {@link ReceivingUdpMessageProcessor}, whose threads each read a datagram and process it themselves; TCP and TLS
 * are the RI's own processors, as with the RI's default factory.
 *
 * <p>Like the RI's factory it sets the stack's package-private {@code udpFlag}, which makes UDP requests leave from
 * the listening socket (without it every request and retransmission goes out from a new ephemeral port, and a peer
 * that answers to the source port, as sipp does, is never heard). Only this factory can: it is reached by reflection,
 * which works because the RI is not a named module. Should that ever fail (another RI version), UDP falls back to
 * the RI's own processor, with a warning.
 */
public class ReceivingMessageProcessorFactory implements MessageProcessorFactory {
	private static final ILog LOG = ILog.of(ReceivingMessageProcessorFactory.class);
	private static final Field UDP_FLAG = udpFlag();

	private final MessageProcessorFactory others = new OIOMessageProcessorFactory();

	public ReceivingMessageProcessorFactory() {
		// instantiated by the RI, once per stack
	}

	@Override
	public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
			String transport) throws IOException {
		if ("udp".equalsIgnoreCase(transport) && UDP_FLAG != null) {
			MessageProcessor udp = new ReceivingUdpMessageProcessor(address, stack, port);
			try {
				UDP_FLAG.setBoolean(stack, true);
			} catch (IllegalAccessException e) {
				udp.stop();
				throw new IOException("Cannot set up UDP for the SIP stack: " + e.getMessage(), e);
			}
			return udp;
		}
		return others.createMessageProcessor(stack, address, port, transport);
	}

	private static Field udpFlag() {
		try {
			Field f = SIPTransactionStack.class.getDeclaredField("udpFlag");
			if (f.getType() != boolean.class) {
				throw new NoSuchFieldException("udpFlag is a " + f.getType());
			}
			f.setAccessible(true);
			return f;
		} catch (ReflectiveOperationException | RuntimeException e) {
			LOG.warn("SIP stack: UDP is received by the RI's own processor (" + e
					+ "); answers take one more thread hand-off");
			return null;
		}
	}
}
