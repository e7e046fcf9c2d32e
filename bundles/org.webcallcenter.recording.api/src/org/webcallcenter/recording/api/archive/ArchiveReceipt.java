package org.webcallcenter.recording.api.archive;

import java.time.Instant;
import java.util.Objects;

/**
 * What the archive recorded when it stored a document.
 *
 * @param kind       the document's kind
 * @param id         its id
 * @param revision   its revision
 * @param sha256     the SHA-256 of its body (64 lower-case hex digits)
 * @param archivedAt when the archive stored it (its own clock)
 */
public record ArchiveReceipt(String kind, String id, int revision, String sha256, Instant archivedAt) {
	public ArchiveReceipt {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(sha256, "sha256");
		Objects.requireNonNull(archivedAt, "archivedAt");
	}
}
