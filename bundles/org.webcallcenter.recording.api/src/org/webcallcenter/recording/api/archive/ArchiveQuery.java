package org.webcallcenter.recording.api.archive;

import java.time.Instant;
import java.util.Optional;

/**
 * What to look for in the archive; every part is optional and the parts combine with AND. Build it with
 * {@link #any()} and the {@code with...} methods.
 *
 * @param kind       documents of this kind
 * @param instrument documents about this instrument (compared without regard to case)
 * @param author     documents by this author (exact)
 * @param from       published at or after this instant
 * @param to         published before this instant
 * @param limit      at most this many results, newest publication first (1 to {@link #MAX_LIMIT})
 */
public record ArchiveQuery(Optional<String> kind, Optional<String> instrument, Optional<String> author,
		Optional<Instant> from, Optional<Instant> to, int limit) {

	public static final int DEFAULT_LIMIT = 500;
	public static final int MAX_LIMIT = 10_000;

	public ArchiveQuery {
		kind = blankToEmpty(kind);
		instrument = blankToEmpty(instrument);
		author = blankToEmpty(author);
		from = from == null ? Optional.empty() : from;
		to = to == null ? Optional.empty() : to;
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("The result limit lies between 1 and " + MAX_LIMIT + ", not " + limit);
		}
		if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
			throw new IllegalArgumentException("The date range is empty: " + from.get() + " is not before " + to.get());
		}
	}

	/** @return a query that matches every document */
	public static ArchiveQuery any() {
		return new ArchiveQuery(null, null, null, null, null, DEFAULT_LIMIT);
	}

	public ArchiveQuery withKind(String value) {
		return new ArchiveQuery(Optional.ofNullable(value), instrument, author, from, to, limit);
	}

	public ArchiveQuery withInstrument(String value) {
		return new ArchiveQuery(kind, Optional.ofNullable(value), author, from, to, limit);
	}

	public ArchiveQuery withAuthor(String value) {
		return new ArchiveQuery(kind, instrument, Optional.ofNullable(value), from, to, limit);
	}

	/**
	 * @param fromInclusive published at or after this instant, null for no lower bound
	 * @param toExclusive   published before this instant, null for no upper bound
	 */
	public ArchiveQuery withPublished(Instant fromInclusive, Instant toExclusive) {
		return new ArchiveQuery(kind, instrument, author, Optional.ofNullable(fromInclusive),
				Optional.ofNullable(toExclusive), limit);
	}

	public ArchiveQuery withLimit(int value) {
		return new ArchiveQuery(kind, instrument, author, from, to, value);
	}

	private static Optional<String> blankToEmpty(Optional<String> value) {
		if (value == null || value.isEmpty() || value.get().isBlank()) {
			return Optional.empty();
		}
		String v = value.get().strip();
		if (v.length() > ArchivedDocument.MAX_NAME) {
			throw new IllegalArgumentException("The search text is longer than " + ArchivedDocument.MAX_NAME
					+ " characters");
		}
		return Optional.of(v);
	}
}
