package org.webcallcenter.sip.api;

/** Who placed the call. */
public enum CallDirection {
	INCOMING, OUTGOING
}
