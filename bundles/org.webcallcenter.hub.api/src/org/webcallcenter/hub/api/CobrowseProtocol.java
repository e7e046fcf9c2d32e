package org.webcallcenter.hub.api;

/**
 * Names of the co-browsing wire protocol (JSON text messages over WebSocket; see docs/architecture.md for every
 * message). Each message is an object whose {@code "t"} member names its type.
 */
public final class CobrowseProtocol {
	/** Protocol version, sent by the hub in {@code session} and {@code joined} messages. */
	public static final int VERSION = 1;
	/** WebSocket path of customer pages (the Origin must be allowed). */
	public static final String CUSTOMER_PATH = "/cobrowse/ws/customer";
	/** WebSocket path of agent workstations. */
	public static final String AGENT_PATH = "/cobrowse/ws/agent";
	/** The customer-side script. */
	public static final String CUSTOMER_SCRIPT = "/cobrowse/cobrowse.js";
	/** The agent-side replay page. */
	public static final String REPLAY_PAGE = "/cobrowse/replay.html";
	/** The demo broker site's first page. */
	public static final String DEMO_PAGE = "/demo/index.html";

	/** Close code for a message over the size limit. */
	public static final int CLOSE_TOO_LARGE = 1009;
	/** Close code for a refused message, token, code or origin. */
	public static final int CLOSE_POLICY = 1008;

	private CobrowseProtocol() {
	}
}
