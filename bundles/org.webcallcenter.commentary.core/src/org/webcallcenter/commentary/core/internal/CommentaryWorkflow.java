package org.webcallcenter.commentary.core.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

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
 */
final class CommentaryWorkflow implements CommentaryService {
	private final CommentaryRepository repository;
	private final Predicate<String> isApprover;
	private final Clock clock;
	private final Consumer<Commentary> changed;
	private final Map<String, List<Commentary>> revisions = new LinkedHashMap<>();

	CommentaryWorkflow(CommentaryRepository repository, Predicate<String> isApprover, Clock clock, Consumer<Commentary> changed) {
		this.repository = repository;
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
		Commentary c = current(id);
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

	/** @return the current revision, which must not be published */
	private Commentary unpublished(String id) {
		Commentary c = current(id);
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
		return store("PUBLISH", next);
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

	@Override
	public synchronized Optional<Commentary> get(String id) {
		List<Commentary> list = revisions.get(id);
		return list == null ? Optional.empty() : Optional.of(list.getLast());
	}

	@Override
	public synchronized List<Commentary> history(String id) {
		return List.copyOf(revisions.getOrDefault(id, List.of()));
	}

	@Override
	public synchronized List<Commentary> search(CommentaryQuery q) {
		ZoneId zone = clock.getZone();
		return revisions.values().stream().map(List::getLast).filter(c -> {
			LocalDate day = c.created().atZone(zone).toLocalDate();
			return (q.symbol() == null || c.content().allInstruments().stream().anyMatch(s -> s.equalsIgnoreCase(q.symbol())))
					&& (q.author() == null || q.author().equals(c.author()))
					&& (q.from() == null || !day.isBefore(q.from())) && (q.to() == null || !day.isAfter(q.to()))
					&& (q.status() == null || q.status() == c.status());
		}).sorted(Comparator.comparing(Commentary::created).reversed()).toList();
	}
}
