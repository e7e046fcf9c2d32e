package org.webcallcenter.commentary.core.internal;

import java.util.List;

import org.webcallcenter.commentary.api.workflow.Commentary;

/**
 * Where commentary revisions are kept: an append-only log of every revision (who and when are in the revision).
 * Today a JSON-lines file ({@link JsonLinesCommentaryRepository}); it moves to the Derby interaction store when the
 * recording bundle, the only owner of Derby, provides it.
 */
interface CommentaryRepository {

	/** Stores one revision durably (on disk when this returns). */
	void append(String action, Commentary revision);

	/** @return every stored revision, in the order appended */
	List<Commentary> load();
}
