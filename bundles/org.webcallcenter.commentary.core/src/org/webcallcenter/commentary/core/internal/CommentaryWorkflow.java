package org.webcallcenter.commentary.core.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.core.runtime.ILog;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryContent;
import org.webcallcenter.commentary.api.workflow.CommentaryQuery;
import org.webcallcenter.commentary.api.workflow.CommentaryRole;
import org.webcallcenter.commentary.api.workflow.CommentaryService;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;
import org.webcallcenter.commentary.api.workflow.WorkflowException;
import org.webcallcenter.commentary.api.workflow.WorkflowException.Rule;

/**
 * The workflow rules and the commentary kept in memory, rebuilt from the repository at start. Each change is
 * checked, stored, and only then becomes visible. Thread-safe (one lock: commentary changes are rare).
 * <p>
 * Drafts and approvals live in the {@link CommentaryRepository}; a publication is written to the
 * {@link CommentaryArchive} first (the record that counts: immutable, in the encrypted recordings database) and only
 * then mirrored to the repository. When the archive is missing or refuses, publishing fails and nothing changes.
 * When the archive holds a publication the repository lacks (the workstation stopped between the two writes), the
 * archive wins: the commentary is published, and any further change is refused. Search takes published commentary
 * from the archive.
 */
final class CommentaryWorkflow implements CommentaryService {
	private final CommentaryRepository repository;
	private final CommentaryArchive archive;
	private final Predicate<String> isApprover;
	private final Clock clock;
	private final Consumer<Commentary> changed;
	private final Map<String, List<Commentary>> revisions = new LinkedHashMap<>();
	/** The log's publications are all in the archive (checked once per run, when the archive first runs). */
	private boolean logPublicationsArchived;

	CommentaryWorkflow(CommentaryRepository repository, CommentaryArchive archive, Predicate<String> isApprover, Clock clock,
			Consumer<Commentary> changed) {
		this.repository = repository;
		this.archive = archive;
		this.isApprover = isApprover;
		this.clock = clock;
		this.changed = changed;
		for (Commentary c : repository.load()) {
			revisions.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
		}
	}

	@Override
	public Set<CommentaryRole> roles(String user) {
		Set<CommentaryRole> roles = EnumSet.of(CommentaryRole.AUTHOR);
		if (user != null && isApprover.test(user)) {
			roles.add(CommentaryRole.APPROVER);
		}
		return roles;
	}

	private static String user(String user) {
		if (user == null || user.isBlank()) {
			throw new WorkflowException(Rule.NOT_ALLOWED, "Sign in first: commentary needs a user");
		}
		return user.strip();
	}

	@Override
	public synchronized Commentary create(String author, CommentaryContent content) {
		String who = user(author);
		var now = clock.instant();
		Commentary c = new Commentary(UUID.randomUUID().toString(), 1, content, CommentaryStatus.DRAFT, who, now, who, now,
				null, null, null, null);
		return store("CREATE", c);
	}

	private Commentary current(String id) {
		List<Commentary> list = revisions.get(id);
		if (list == null) {
			throw new WorkflowException(Rule.NOT_FOUND, "No commentary " + id);
		}
		return list.getLast();
	}

	@Override
	public synchronized Commentary edit(String id, String user, CommentaryContent content) {
		String who = user(user);
		Commentary c = reconciled(id);
		if (c.status() == CommentaryStatus.PUBLISHED) {
			throw new WorkflowException(Rule.PUBLISHED_IS_IMMUTABLE, "'" + c.content().title()
					+ "' is published and cannot change; write a new commentary instead");
		}
		if (!who.equals(c.author())) {
			throw new WorkflowException(Rule.NOT_ALLOWED, "Only the author (" + c.author() + ") can edit '" + c.content().title() + "'");
		}
		Commentary next = new Commentary(c.id(), c.revision() + 1, content, CommentaryStatus.DRAFT, c.author(), c.created(),
				who, clock.instant(), null, null, null, null);
		return store("EDIT", next);
	}

	/**
	 * @return the current revision, the archive's when it holds a publication the repository lacks (mirrored into
	 *         the repository then); the repository's alone when the archive is not running
	 */
	private Commentary reconciled(String id) {
		Commentary c = current(id);
		if (c.status() == CommentaryStatus.PUBLISHED || !archive.available()) {
			return c;
		}
		Optional<Commentary> archived;
		try {
			archived = archive.published(id);
		} catch (WorkflowException e) {
			// the archive runs but cannot be read (its database failed to open): drafts still work from the log;
			// a publication fails on its own, with the archive's reason
			ILog.of(getClass()).warn(e.getMessage());
			return c;
		}
		if (archived.isEmpty()) {
			return c;
		}
		Commentary p = archived.get();
		try {
			repository.append("PUBLISH", p);
		} catch (RuntimeException e) {
			ILog.of(getClass()).warn("The published commentary " + id + " is archived but not in the commentary log: "
					+ e.getMessage());
		}
		revisions.computeIfAbsent(id, k -> new ArrayList<>()).add(p);
		changed.accept(p);
		return p;
	}

	/** @return the current revision, which must not be published */
	private Commentary unpublished(String id) {
		Commentary c = reconciled(id);
		if (c.status() == CommentaryStatus.PUBLISHED) {
			throw new WorkflowException(Rule.PUBLISHED_IS_IMMUTABLE, "'" + c.content().title() + "' is already published");
		}
		return c;
	}

