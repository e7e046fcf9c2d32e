package org.webcallcenter.hub.api;

import java.io.IOException;
import java.util.List;

/**
 * The stored event stream of every co-browsing session, so that a call can later be replayed with its pages.
 * Until the recording issue moves it into the interaction store, the hub keeps one file per session in its data
 * directory.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SessionRecordStore {
	/** @return the ids of the sessions with a record, in no particular order */
	List<String> sessionIds() throws IOException;

	/**
	 * @return the messages of one session in the order the hub accepted them (empty when there is no record)
	 * @throws IllegalArgumentException when the id is not a session id
	 */
	List<RecordedMessage> read(String sessionId) throws IOException;

	/**
	 * One message of a session as the hub accepted it.
	 *
	 * @param at when the hub accepted it (milliseconds since the epoch)
	 * @param from {@code customer} or {@code agent}
	 * @param json the message as received (already masked by the customer's page)
	 */
	record RecordedMessage(long at, String from, String json) {
	}
}
