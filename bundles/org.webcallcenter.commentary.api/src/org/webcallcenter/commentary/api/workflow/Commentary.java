package org.webcallcenter.commentary.api.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * A commentary as stored: its content, status and who did what when.
 *
 * @param id          stable id
 * @param revision    1 for the first draft, +1 for each change (edit, approval, publication)
 * @param content     what the author wrote
 * @param status      where it stands
 * @param author      the user who created it
 * @param created     when
 * @param editedBy    who changed the content last
 * @param edited      when
 * @param approver    who approved it (null while a draft)
 * @param approved    when (null while a draft)
 * @param publisher   who published it (null until published)
 * @param published   when (null until published)
 */
public record Commentary(String id, int revision, CommentaryContent content, CommentaryStatus status, String author,
		Instant created, String editedBy, Instant edited, String approver, Instant approved, String publisher,
		Instant published) {

	public Commentary {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(content, "content");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(author, "author");
		Objects.requireNonNull(created, "created");
	}
}
