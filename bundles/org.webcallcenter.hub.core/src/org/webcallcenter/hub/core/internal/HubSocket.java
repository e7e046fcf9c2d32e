package org.webcallcenter.hub.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.webcallcenter.hub.api.CobrowseProtocol;

/** One WebSocket connection of a customer page or an agent: Jetty's side of a {@link Peer} (public: Jetty calls it through method handles). */
public final class HubSocket implements Session.Listener.AutoDemanding, Peer {
	/** A WebSocket close reason holds at most 123 bytes of UTF-8. */
	static final int MAX_REASON_BYTES = 123;

	private final Protocol protocol;
	private final WireLog wire;
	private volatile Session session;

	HubSocket(Protocol.Role role, SessionRegistry registry, WireLog wire) {
		this.protocol = new Protocol(role, registry, this);
		this.wire = wire;
	}

	@Override
	public void onWebSocketOpen(Session s) {
		session = s;
	}

	@Override
	public void onWebSocketText(String message) {
		wire.received(message.getBytes(StandardCharsets.UTF_8));
		protocol.text(message);
	}

	@Override
	public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
		byte[] b = new byte[payload.remaining()];
		payload.get(b);
		wire.received(b);
		callback.succeed();
		close(CobrowseProtocol.CLOSE_POLICY, "malformed message: binary messages are not accepted");
	}

	@Override
	public void onWebSocketClose(int statusCode, String reason) {
		protocol.closed();
	}

	@Override
	public void onWebSocketError(Throwable cause) {
		// Jetty closes the connection itself (1009 for a message over the size limit, 1001 on idle timeout) and
		// then calls onWebSocketClose
	}

	@Override
	public void send(String json) {
		Session s = session;
		if (s != null && s.isOpen()) {
			s.sendText(json, Callback.NOOP);
		}
	}

	@Override
	public void close(int code, String reason) {
		Session s = session;
		if (s != null && s.isOpen()) {
			s.close(code, truncate(reason), Callback.NOOP);
		}
	}

	static String truncate(String reason) {
		byte[] b = reason.getBytes(StandardCharsets.UTF_8);
		if (b.length <= MAX_REASON_BYTES) {
			return reason;
		}
		String s = reason;
		while (s.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES - 3) {
			s = s.substring(0, s.length() - 1);
		}
		return s + "...";
	}
}
