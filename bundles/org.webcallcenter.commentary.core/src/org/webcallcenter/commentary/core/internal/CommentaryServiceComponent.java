package org.webcallcenter.commentary.core.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.webcallcenter.commentary.api.internal.CommentaryPreferences;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryContent;
import org.webcallcenter.commentary.api.workflow.CommentaryQuery;
import org.webcallcenter.commentary.api.workflow.CommentaryRole;
import org.webcallcenter.commentary.api.workflow.CommentaryService;
import org.webcallcenter.agent.core.storage.DataFolder;
import org.webcallcenter.recording.api.archive.DocumentArchive;

/**
 * The commentary service: {@link CommentaryWorkflow} over the JSON-lines log of drafts and approvals in the bundle's
 * data folder ({@code <data>/.metadata/.plugins/org.webcallcenter.commentary.core/commentary.jsonl}) and the
 * recording bundle's {@link DocumentArchive}, where published commentary is archived (without it, publishing fails
 * with a message saying so). Approvers are the user ids in preference {@code commentary.approvers} (read at each
 * check, so an admin's change applies at once).
 */
@Component(service = CommentaryService.class)
public final class CommentaryServiceComponent implements CommentaryService {
	private volatile EventAdmin events;
	private volatile DocumentArchive archive;
	private CommentaryWorkflow workflow;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void setEvents(EventAdmin e) {
		events = e;
	}

	void unsetEvents(EventAdmin e) {
		if (events == e) {
			events = null;
		}
	}

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void setArchive(DocumentArchive a) {
		archive = a;
	}

	void unsetArchive(DocumentArchive a) {
		if (archive == a) {
			archive = null;
		}
	}

	@Activate
	void activate(BundleContext context) {
		JsonLinesCommentaryRepository repository = new JsonLinesCommentaryRepository(
				DataFolder.of(context.getBundle()).resolve("commentary.jsonl"));
		workflow = new CommentaryWorkflow(repository, new CommentaryArchive(() -> archive), CommentaryServiceComponent::approver, Clock.systemDefaultZone(), this::post);
	}

	static boolean approver(String user) {
		String list = Platform.getPreferencesService().getString(CommentaryPreferences.NODE, CommentaryPreferences.APPROVERS, "", null);
		return Arrays.stream(list.split("[,;\\s]+")).map(String::strip).anyMatch(user::equals);
	}

	private void post(Commentary c) {
		EventAdmin e = events;
		if (e != null) {
			e.postEvent(new Event(TOPIC_CHANGED, Map.of("id", c.id(), "status", c.status().name())));
		}
	}

	@Override
	public Set<CommentaryRole> roles(String user) {
		return workflow.roles(user);
	}

	@Override
	public Commentary create(String author, CommentaryContent content) {
		return workflow.create(author, content);
	}

	@Override
	public Commentary edit(String id, String user, CommentaryContent content) {
		return workflow.edit(id, user, content);
	}

	@Override
	public Commentary approve(String id, String approver) {
		return workflow.approve(id, approver);
	}

	@Override
	public Commentary publish(String id, String user) {
		return workflow.publish(id, user);
	}

	@Override
	public Optional<Commentary> get(String id) {
		return workflow.get(id);
	}

	@Override
	public List<Commentary> history(String id) {
		return workflow.history(id);
	}

	@Override
	public List<Commentary> search(CommentaryQuery query) {
		return workflow.search(query);
	}
}
