package org.webcallcenter.hub.api;

import java.io.IOException;
import java.util.List;

/**
 * The hub's own store of every co-browsing session's stream: one file per session in its data directory, kept for
 * the hub's retention period ({@code recordRetentionDays}). The record of a call is the copy each workstation keeps
 * with the call's interaction ({@code org.webcallcenter.recording.api.session}).
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
