package org.webcallcenter.agent.api;

import java.util.Objects;

/**
 * The agent's SIP account, without its password (which only {@link AccountStore} holds).
 *
 * @param mode      through a registrar, or direct peer-to-peer calls with no registrar
 * @param registrar registrar address as {@code host[:port]} (IP literal or name), optionally followed by
 *                  {@code ;transport=udp}, {@code ;transport=tcp} or {@code ;transport=tls} (UDP when absent);
 *                  empty in direct mode
 * @param user      SIP user name (the user part of the address of record)
 * @param authUser  user name for digest authentication; empty means the same as {@code user}
 */
public record SipAccount(Mode mode, String registrar, String user, String authUser) {

	/** How the softphone reaches other parties. */
	public enum Mode {
		/** Register with a registrar/proxy (branch gateway, head office). */
		REGISTRAR,
		/** No registrar: calls go straight to {@code sip:user@ip:port} (an expert at home, tests). */
		DIRECT
	}

	public SipAccount {
		Objects.requireNonNull(mode, "mode");
		registrar = registrar == null ? "" : registrar.strip();
		user = user == null ? "" : user.strip();
		authUser = authUser == null ? "" : authUser.strip();
		if (mode == Mode.REGISTRAR) {
			if (registrar.isEmpty()) {
				throw new IllegalArgumentException("A registrar address is required in registrar mode");
			}
			if (!registrar.matches(
					"(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?(?i:;transport=(udp|tcp|tls))?")) {
				throw new IllegalArgumentException("Registrar must be host, host:port or "
						+ "host:port;transport=udp|tcp|tls, not '" + registrar + "'");
			}
			if (user.isEmpty()) {
				throw new IllegalArgumentException("A SIP user is required in registrar mode");
			}
		}
		if (!user.isEmpty() && !user.matches("[A-Za-z0-9._!~*'()&=+$,;?/%-]{1,64}")) {
			throw new IllegalArgumentException("SIP user holds characters a SIP URI does not allow: '" + user + "'");
		}
	}

	/** @return the user name used for digest authentication */
	public String effectiveAuthUser() {
		return authUser.isEmpty() ? user : authUser;
	}
}
