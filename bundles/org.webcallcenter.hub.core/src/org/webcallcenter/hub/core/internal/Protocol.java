package org.webcallcenter.hub.core.internal;

import java.util.List;
import java.util.Map;

import org.webcallcenter.hub.api.CobrowseProtocol;

/**
 * Reads one side of a co-browsing connection: validates every message against the wire protocol and calls the
 * {@link SessionRegistry}. Anything that is not a valid message closes the connection with code 1008 and a
 * reason saying what was wrong; the session itself goes on (its peer reconnects with its token).
 */
final class Protocol {
	/** Events in one message at most. */
	static final int MAX_EVENTS = 10_000;
	static final int MAX_SELECTOR = 300;
	static final int MAX_URL = 2_000;
	/**
	 * A customer's messages are built down to the events' own fields (message, events array, event); the rrweb
	 * data inside the events is checked as strictly but not built: the hub relays the text, so building every
	 * node of a page was work for the garbage collector.
	 */
	static final int CUSTOMER_BUILD_DEPTH = 3;

	enum Role {
		CUSTOMER, AGENT
	}

	private final Role role;
	private final SessionRegistry registry;
	private final Peer peer;
	private CobrowseSession session;
	private int wrongCodes;

	Protocol(Role role, SessionRegistry registry, Peer peer) {
		this.role = role;
		this.registry = registry;
		this.peer = peer;
	}

	/** Handles one text message; never throws. */
	synchronized void text(String raw) {
		Map<?, ?> m;
		try {
			Object v = role == Role.CUSTOMER ? Json.parseShallow(raw, CUSTOMER_BUILD_DEPTH) : Json.parse(raw);
			if (!(v instanceof Map<?, ?> map)) {
				refuse("not a JSON object");
				return;
			}
			m = map;
		} catch (Json.Malformed e) {
			refuse("not JSON: " + e.getMessage());
			return;
		}
		if (!(m.get("t") instanceof String type)) {
			refuse("no message type (\"t\")");
			return;
		}
		if (type.equals("ping")) {
			peer.send("{\"t\":\"pong\"}");
			return;
		}
		if (role == Role.CUSTOMER) {
			customer(type, m, raw);
		} else {
			agent(type, m);
		}
	}

	/** The connection closed. */
	synchronized void closed() {
		if (session != null) {
			registry.closed(session, peer);
		}
	}

	private void customer(String type, Map<?, ?> m, String raw) {
		if (session == null) {
			switch (type) {
			case "create" -> session = registry.create(peer);
			case "resume" -> session = registry.resume(string(m, "token"), peer);
			default -> refuse("no session yet: send create or resume first");
			}
			return;
		}
		switch (type) {
		case "events" -> events(m, raw);
		case "answer" -> {
			if (!(m.get("accepted") instanceof Boolean accepted) || !"navigate".equals(m.get("kind"))) {
				refuse("answer needs kind \"navigate\" and a boolean \"accepted\"");
				return;
			}
			registry.customerAnswer(session, peer,
					Json.write(SessionRegistry.map("t", "answer", "kind", "navigate", "accepted", accepted)));
		}
		case "panel" -> {
			String id = Show.id(m);
			if (id == null || !"closed".equals(m.get("state"))) {
				refuse("panel needs the shown \"id\" and \"state\":\"closed\"");
				return;
			}
			registry.customerAnswer(session, peer,
					Json.write(SessionRegistry.map("t", "panel", "id", id, "state", "closed")));
		}
		case "stop" -> registry.stop(session, peer);
		default -> refuse("unknown message type for a customer: " + shorten(type));
		}
	}

	private void events(Map<?, ?> m, String raw) {
		if (!(m.get("events") instanceof List<?> events) || events.isEmpty() || events.size() > MAX_EVENTS) {
			refuse("events needs a non-empty array \"events\" of at most " + MAX_EVENTS);
			return;
		}
		boolean full = false;
		for (Object e : events) {
			if (!(e instanceof Map<?, ?> ev) || !(ev.get("type") instanceof Double t)
					|| !(ev.get("timestamp") instanceof Double)) {
				refuse("every event needs a numeric type and timestamp");
				return;
			}
			if (t.doubleValue() == 2) {
				full = true;
			}
		}
		String line = raw;
		if (raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0 || raw.indexOf('\u2028') >= 0
				|| raw.indexOf('\u2029') >= 0) {
			try {
				line = Json.write(Json.parse(raw)); // one line for the record: built in full to be rewritten
			} catch (Json.Malformed e) {
				refuse("not JSON: " + e.getMessage()); // checked already: cannot happen
				return;
			}
		}
		registry.customerEvents(session, peer, line, full);
	}

