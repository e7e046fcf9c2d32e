package org.webcallcenter.hub.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The co-browsing relay of the service center hub (an OSGi service). Customer pages create sessions over
 * WebSocket; an agent joins one with its six-digit code, or is admitted by the router with
 * {@link #admitAgent(String)} when a web call is routed to them.
 */
@org.osgi.annotation.versioning.ProviderType
public interface CobrowseHub {
	/** @return the base address the hub listens on ({@code http://127.0.0.1:PORT/}), once it is started */
	Optional<URI> address();

	/** @return the sessions that have not ended, oldest first */
	List<CobrowseSessionInfo> sessions();

	/**
	 * Admits an agent to a session without the join code, for the router: when a web call is routed to an agent,
	 * the router calls this and hands the returned agent token to that agent's workstation, which sends it in a
	 * {@code rejoin} message on {@link CobrowseProtocol#AGENT_PATH}. Any agent token issued before for this
	 * session stops working (one agent per session).
	 *
	 * @return a fresh agent token
	 * @throws IllegalArgumentException when there is no such session or it has ended
	 */
	String admitAgent(String sessionId);

	/** @return where the event streams of sessions are kept */
	SessionRecordStore records();
}
