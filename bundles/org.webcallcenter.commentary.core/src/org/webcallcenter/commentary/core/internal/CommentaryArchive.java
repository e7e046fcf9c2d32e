package org.webcallcenter.commentary.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.webcallcenter.commentary.api.internal.Json;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryQuery;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;
import org.webcallcenter.commentary.api.workflow.WorkflowException;
import org.webcallcenter.commentary.api.workflow.WorkflowException.Rule;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.archive.ArchiveQuery;
import org.webcallcenter.recording.api.archive.ArchivedDocument;
import org.webcallcenter.recording.api.archive.DocumentArchive;

/**
 * Published commentary in the recording bundle's {@link DocumentArchive} (the encrypted recordings database): one
 * archived document of kind {@value ArchivedDocument#COMMENTARY} per published revision, its body the revision's
 * JSON (the same form as a line of the commentary log, chart state included), its instruments those of
 * {@link org.webcallcenter.commentary.api.workflow.CommentaryContent#allInstruments()}. The archive service may come
 * and go; {@link #available()} says whether it is there now.
 */
final class CommentaryArchive {
	static final String MEDIA_TYPE = "application/json";

	private final Supplier<DocumentArchive> service;

	/** @param service the archive service now, null while there is none */
	CommentaryArchive(Supplier<DocumentArchive> service) {
		this.service = service;
	}

	boolean available() {
		return service.get() != null;
	}

	/** @return the archived form of a published revision */
	static ArchivedDocument document(Commentary c) {
		if (c.status() != CommentaryStatus.PUBLISHED || c.publisher() == null || c.published() == null) {
			throw new IllegalArgumentException("Only published commentary is archived");
		}
		// the archive's title is a one-line label for lists; the exact title is in the body
		String label = c.content().title().replaceAll("\\p{Cntrl}+", " ");
		return ArchivedDocument.of(ArchivedDocument.COMMENTARY, c.id(), c.revision(), label, c.author(),
				c.approver(), c.publisher(), c.published(), c.content().allInstruments(), MEDIA_TYPE,
				Json.write(CommentaryCodec.toMap(c)));
	}

	/** @return the revision an archived document holds, checked against the document's own fields */
	static Commentary commentary(ArchivedDocument d) {
		Commentary c = CommentaryCodec.fromMap((Map<?, ?>) Json.parse(d.body()));
		if (!c.id().equals(d.id()) || c.revision() != d.revision() || c.status() != CommentaryStatus.PUBLISHED) {
			throw new IllegalStateException("The archived commentary " + d.id() + " revision " + d.revision()
					+ " holds another revision (" + c.id() + " revision " + c.revision() + ", " + c.status() + ")");
		}
		return c;
	}

	/**
	 * Archives a published revision.
	 *
	 * @throws WorkflowException {@link Rule#STORAGE} when the archive is missing or refuses it; nothing was archived
	 */
	void publish(Commentary c) {
		DocumentArchive archive = service.get();
		if (archive == null) {
			throw new WorkflowException(Rule.STORAGE, "'" + c.content().title() + "' was not published: publishing"
					+ " needs the commentary archive in the recordings database, which is not running (is the"
					+ " recording plugin installed and its database open?). The commentary stays approved.");
		}
		try {
			archive.store(document(c));
		} catch (RecordingException | RuntimeException e) {
			throw new WorkflowException(Rule.STORAGE, "'" + c.content().title() + "' was not published: the archive"
					+ " did not store it (" + e.getMessage() + "). The commentary stays approved.", e);
		}
	}

	/**
	 * @return the archived (published) revision of a commentary, empty when none is archived
	 * @throws WorkflowException {@link Rule#STORAGE} when the archive is missing or cannot be read
	 */
	Optional<Commentary> published(String id) {
		DocumentArchive archive = require("read the published commentary");
		try {
			List<ArchivedDocument> revisions = archive.revisions(ArchivedDocument.COMMENTARY, id);
			return revisions.isEmpty() ? Optional.empty() : Optional.of(commentary(revisions.getLast()));
		} catch (RecordingException | RuntimeException e) {
			throw new WorkflowException(Rule.STORAGE, "The commentary archive cannot be read: " + e.getMessage(), e);
		}
	}

	/**
	 * @return the published commentary matching the query (instrument, author, day of publication in {@code zone}),
	 *         newest publication first
	 * @throws WorkflowException {@link Rule#STORAGE} when the archive is missing or cannot be read
	 */
	List<Commentary> search(CommentaryQuery q, ZoneId zone) {
		DocumentArchive archive = require("search the published commentary");
		Instant from = q.from() == null ? null : q.from().atStartOfDay(zone).toInstant();
		LocalDate last = q.to();
		Instant to = last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant();
		if (from != null && to != null && !from.isBefore(to)) {
			return List.of();
		}
		try {
			List<Commentary> out = new ArrayList<>();
			for (ArchivedDocument d : archive.search(ArchiveQuery.any().withKind(ArchivedDocument.COMMENTARY)
					.withInstrument(q.symbol()).withAuthor(q.author()).withPublished(from, to)
					.withLimit(ArchiveQuery.MAX_LIMIT))) {
				out.add(commentary(d));
			}
			return out;
		} catch (RecordingException | RuntimeException e) {
			throw new WorkflowException(Rule.STORAGE, "The commentary archive cannot be searched: " + e.getMessage(), e);
		}
	}

	private DocumentArchive require(String doing) {
		DocumentArchive archive = service.get();
		if (archive == null) {
			throw new WorkflowException(Rule.STORAGE, "Cannot " + doing + ": the commentary archive in the"
					+ " recordings database is not running");
		}
		return archive;
	}
}
