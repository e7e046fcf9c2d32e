package org.webcallcenter.commentary.core.internal;

import java.util.List;

import org.webcallcenter.commentary.api.workflow.Commentary;

/**
 * Where commentary revisions are kept: an append-only log of every revision (who and when are in the revision), a
 * JSON-lines file ({@link JsonLinesCommentaryRepository}). Drafts and approvals live only here; a publication is
 * archived first in the recording bundle's document archive ({@link CommentaryArchive}, the record that counts) and
 * mirrored here.
 */
interface CommentaryRepository {

	/** Stores one revision durably (on disk when this returns). */
	void append(String action, Commentary revision);

	/** @return every stored revision, in the order appended */
	List<Commentary> load();
}
