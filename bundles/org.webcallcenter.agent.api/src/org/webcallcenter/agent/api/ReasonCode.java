package org.webcallcenter.agent.api;

import java.util.Objects;

/**
 * Why an agent is not ready. The code is what reports and the hub see; the label is what the agent sees.
 *
 * @param code  short stable code, for example {@code BREAK}
 * @param label text shown to the agent, for example {@code Break}
 */
public record ReasonCode(String code, String label) {

	/** The reason given automatically right after login, until the agent chooses to be ready. */
	public static final ReasonCode LOGIN = new ReasonCode("LOGIN", "Just logged in");

	public ReasonCode {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(label, "label");
		if (code.isBlank() || !code.matches("[A-Z0-9_]{1,32}")) {
			throw new IllegalArgumentException("Reason code must be 1-32 characters of A-Z, 0-9 or _: '" + code + "'");
		}
	}
}
