package org.webcallcenter.hub.core.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.webcallcenter.hub.api.CobrowseProtocol;
import org.webcallcenter.hub.api.CobrowseSessionInfo;

/**
 * The co-browsing sessions and the rules of the wire protocol: who may create, resume, join and rejoin, what is
 * relayed to whom, what a reconnecting agent rebuilds from. Transport-free (the WebSocket endpoints call it with a
 * {@link Peer}), so every rule is tested without a network.
 */
final class SessionRegistry {
	/** Wrong join codes a single connection may send before it is closed. */
	static final int CODES_PER_CONNECTION = 3;
	/** Wrong join codes the whole hub accepts per minute before it refuses every join for the rest of it. */
	static final int WRONG_CODES_PER_MINUTE = 30;
	/** Past this many retained characters the hub asks the customer page for a fresh full snapshot. */
	static final long RETAIN_LIMIT_CHARS = 32L * 1024 * 1024;
	/**
	 * What all sessions together may retain by default: a third of the heap (text is stored one byte per character
	 * when it is Latin-1, two otherwise). Each session's share is this divided by the live sessions, at most
	 * {@link #RETAIN_LIMIT_CHARS}: with 1,000 sessions on the default 512 MB heap about 170,000 characters each,
	 * so a busy page is asked for a new snapshot every minute or two instead of the hub running out of memory.
	 */
	static final long DEFAULT_RETAIN_BUDGET_CHARS = Runtime.getRuntime().maxMemory() / 3;
	private static final String SNAPSHOT_REQUEST = Json.write(map("t", "snapshot-request"));

	private final SecureRandom random = new SecureRandom();
	private final Map<String, CobrowseSession> byToken = new ConcurrentHashMap<>();
	private final Map<String, CobrowseSession> byCode = new ConcurrentHashMap<>();
	private final Map<String, CobrowseSession> byAgentToken = new ConcurrentHashMap<>();
	private final Map<String, CobrowseSession> byId = new ConcurrentHashMap<>();
	private final RecordWriter records;
	private final Clock clock;
	private final Duration sessionTimeout;
	private final long retainBudgetChars;
	private long wrongCodeMinute;
	private int wrongCodesThisMinute;

	SessionRegistry(RecordWriter records, Clock clock, Duration sessionTimeout) {
		this(records, clock, sessionTimeout, DEFAULT_RETAIN_BUDGET_CHARS);
	}

	/** @param retainBudgetChars what all live sessions together may retain for rebuilding (see the default) */
	SessionRegistry(RecordWriter records, Clock clock, Duration sessionTimeout, long retainBudgetChars) {
		this.records = records;
		this.clock = clock;
		this.sessionTimeout = sessionTimeout;
		this.retainBudgetChars = retainBudgetChars;
	}

	/** @return how many characters one session may retain now: its share of the budget, at most the fixed limit */
	long retainLimitChars() {
		return Math.min(RETAIN_LIMIT_CHARS, retainBudgetChars / Math.max(1, byId.size()));
	}

	/** A customer page asks for a new session: it gets the session token and the join code. */
	CobrowseSession create(Peer customer) {
		String id = randomToken(12);
		String token = randomToken(32);
		String code;
		synchronized (byCode) {
			do {
				code = String.format("%06d", Integer.valueOf(random.nextInt(1_000_000)));
			} while (byCode.containsKey(code));
			CobrowseSession s = new CobrowseSession(id, token, code, clock.instant());
			s.customer = customer;
			byCode.put(code, s);
			byToken.put(token, s);
			byId.put(id, s);
			customer.send(Json.write(map("t", "session", "v", Double.valueOf(CobrowseProtocol.VERSION), "id", id,
					"token", token, "code", code)));
			return s;
		}
	}

	/**
	 * A customer page comes back (new page of the same site, or a dropped connection) with its session token.
	 *
	 * @return the session, or null when the token is unknown (the peer was closed with a reason)
	 */
	CobrowseSession resume(String token, Peer customer) {
		CobrowseSession s = token == null ? null : byToken.get(token);
		if (s == null) {
			customer.close(CobrowseProtocol.CLOSE_POLICY, "unknown session token");
			return null;
		}
		synchronized (s) {
			if (s.ended) {
				customer.close(CobrowseProtocol.CLOSE_POLICY, "session has ended");
				return null;
			}
			Peer old = s.customer;
			s.customer = customer;
			s.customerSeenMillis = clock.millis();
			if (old != null && old != customer) {
				old.close(1000, "session resumed on another connection");
			}
			customer.send(Json.write(map("t", "session", "v", Double.valueOf(CobrowseProtocol.VERSION), "id", s.id,
					"token", s.token, "code", s.code == null ? "" : s.code)));
			if (s.agent != null) {
				customer.send(Json.write(map("t", "agent", "state", "joined")));
				s.agent.send(Json.write(map("t", "customer", "state", "connected")));
			}
		}
		return s;
	}

