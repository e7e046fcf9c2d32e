package org.webcallcenter.sip.api;

/** The life of a call, from the agent's point of view. */
public enum CallState {
	/** Outgoing INVITE sent, no provisional answer yet. */
	DIALING,
	/** Outgoing: the far end rings (180). */
	ALERTING,
	/** Outgoing: early media flows (183 with SDP), for example an announcement. */
	EARLY_MEDIA,
	/** Incoming: the agent's phone rings. */
	RINGING,
	/** Talking. */
	CONNECTED,
	/** Held by this side (sendonly/inactive). */
	HELD,
	/** Ended; see {@link CallEnd}. */
	ENDED;

	/** @return whether the call still exists */
	public boolean isLive() {
		return this != ENDED;
	}
}
