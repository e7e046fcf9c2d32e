package org.webcallcenter.commentary.api.workflow;

import java.time.LocalDate;

/**
 * A search; null fields match everything.
 *
 * @param symbol  an instrument the commentary is about
 * @param author  the author's user id
 * @param from    first day (inclusive), in the workstation's time zone, of publication for published commentary
 *                and of creation for the rest
 * @param to      last day (inclusive)
 * @param status  the status
 */
public record CommentaryQuery(String symbol, String author, LocalDate from, LocalDate to, CommentaryStatus status) {
	public static CommentaryQuery all() {
		return new CommentaryQuery(null, null, null, null, null);
	}
}