	/**
	 * An agent joins with the code the customer read out.
	 *
	 * @param wrongSoFar wrong codes this connection sent before
	 * @return the session, or null when the code is wrong (the peer got an error, or was closed after too many)
	 */
	CobrowseSession join(String code, Peer agent, int wrongSoFar) {
		CobrowseSession s = null;
		boolean throttled;
		synchronized (byCode) {
			throttled = throttled();
			if (!throttled && code != null) {
				s = byCode.remove(code);
			}
			if (s == null && !throttled) {
				wrongCodesThisMinute++;
			}
		}
		if (s == null) {
			String why = throttled ? "too many wrong join codes on this hub; try again in a minute"
					: "no session with this code";
			if (throttled || wrongSoFar + 1 >= CODES_PER_CONNECTION) {
				agent.close(CobrowseProtocol.CLOSE_POLICY, throttled ? why : "too many wrong join codes");
			} else {
				agent.send(Json.write(map("t", "error", "reason", why)));
			}
			return null;
		}
		synchronized (s) {
			s.code = null;
			admit(s, agent);
		}
		return s;
	}

	/** @return the session of an admitted agent's token, after rebuilding it on this connection; or null */
	CobrowseSession rejoin(String agentToken, Peer agent) {
		CobrowseSession s = agentToken == null ? null : byAgentToken.get(agentToken);
		if (s == null) {
			agent.close(CobrowseProtocol.CLOSE_POLICY, "unknown agent token");
			return null;
		}
		synchronized (s) {
			if (s.ended || !agentToken.equals(s.agentToken)) {
				agent.close(CobrowseProtocol.CLOSE_POLICY, "session has ended");
				return null;
			}
			Peer old = s.agent;
			s.agent = agent;
			if (old != null && old != agent) {
				old.close(1000, "agent reconnected on another connection");
			}
			welcome(s, agent);
		}
		return s;
	}

	/** The router admits an agent without the code; returns the new agent token (see CobrowseHub#admitAgent). */
	String admitAgent(String sessionId) {
		CobrowseSession s = sessionId == null ? null : byId.get(sessionId);
		if (s == null) {
			throw new IllegalArgumentException("no co-browsing session " + sessionId);
		}
		synchronized (s) {
			if (s.ended) {
				throw new IllegalArgumentException("co-browsing session " + sessionId + " has ended");
			}
			if (s.code != null) {
				byCode.remove(s.code, s);
				s.code = null;
			}
			Peer old = s.agent;
			s.agent = null;
			newAgentToken(s);
			if (old != null) {
				old.close(CobrowseProtocol.CLOSE_POLICY, "another agent was admitted to this session");
			}
			return s.agentToken;
		}
	}

	private void admit(CobrowseSession s, Peer agent) {
		Peer old = s.agent;
		s.agent = agent;
		newAgentToken(s);
		if (old != null) {
			old.close(CobrowseProtocol.CLOSE_POLICY, "another agent joined this session");
		}
		welcome(s, agent);
	}

	private void newAgentToken(CobrowseSession s) {
		if (s.agentToken != null) {
			byAgentToken.remove(s.agentToken, s);
		}
		s.agentToken = randomToken(32);
		byAgentToken.put(s.agentToken, s);
	}

	/** Sends the agent what it rebuilds the page from, and tells the customer an agent is watching. */
	private void welcome(CobrowseSession s, Peer agent) {
		agent.send(Json.write(map("t", "joined", "v", Double.valueOf(CobrowseProtocol.VERSION), "session", s.id,
				"agentToken", s.agentToken)));
		agent.send(Json.write(map("t", "reset")));
		for (String m : s.retained) {
			agent.send(m);
		}
		agent.send(Json.write(map("t", "customer", "state", s.customer != null ? "connected" : "disconnected")));
		if (s.customer != null) {
			s.customer.send(Json.write(map("t", "agent", "state", "joined")));
		}
		records.append(s.id, "hub", Json.write(map("t", "agent-joined")));
	}

	/**
	 * Events from the customer page: retained for rebuilding, stored, relayed to the agent as received.
	 *
	 * @param raw the message (already validated, one line)
	 * @param fullSnapshot whether it holds an rrweb full snapshot (type 2)
	 */
	void customerEvents(CobrowseSession s, Peer from, String raw, boolean fullSnapshot) {
		synchronized (s) {
			if (s.customer != from || s.ended) {
				return;
			}
			s.customerMessages++;
			s.customerSeenMillis = clock.millis();
			if (fullSnapshot) {
				s.retained.clear();
				s.retainedChars = 0;
				s.snapshotRequested = false;
			}
			if (fullSnapshot || !s.retained.isEmpty()) {
				s.retained.add(raw);
				s.retainedChars += raw.length();
			}
			if (s.retainedChars > retainLimitChars() && !s.snapshotRequested) {
				// once: the page answers with a full snapshot, and every message until it arrives would ask again
				s.snapshotRequested = true;
				from.send(SNAPSHOT_REQUEST);
			}
			records.append(s.id, "customer", raw);
			if (s.agent != null) {
				s.agent.send(raw);
			}
		}
	}

