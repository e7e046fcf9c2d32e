package org.webcallcenter.recording.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What to look for in the interaction store; every part is optional and the parts combine with AND. Build it with
 * {@link #any()} and the {@code with...} methods.
 *
 * @param from        interactions started at or after this instant
 * @param to          interactions started before this instant
 * @param party       the local or the remote party equals this text
 * @param agent       the agent's id
 * @param direction   the direction
 * @param minDuration at least this long (start to end; calls still going are left out when set)
 * @param maxDuration at most this long
 * @param disposition the wrap-up disposition code
 * @param limit       at most this many results, newest first (1 to {@link #MAX_LIMIT})
 */
public record SearchCriteria(Optional<Instant> from, Optional<Instant> to, Optional<String> party,
		Optional<String> agent, Optional<Interaction.Direction> direction, Optional<Duration> minDuration,
		Optional<Duration> maxDuration, Optional<String> disposition, int limit) {

	public static final int DEFAULT_LIMIT = 500;
	public static final int MAX_LIMIT = 10_000;

	public SearchCriteria {
		from = from == null ? Optional.empty() : from;
		to = to == null ? Optional.empty() : to;
		party = blankToEmpty(party);
		agent = blankToEmpty(agent);
		direction = direction == null ? Optional.empty() : direction;
		minDuration = minDuration == null ? Optional.empty() : minDuration;
		maxDuration = maxDuration == null ? Optional.empty() : maxDuration;
		disposition = blankToEmpty(disposition);
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("The result limit lies between 1 and " + MAX_LIMIT + ", not " + limit);
		}
		if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
			throw new IllegalArgumentException("The date range is empty: " + from.get() + " is not before " + to.get());
		}
		if (minDuration.isPresent() && minDuration.get().isNegative()
				|| maxDuration.isPresent() && maxDuration.get().isNegative()) {
			throw new IllegalArgumentException("A call cannot last less than nothing");
		}
		if (minDuration.isPresent() && maxDuration.isPresent() && minDuration.get().compareTo(maxDuration.get()) > 0) {
			throw new IllegalArgumentException("The shortest duration is longer than the longest");
		}
	}

	/** @return criteria that match every interaction */
	public static SearchCriteria any() {
		return new SearchCriteria(null, null, null, null, null, null, null, null, DEFAULT_LIMIT);
	}

	public SearchCriteria withDateRange(Instant fromInclusive, Instant toExclusive) {
		return new SearchCriteria(Optional.ofNullable(fromInclusive), Optional.ofNullable(toExclusive), party, agent,
				direction, minDuration, maxDuration, disposition, limit);
	}

	public SearchCriteria withParty(String value) {
		return new SearchCriteria(from, to, Optional.ofNullable(value), agent, direction, minDuration, maxDuration,
				disposition, limit);
	}

	public SearchCriteria withAgent(String value) {
		return new SearchCriteria(from, to, party, Optional.ofNullable(value), direction, minDuration, maxDuration,
				disposition, limit);
	}

	public SearchCriteria withDirection(Interaction.Direction value) {
		return new SearchCriteria(from, to, party, agent, Optional.ofNullable(value), minDuration, maxDuration,
				disposition, limit);
	}

	public SearchCriteria withDuration(Duration min, Duration max) {
		return new SearchCriteria(from, to, party, agent, direction, Optional.ofNullable(min),
				Optional.ofNullable(max), disposition, limit);
	}

	public SearchCriteria withDisposition(String code) {
		return new SearchCriteria(from, to, party, agent, direction, minDuration, maxDuration,
				Optional.ofNullable(code), limit);
	}

	public SearchCriteria withLimit(int value) {
		return new SearchCriteria(from, to, party, agent, direction, minDuration, maxDuration, disposition, value);
	}

	private static Optional<String> blankToEmpty(Optional<String> value) {
		if (value == null || value.isEmpty() || value.get().isBlank()) {
			return Optional.empty();
		}
		return Optional.of(Interaction.optionalText(value.get().strip(), "search text"));
	}
}
