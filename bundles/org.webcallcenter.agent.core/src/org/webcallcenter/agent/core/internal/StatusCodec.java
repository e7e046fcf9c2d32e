package org.webcallcenter.agent.core.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateEvent;
import org.webcallcenter.agent.api.AgentStatus;
import org.webcallcenter.agent.api.ReasonCode;
import org.webcallcenter.agent.api.StateChangeCause;

/**
 * Writes statuses and events as one line of URL-encoded {@code key=value} pairs, so that a half-written last line
 * after a crash is detectable and the rest stays readable.
 */
public final class StatusCodec {

	private StatusCodec() {
	}

	public static String encode(AgentStatus s) {
		Map<String, String> m = new LinkedHashMap<>();
		put(m, "", s);
		return join(m);
	}

	public static AgentStatus decodeStatus(String line) {
		return status(split(line), "");
	}

	public static String encode(AgentStateEvent e) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("cause", e.cause().name());
		put(m, "p.", e.previous());
		put(m, "c.", e.current());
		return join(m) + "&end=1";
	}

	public static AgentStateEvent decodeEvent(String line) {
		Map<String, String> m = split(line);
		if (!"1".equals(m.get("end"))) {
			throw new IllegalArgumentException("truncated record");
		}
		return new AgentStateEvent(status(m, "p."), status(m, "c."), StateChangeCause.valueOf(m.get("cause")));
	}

	private static void put(Map<String, String> m, String prefix, AgentStatus s) {
		m.put(prefix + "state", s.state().name());
		m.put(prefix + "since", Long.toString(s.since().toEpochMilli()));
		s.reason().ifPresent(r -> {
			m.put(prefix + "reason", r.code());
			m.put(prefix + "reasonLabel", r.label());
		});
		s.wrapUpEndsAt().ifPresent(w -> m.put(prefix + "wrapUpEndsAt", Long.toString(w.toEpochMilli())));
		s.callId().ifPresent(c -> m.put(prefix + "callId", c));
		s.agent().ifPresent(a -> {
			m.put(prefix + "agentId", a.agentId());
			m.put(prefix + "displayName", a.displayName());
			m.put(prefix + "branch", a.branch());
			m.put(prefix + "extension", a.extension());
		});
	}

	private static AgentStatus status(Map<String, String> m, String prefix) {
		String state = m.get(prefix + "state");
		String since = m.get(prefix + "since");
		if (state == null || since == null) {
			throw new IllegalArgumentException("missing state or time");
		}
		Optional<ReasonCode> reason = Optional.ofNullable(m.get(prefix + "reason"))
				.map(code -> new ReasonCode(code, m.getOrDefault(prefix + "reasonLabel", code)));
		Optional<Instant> wrap = Optional.ofNullable(m.get(prefix + "wrapUpEndsAt"))
				.map(v -> Instant.ofEpochMilli(Long.parseLong(v)));
		Optional<AgentIdentity> agent = Optional.ofNullable(m.get(prefix + "agentId"))
				.map(id -> new AgentIdentity(id, m.get(prefix + "displayName"), m.get(prefix + "branch"),
						m.get(prefix + "extension")));
		return new AgentStatus(AgentState.valueOf(state), reason, Instant.ofEpochMilli(Long.parseLong(since)), wrap,
				Optional.ofNullable(m.get(prefix + "callId")), agent);
	}

	private static String join(Map<String, String> m) {
		StringBuilder b = new StringBuilder();
		m.forEach((k, v) -> {
			if (b.length() > 0) {
				b.append('&');
			}
			b.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
		});
		return b.toString();
	}

	private static Map<String, String> split(String line) {
		Map<String, String> m = new LinkedHashMap<>();
		for (String pair : line.strip().split("&")) {
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				throw new IllegalArgumentException("malformed pair '" + pair + "'");
			}
			m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return m;
	}
}
