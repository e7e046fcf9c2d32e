package org.webcallcenter.hub.api;

import java.time.Instant;

/**
 * What the hub tells about a co-browsing session (never its tokens).
 *
 * @param id the session id (not a secret; used in records and by the router)
 * @param created when the customer page created it
 * @param customerConnected whether the customer page is connected now
 * @param agentConnected whether an agent is connected now
 * @param customerMessages event messages relayed so far
 */
public record CobrowseSessionInfo(String id, Instant created, boolean customerConnected, boolean agentConnected,
		long customerMessages) {
}