	@Override
	public synchronized Commentary approve(String id, String approver) {
		String who = user(approver);
		Commentary c = unpublished(id);
		if (!isApprover.test(who)) {
			throw new WorkflowException(Rule.NOT_APPROVER, who + " does not have the approver role");
		}
		if (who.equals(c.author())) {
			throw new WorkflowException(Rule.SELF_APPROVAL, "Nobody approves their own commentary: another approver must approve '"
					+ c.content().title() + "'");
		}
		if (c.status() != CommentaryStatus.DRAFT) {
			throw new WorkflowException(Rule.NOT_DRAFT, "'" + c.content().title() + "' is already approved");
		}
		Commentary next = new Commentary(c.id(), c.revision() + 1, c.content(), CommentaryStatus.APPROVED, c.author(),
				c.created(), c.editedBy(), c.edited(), who, clock.instant(), null, null);
		return store("APPROVE", next);
	}

	@Override
	public synchronized Commentary publish(String id, String user) {
		String who = user(user);
		Commentary c = unpublished(id);
		if (c.status() != CommentaryStatus.APPROVED) {
			throw new WorkflowException(Rule.NOT_APPROVED, "'" + c.content().title() + "' must be approved before it is published");
		}
		if (!who.equals(c.author()) && !isApprover.test(who)) {
			throw new WorkflowException(Rule.NOT_ALLOWED, "Only the author or an approver publishes '" + c.content().title() + "'");
		}
		Commentary next = new Commentary(c.id(), c.revision() + 1, c.content(), CommentaryStatus.PUBLISHED, c.author(),
				c.created(), c.editedBy(), c.edited(), c.approver(), c.approved(), who, clock.instant());
		archive.publish(next); // throws, and nothing changed, when the archive is missing or refuses
		try {
			repository.append("PUBLISH", next);
		} catch (RuntimeException e) {
			// the archive holds it: it is published; the log's copy is only a mirror
			ILog.of(getClass()).warn("'" + c.content().title() + "' is published and archived, but the commentary log"
					+ " could not record it: " + e.getMessage());
		}
		revisions.computeIfAbsent(next.id(), k -> new ArrayList<>()).add(next);
		changed.accept(next);
		return next;
	}

	private Commentary store(String action, Commentary c) {
		try {
			repository.append(action, c);
		} catch (RuntimeException e) {
			throw new WorkflowException(Rule.STORAGE, "The commentary could not be saved: " + e.getMessage(), e);
		}
		revisions.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
		changed.accept(c);
		return c;
	}

	/**
	 * The current revision; an approved one is checked against the archive (when it runs) in case it was published
	 * by a run that stopped before it could record that in the log.
	 */
	@Override
	public synchronized Optional<Commentary> get(String id) {
		List<Commentary> list = revisions.get(id);
		if (list == null) {
			return Optional.empty();
		}
		return Optional.of(list.getLast().status() == CommentaryStatus.APPROVED ? reconciled(id) : list.getLast());
	}

	@Override
	public synchronized List<Commentary> history(String id) {
		return List.copyOf(revisions.getOrDefault(id, List.of()));
	}

	/**
	 * Drafts and approved commentary from memory (by day of creation), published commentary from the archive (by
	 * day of publication); while the archive is not running or cannot be read, the log's copies of published
	 * commentary stand in.
	 */
	@Override
	public synchronized List<Commentary> search(CommentaryQuery q) {
		ZoneId zone = clock.getZone();
		List<Commentary> archived = null;
		if (archive.available() && (q.status() == null || q.status() == CommentaryStatus.PUBLISHED)) {
			try {
				archiveLogPublications();
				archived = archive.search(q, zone);
			} catch (WorkflowException e) {
				ILog.of(getClass()).warn(e.getMessage() + "; the commentary log's copies of published commentary are listed");
			}
		}
		boolean fromArchive = archived != null;
		List<Commentary> found = new ArrayList<>(revisions.values().stream().map(List::getLast).filter(c -> {
			if (fromArchive && c.status() == CommentaryStatus.PUBLISHED) {
				return false;
			}
			LocalDate day = date(c).atZone(zone).toLocalDate();
			return (q.symbol() == null || c.content().allInstruments().stream().anyMatch(s -> s.equalsIgnoreCase(q.symbol())))
					&& (q.author() == null || q.author().equals(c.author()))
					&& (q.from() == null || !day.isBefore(q.from())) && (q.to() == null || !day.isAfter(q.to()))
					&& (q.status() == null || q.status() == c.status());
		}).toList());
		if (fromArchive) {
			Set<String> published = new HashSet<>();
			for (Commentary c : archived) {
				if (published.add(c.id())) {
					found.removeIf(other -> other.id().equals(c.id())); // published by a run that stopped early
					found.add(c);
				}
			}
		}
		found.sort(Comparator.comparing(CommentaryWorkflow::date).reversed());
		return List.copyOf(found);
	}

	/**
	 * Archives the publications only the log holds (made before publishing went to the archive), once per run; a
	 * failure is tried again at the next search.
	 */
	private void archiveLogPublications() {
		if (logPublicationsArchived) {
			return;
		}
		for (List<Commentary> list : revisions.values()) {
			Commentary c = list.getLast();
			if (c.status() == CommentaryStatus.PUBLISHED && archive.published(c.id()).isEmpty()) {
				try {
					archive.publish(c);
				} catch (WorkflowException e) {
					throw new WorkflowException(Rule.STORAGE, "The commentary log's publication '" + c.content().title()
							+ "' could not be archived" + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()), e);
				}
				ILog.of(getClass()).info("Archived '" + c.content().title() + "' (" + c.id() + "), published on "
						+ c.published() + " before publications were archived");
			}
		}
		logPublicationsArchived = true;
	}

	/** @return the date a commentary is listed and searched by: its publication, else its creation */
	private static java.time.Instant date(Commentary c) {
		return c.status() == CommentaryStatus.PUBLISHED && c.published() != null ? c.published() : c.created();
	}
}