	/**
	 * A customer answer (accepted or declined a suggested page, closed a shown panel), already validated: relayed to
	 * the agent.
	 */
	void customerAnswer(CobrowseSession s, Peer from, String clean) {
		synchronized (s) {
			if (s.customer != from || s.ended) {
				return;
			}
			records.append(s.id, "customer", clean);
			if (s.agent != null) {
				s.agent.send(clean);
			}
		}
	}

	/** Guidance from the agent (already validated and rewritten): relayed to the customer page. */
	void agentGuide(CobrowseSession s, Peer from, String clean) {
		synchronized (s) {
			if (s.agent != from || s.ended) {
				return;
			}
			records.append(s.id, "agent", clean);
			if (s.customer != null) {
				s.customer.send(clean);
			}
		}
	}

	/**
	 * A show from the agent (already validated and rewritten): relayed to the customer page and answered with
	 * {@code shown}: ok when the customer's page is connected, else the reason.
	 */
	void agentShow(CobrowseSession s, Peer from, String id, String clean) {
		synchronized (s) {
			if (s.agent != from || s.ended) {
				return;
			}
			if (s.customer == null) {
				from.send(Json.write(map("t", "shown", "id", id, "ok", false, "reason",
						"the customer's page is not connected (it may be loading the next page): try again")));
				return;
			}
			records.append(s.id, "agent", clean);
			s.customer.send(clean);
			from.send(Json.write(map("t", "shown", "id", id, "ok", true)));
		}
	}

	/** The customer pressed Stop (or the page said so): the session ends for both. */
	void stop(CobrowseSession s, Peer from) {
		synchronized (s) {
			if (s.customer != from) {
				return;
			}
			end(s, "the customer stopped co-browsing");
		}
	}

	/** The agent leaves: the customer page hears it, the session goes on (another agent may be admitted). */
	void leave(CobrowseSession s, Peer from) {
		synchronized (s) {
			if (s.agent != from) {
				return;
			}
			s.agent = null;
			if (s.agentToken != null) {
				byAgentToken.remove(s.agentToken, s);
				s.agentToken = null;
			}
			if (s.customer != null) {
				s.customer.send(Json.write(map("t", "agent", "state", "left")));
			}
			records.append(s.id, "hub", Json.write(map("t", "agent-left")));
			from.close(1000, "left the session");
		}
	}

	/** A connection closed (for any reason). Nothing of the session is lost: the peer may come back. */
	void closed(CobrowseSession s, Peer peer) {
		synchronized (s) {
			if (s.customer == peer) {
				s.customer = null;
				s.customerSeenMillis = clock.millis();
				if (s.agent != null) {
					s.agent.send(Json.write(map("t", "customer", "state", "disconnected")));
				}
			} else if (s.agent == peer) {
				s.agent = null;
				if (s.customer != null) {
					s.customer.send(Json.write(map("t", "agent", "state", "away")));
				}
			}
		}
	}

	/** Ends sessions whose customer page has been gone longer than the session timeout. */
	void expire() {
		long now = clock.millis();
		for (CobrowseSession s : byId.values()) {
			synchronized (s) {
				if (!s.ended && s.customer == null && now - s.customerSeenMillis > sessionTimeout.toMillis()) {
					end(s, "the customer page was gone for " + sessionTimeout.toSeconds() + " s");
				}
			}
		}
	}

	/** Ends every session (the hub stops). */
	void endAll(String reason) {
		for (CobrowseSession s : byId.values()) {
			synchronized (s) {
				end(s, reason);
			}
		}
	}

	private void end(CobrowseSession s, String reason) {
		if (s.ended) {
			return;
		}
		s.ended = true;
		// forget it first: whoever hears "ended" finds it gone
		byToken.remove(s.token, s);
		byId.remove(s.id, s);
		if (s.code != null) {
			byCode.remove(s.code, s);
		}
		if (s.agentToken != null) {
			byAgentToken.remove(s.agentToken, s);
		}
		String msg = Json.write(map("t", "ended", "reason", reason));
		records.append(s.id, "hub", msg);
		records.close(s.id);
		for (Peer p : new Peer[] { s.customer, s.agent }) {
			if (p != null) {
				p.send(msg);
				p.close(1000, reason);
			}
		}
		s.customer = null;
		s.agent = null;
		s.retained.clear();
	}

	List<CobrowseSessionInfo> sessions() {
		List<CobrowseSessionInfo> all = new ArrayList<>();
		for (CobrowseSession s : byId.values()) {
			all.add(s.info());
		}
		all.sort(Comparator.comparing(CobrowseSessionInfo::created));
		return all;
	}

	private boolean throttled() {
		long minute = clock.millis() / 60_000;
		if (minute != wrongCodeMinute) {
			wrongCodeMinute = minute;
			wrongCodesThisMinute = 0;
		}
		return wrongCodesThisMinute >= WRONG_CODES_PER_MINUTE;
	}

	private String randomToken(int bytes) {
		byte[] b = new byte[bytes];
		random.nextBytes(b);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
	}

	/** @return an insertion-ordered map of alternating keys and values */
	static Map<String, Object> map(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int k = 0; k < kv.length; k += 2) {
			m.put((String) kv[k], kv[k + 1]);
		}
		return m;
	}
}
