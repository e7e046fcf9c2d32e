package org.webcallcenter.hub.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.webcallcenter.hub.api.CobrowseSessionInfo;

/**
 * One co-browsing session's state. Guarded by its own monitor: the {@link SessionRegistry} holds it while it
 * changes the state and while it sends, so that what an agent receives is always in order (rebuild, then live).
 */
final class CobrowseSession {
	final String id;
	final String token;
	final Instant created;
	/** Six digits, or null once an agent has joined with it (a code admits one agent, once). */
	String code;
	/** The token of the admitted agent, or null before one is admitted. */
	String agentToken;
	Peer customer;
	Peer agent;
	/** The last message with a full snapshot and every message since: what a (re)joining agent rebuilds from. */
	final List<String> retained = new ArrayList<>();
	long retainedChars;
	/** A snapshot-request was sent and no full snapshot has come since. */
	boolean snapshotRequested;
	long customerMessages;
	/** When the customer page was last connected (or now, while it is). */
	long customerSeenMillis;
	boolean ended;

	CobrowseSession(String id, String token, String code, Instant created) {
		this.id = id;
		this.token = token;
		this.code = code;
		this.created = created;
		this.customerSeenMillis = created.toEpochMilli();
	}

	synchronized CobrowseSessionInfo info() {
		return new CobrowseSessionInfo(id, created, customer != null, agent != null, customerMessages);
	}
}
