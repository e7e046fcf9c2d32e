package org.webcallcenter.recording.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One call as the firm keeps it: who talked to whom, through which gateway, when, how it ended, how the agent
 * wrapped it up and how it sounded. Immutable; change it with the {@code with...} methods and
 * {@link InteractionStore#update(Interaction)}.
 *
 * @param id           the workstation's id of the call ({@code Call.id()} of the softphone); the key
 * @param sipCallId    the SIP Call-ID, empty when unknown
 * @param direction    who placed the call
 * @param localParty   this workstation's party (the agent's extension or address)
 * @param remoteParty  the other party (the customer's number or address)
 * @param agent        the agent's id, empty when nobody was logged in
 * @param branch       the branch the workstation belongs to, empty for Expert Home
 * @param gateway      the gateway the call went through (host or vendor name), empty for direct calls
 * @param startedAt    when the call was offered or dialled
 * @param answeredAt   when it was answered, if it was
 * @param endedAt      when it ended, while it lasts empty
 * @param endCause     why it ended, once it has
 * @param disposition  the agent's wrap-up, once given
 * @param quality      the voice quality figures at the end of the call, once known
 * @param links        links to co-browsing sessions and commentary shown during the call
 */
public record Interaction(String id, String sipCallId, Direction direction, String localParty, String remoteParty,
		String agent, String branch, String gateway, Instant startedAt, Optional<Instant> answeredAt,
		Optional<Instant> endedAt, Optional<EndCause> endCause, Optional<Disposition> disposition,
		Optional<Quality> quality, List<Link> links) {

	/** Longest text a field takes; longer values are refused, never cut. */
	public static final int MAX_TEXT = 256;

	/** Who placed the call. */
	public enum Direction {
		INCOMING, OUTGOING
	}

	/**
	 * Why the call ended.
	 *
	 * @param by          LOCAL, REMOTE or ERROR
	 * @param sipStatus   the final SIP status when a response ended the call
	 * @param q850Cause   the ISDN cause from a {@code Reason: Q.850} header, if one came
	 * @param description text for people, for example {@code Busy here}
	 */
	public record EndCause(String by, OptionalInt sipStatus, OptionalInt q850Cause, String description) {
		public EndCause {
			by = by == null ? "" : by;
			sipStatus = sipStatus == null ? OptionalInt.empty() : sipStatus;
			q850Cause = q850Cause == null ? OptionalInt.empty() : q850Cause;
			description = description == null ? "" : description;
			if (q850Cause.isPresent() && (q850Cause.getAsInt() < 0 || q850Cause.getAsInt() > 127)) {
				throw new IllegalArgumentException("A Q.850 cause lies between 0 and 127, not " + q850Cause.getAsInt());
			}
		}
	}

	/**
	 * The agent's wrap-up of the call.
	 *
	 * @param code   the disposition code, for example {@code ORDER_PLACED}
	 * @param reason free text, may be empty
	 */
	public record Disposition(String code, String reason) {
		public Disposition {
			code = requireText(code, "disposition code");
			reason = reason == null ? "" : reason;
		}
	}

	/**
	 * Voice quality figures of the call, as the softphone measured them.
	 *
	 * @param codec       payload type name, for example {@code PCMU}
	 * @param mos         estimated MOS, 1.0 to 4.5
	 * @param jitterMs    interarrival jitter of the received stream
	 * @param lossPercent received packets lost, in percent
	 * @param roundTripMs RTT from RTCP, when known
	 */
	public record Quality(String codec, double mos, double jitterMs, double lossPercent, OptionalDouble roundTripMs) {
		public Quality {
			codec = codec == null ? "" : codec;
			roundTripMs = roundTripMs == null ? OptionalDouble.empty() : roundTripMs;
		}
	}

	/**
	 * A link from the interaction to something another plugin keeps.
	 *
	 * @param kind      {@link #COBROWSE} or {@link #COMMENTARY}, or another plugin's kind
	 * @param reference that plugin's id of the thing
	 */
	public record Link(String kind, String reference) {
		/** A co-browsing session shown during the call. */
		public static final String COBROWSE = "cobrowse";
		/** A commentary (chart, note) shown to the customer during the call. */
		public static final String COMMENTARY = "commentary";

		public Link {
			kind = requireText(kind, "link kind");
			reference = requireText(reference, "link reference");
		}
	}

	public Interaction {
		id = requireText(id, "interaction id");
		sipCallId = optionalText(sipCallId, "SIP Call-ID");
		Objects.requireNonNull(direction, "direction");
		localParty = optionalText(localParty, "local party");
		remoteParty = optionalText(remoteParty, "remote party");
		agent = optionalText(agent, "agent");
		branch = optionalText(branch, "branch");
		gateway = optionalText(gateway, "gateway");
		Objects.requireNonNull(startedAt, "startedAt");
		answeredAt = answeredAt == null ? Optional.empty() : answeredAt;
		endedAt = endedAt == null ? Optional.empty() : endedAt;
		endCause = endCause == null ? Optional.empty() : endCause;
		disposition = disposition == null ? Optional.empty() : disposition;
		quality = quality == null ? Optional.empty() : quality;
		links = links == null ? List.of() : List.copyOf(links);
		if (endedAt.isPresent() && endedAt.get().isBefore(startedAt)) {
			throw new IllegalArgumentException("The call cannot end (" + endedAt.get() + ") before it started ("
					+ startedAt + ")");
		}
	}

	/** @return a new interaction that has just started */
	public static Interaction started(String id, Direction direction, String localParty, String remoteParty,
			Instant startedAt) {
		return new Interaction(id, "", direction, localParty, remoteParty, "", "", "", startedAt, Optional.empty(),
				Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
	}

	/** @return the call's length from start to end, or until {@code now} while it lasts */
	public Duration duration(Instant now) {
		return Duration.between(startedAt, endedAt.orElse(now));
	}

	public Interaction withSipCallId(String value) {
		return new Interaction(id, value, direction, localParty, remoteParty, agent, branch, gateway, startedAt,
				answeredAt, endedAt, endCause, disposition, quality, links);
	}

	public Interaction withAgent(String agentId, String branchName) {
		return new Interaction(id, sipCallId, direction, localParty, remoteParty, agentId, branchName, gateway,
				startedAt, answeredAt, endedAt, endCause, disposition, quality, links);
	}

	public Interaction withGateway(String value) {
		return new Interaction(id, sipCallId, direction, localParty, remoteParty, agent, branch, value, startedAt,
				answeredAt, endedAt, endCause, disposition, quality, links);
	}

	public Interaction withAnswered(Instant at) {
		return new Interaction(id, sipCallId, direction, localParty, remoteParty, agent, branch, gateway, startedAt,
				Optional.of(at), endedAt, endCause, disposition, quality, links);
	}

	public Interaction withEnded(Instant at, EndCause cause) {
		return new Interaction(id, sipCallId, direction, localParty, remoteParty, agent, branch, gateway, startedAt,
				answeredAt, Optional.of(at), Optional.ofNullable(cause), disposition, quality, links);
	}

	public Interaction withDisposition(Disposition value) {
		return new Interaction(id, sipCallId, direction, localParty, remoteParty, agent, branch, gateway, startedAt,
				answeredAt, endedAt, endCause, Optional.ofNullable(value), quality, links);
	}

	public Interaction withQuality(Quality value) {
		return new Interaction(id, sipCallId, direction, localParty, remoteParty, agent, branch, gateway, startedAt,
				answeredAt, endedAt, endCause, disposition, Optional.ofNullable(value), links);
	}

	static String requireText(String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The " + what + " is missing");
		}
		return optionalText(value, what);
	}

	static String optionalText(String value, String what) {
		if (value == null) {
			return "";
		}
		if (value.length() > MAX_TEXT) {
			throw new IllegalArgumentException("The " + what + " is longer than " + MAX_TEXT + " characters");
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				throw new IllegalArgumentException("The " + what + " contains a control character");
			}
		}
		return value;
	}
}