	private void agent(String type, Map<?, ?> m) {
		if (session == null) {
			switch (type) {
			case "join" -> {
				String code = string(m, "code");
				if (code == null || !code.matches("[0-9]{6}")) {
					refuse("join needs a six-digit \"code\"");
					return;
				}
				session = registry.join(code, peer, wrongCodes);
				if (session == null) {
					wrongCodes++;
				}
			}
			case "rejoin" -> session = registry.rejoin(string(m, "agentToken"), peer);
			default -> refuse("not joined yet: send join or rejoin first");
			}
			return;
		}
		switch (type) {
		case "guide" -> guide(m);
		case "show" -> show(m);
		case "leave" -> registry.leave(session, peer);
		default -> refuse("unknown message type for an agent: " + shorten(type));
		}
	}

	private void guide(Map<?, ?> m) {
		String kind = string(m, "kind");
		String clean;
		if ("highlight".equals(kind)) {
			String selector = string(m, "selector");
			if (selector == null || selector.isEmpty() || selector.length() > MAX_SELECTOR) {
				refuse("highlight needs a \"selector\" of 1.." + MAX_SELECTOR + " characters");
				return;
			}
			clean = Json.write(SessionRegistry.map("t", "guide", "kind", kind, "selector", selector));
		} else if ("pointer".equals(kind)) {
			if (!(m.get("x") instanceof Double x) || !(m.get("y") instanceof Double y) || x < 0 || y < 0
					|| x > 100_000 || y > 100_000) {
				refuse("pointer needs numbers \"x\" and \"y\" in 0..100000 (page pixels)");
				return;
			}
			clean = Json.write(SessionRegistry.map("t", "guide", "kind", kind, "x", x, "y", y));
		} else if ("navigate".equals(kind)) {
			String url = string(m, "url");
			if (!samesitePath(url)) {
				refuse("navigate needs a \"url\" that is a path on the customer's site (starting with one /)");
				return;
			}
			clean = Json.write(SessionRegistry.map("t", "guide", "kind", kind, "url", url));
		} else if ("clear".equals(kind)) {
			clean = Json.write(SessionRegistry.map("t", "guide", "kind", kind));
		} else {
			refuse("guide kind must be highlight, pointer, navigate or clear");
			return;
		}
		registry.agentGuide(session, peer, clean);
	}

	/**
	 * A chart or commentary to show on the customer's page. A refused show is answered ({@code shown} with
	 * {@code ok:false} and the reason), not closed: the agent's session goes on and the expert reads why.
	 */
	private void show(Map<?, ?> m) {
		String clean;
		try {
			clean = Show.clean(m);
		} catch (Show.Refused e) {
			String id = Show.id(m);
			peer.send(Json.write(SessionRegistry.map("t", "shown", "id", id == null ? "" : id, "ok", false, "reason",
					e.getMessage())));
			return;
		}
		registry.agentShow(session, peer, Show.id(m), clean);
	}

	/** @return whether the URL is a path on the same site: one leading slash, no scheme, no backslash */
	static boolean samesitePath(String url) {
		return url != null && url.length() <= MAX_URL && url.startsWith("/") && !url.startsWith("//")
				&& url.indexOf('\\') < 0 && url.chars().noneMatch(c -> c < 0x21 || c == 0x7f);
	}

	private void refuse(String why) {
		peer.close(CobrowseProtocol.CLOSE_POLICY, "malformed message: " + why);
	}

	private static String string(Map<?, ?> m, String key) {
		return m.get(key) instanceof String s ? s : null;
	}

	private static String shorten(String s) {
		return s.length() > 20 ? s.substring(0, 20) + "..." : s;
	}
}
