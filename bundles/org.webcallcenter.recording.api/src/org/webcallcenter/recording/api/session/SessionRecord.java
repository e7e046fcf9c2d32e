package org.webcallcenter.recording.api.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is stored of one co-browsing session.
 *
 * @param sessionId     the hub's session id
 * @param interactionId the interaction (call) it was last tied to, empty when no call was in progress
 * @param firstAt       when its first stored message arrived
 * @param lastAt        when its last stored message arrived
 * @param messages      how many messages are stored
 */
public record SessionRecord(String sessionId, Optional<String> interactionId, Instant firstAt, Instant lastAt,
		long messages) {
	public SessionRecord {
		Objects.requireNonNull(sessionId, "sessionId");
		interactionId = interactionId == null ? Optional.empty() : interactionId;
		Objects.requireNonNull(firstAt, "firstAt");
		Objects.requireNonNull(lastAt, "lastAt");
	}
}
