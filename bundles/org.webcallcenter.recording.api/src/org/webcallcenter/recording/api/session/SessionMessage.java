package org.webcallcenter.recording.api.session;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One stored message of a co-browsing session.
 *
 * @param seq        its place in the session's record, from 1, without gaps
 * @param receivedAt when the agent's view received it
 * @param kind       what it holds
 * @param json       the hub's message as received (masked in the customer's browser; never unmasked)
 */
public record SessionMessage(long seq, Instant receivedAt, Kind kind, String json) {

	/** What a message holds. */
	public enum Kind {
		/** {@code {"t":"reset"}}: the view forgot the page; the retained stream from the last snapshot follows. */
		RESET,
		/** rrweb events that include a full snapshot of the page (a page was loaded, or the view rejoined). */
		SNAPSHOT,
		/** incremental rrweb events (mutations, input, scroll, mouse). */
		EVENTS,
		/** any other message the view received. */
		OTHER;

		private static final Pattern FULL_SNAPSHOT = Pattern.compile("\\{\"type\":2,\"data\":\\{\"node\":");
		private static final Pattern TYPE = Pattern.compile("^\\{\"t\":\"([a-z-]+)\"");

		/** @return the kind of a hub message, from its type and (for events) whether an rrweb full snapshot is in it */
		public static Kind of(String json) {
			var t = TYPE.matcher(json);
			String type = t.find() ? t.group(1) : "";
			return switch (type) {
			case "reset" -> RESET;
			case "events" -> FULL_SNAPSHOT.matcher(json).find() ? SNAPSHOT : EVENTS;
			default -> OTHER;
			};
		}
	}

	public SessionMessage {
		Objects.requireNonNull(receivedAt, "receivedAt");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(json, "json");
	}
}
