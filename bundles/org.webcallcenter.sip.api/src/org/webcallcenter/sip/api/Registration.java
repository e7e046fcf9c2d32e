package org.webcallcenter.sip.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registration snapshot.
 *
 * @param state     the state
 * @param detail    what the agent should know, for example {@code 403 Forbidden from 127.0.0.1:5060}
 * @param since     when the state was entered
 * @param expiresAt when the binding expires, while registered
 */
public record Registration(RegistrationState state, String detail, Instant since, Optional<Instant> expiresAt) {
	public Registration {
		Objects.requireNonNull(state, "state");
		detail = detail == null ? "" : detail;
		Objects.requireNonNull(since, "since");
		expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
	}
}
