package org.webcallcenter.hub.api.display;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The customer's page as a place to show things, while the agent has joined a co-browsing session. An OSGi service
 * registered by the co-browsing view of the workstation; views use it without knowing the connection.
 * <p>
 * A show is a JSON object of the wire protocol's {@code show} message (see docs/architecture.md):
 * {@code {"t":"show","id":ID,"kind":"chart","title":T,"state":{chart state},"bars":[[time,o,h,l,c,v],...]}} or
 * {@code {"t":"show","id":ID,"kind":"commentary","title":T,"instrument":S,"published":ISO,"author":A,"text":X}}.
 * The hub validates it (and refuses it with a reason) before the customer's page sees it.
 */
@ProviderType
public interface CallerDisplay {

	/** @return the joined co-browsing session's id, empty while no session is joined */
	Optional<String> session();

	/**
	 * Sends a show to the customer's page.
	 *
	 * @param id   the show's id (1..64 of {@code A-Za-z0-9_.:-}), repeated in the answer and in the customer's close
	 * @param json the whole {@code show} message with that id
	 * @return completes with the hub's answer: shown, or refused with the reason (not joined, the customer's page
	 *         not connected, invalid or too large, no answer in time); never completes exceptionally
	 */
	CompletionStage<Result> show(String id, String json);

	/**
	 * @param listener called on any thread when the session is joined or left, and when the customer closes a panel
	 * @return closing it removes the listener
	 */
	AutoCloseable onChange(Runnable listener);

	/** The hub's answer to a show. */
	record Result(String id, boolean shown, String reason) {
		public Result {
			reason = reason == null ? "" : reason;
		}
	}
}
