package org.webcallcenter.commentary.api.workflow;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Commentary and its workflow. Every change is stored durably before the method returns (who and when included)
 * and posted to EventAdmin under {@link #TOPIC_CHANGED}. The rules are enforced here:
 * <ul>
 * <li>only a user with {@link CommentaryRole#APPROVER} approves, and never their own commentary;</li>
 * <li>only the author edits; editing an approved commentary returns it to draft (the approval covered the old
 * text);</li>
 * <li>only an approved commentary is published, by its author or an approver;</li>
 * <li>a published commentary never changes again.</li>
 * </ul>
 */
@ProviderType
public interface CommentaryService {

	/** EventAdmin topic of every change; property {@code id} holds the commentary's id, {@code status} its status. */
	String TOPIC_CHANGED = "org/webcallcenter/commentary/CHANGED";

	/** @return the roles of a user id (every user is an author; approvers are configured) */
	Set<CommentaryRole> roles(String user);

	/** Creates a draft. */
	Commentary create(String author, CommentaryContent content);

	/** @throws WorkflowException when the user is not the author, or the commentary is published */
	Commentary edit(String id, String user, CommentaryContent content);

	/** @throws WorkflowException when the user is no approver, is the author, or the commentary is not a draft */
	Commentary approve(String id, String approver);

	/** @throws WorkflowException when the commentary is not approved, or the user is neither author nor approver */
	Commentary publish(String id, String user);

	Optional<Commentary> get(String id);

	/** @return every revision of a commentary, oldest first (the audit trail) */
	List<Commentary> history(String id);

	/** @return the latest revision of each matching commentary, newest first */
	List<Commentary> search(CommentaryQuery query);
}
