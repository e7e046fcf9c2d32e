package org.webcallcenter.commentary.api.workflow;

/** Where a commentary stands: {@code DRAFT -> APPROVED -> PUBLISHED}; an edit of an approved one returns it to draft. */
public enum CommentaryStatus {
	DRAFT, APPROVED, PUBLISHED
}
