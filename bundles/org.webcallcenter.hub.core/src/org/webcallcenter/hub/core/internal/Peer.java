package org.webcallcenter.hub.core.internal;

/** One end of a co-browsing session as the registry sees it: a WebSocket connection, or a test's stand-in. */
interface Peer {
	/** Sends one text message; never blocks (the connection queues it). */
	void send(String json);

	/** Closes the connection with a WebSocket close code and a reason the other side can show. */
	void close(int code, String reason);
}
