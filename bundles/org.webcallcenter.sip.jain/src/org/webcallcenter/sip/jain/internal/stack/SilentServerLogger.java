package org.webcallcenter.sip.jain.internal.stack;

import java.util.Properties;

import javax.sip.SipStack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;

/**
 * The JAIN-SIP message trace logger ({@code gov.nist.javax.sip.SERVER_LOGGER}): writes nothing. The RI's default
 * ({@code ServerLog}) needs log4j and would write every message, with its headers and credentials, to a file.
 */
public class SilentServerLogger implements ServerLogger {

	public SilentServerLogger() {
		// instantiated by the RI
	}

	@Override
	public void closeLogFile() {
		// no file
	}

	@Override
	public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
		// not traced
	}

	@Override
	public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
		// not traced
	}

	@Override
	public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
		// not traced
	}

	@Override
	public void logException(Exception ex) {
		// the stack logger reports errors
	}

	@Override
	public void setStackProperties(Properties stackProperties) {
		// nothing configurable
	}

	@Override
	public void setSipStack(SipStack sipStack) {
		// not needed
	}
}
