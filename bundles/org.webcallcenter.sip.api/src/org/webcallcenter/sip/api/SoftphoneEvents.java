package org.webcallcenter.sip.api;

/** EventAdmin topics of the softphone; the {@code org.eclipse.e4.data} property carries the payload. */
public final class SoftphoneEvents {
	public static final String TOPIC_BASE = "org/webcallcenter/sip/";
	/** A {@link CallEvent}. */
	public static final String CALL = TOPIC_BASE + "CALL";
	/** A {@link Registration}. */
	public static final String REGISTRATION = TOPIC_BASE + "REGISTRATION";

	private SoftphoneEvents() {
	}
}
