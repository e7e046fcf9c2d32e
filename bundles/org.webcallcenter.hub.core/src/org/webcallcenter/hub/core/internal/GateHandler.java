package org.webcallcenter.hub.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.webcallcenter.hub.api.CobrowseProtocol;

/**
 * The first handler of every request: writes the request line and headers to the wire log, and refuses
 * WebSocket connections from origins that are not allowed (403) before any upgrade. Customer connections must
 * come from an allowed origin; agent connections either from an allowed origin or from a program that sends no
 * Origin (the workstation).
 */
final class GateHandler extends Handler.Wrapper {
	private final WireLog wire;
	private volatile Set<String> origins = Set.of();

	GateHandler(WireLog wire) {
		this.wire = wire;
	}

	void allow(Set<String> allowed) {
		origins = Set.copyOf(allowed);
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		StringBuilder b = new StringBuilder();
		b.append(request.getMethod()).append(' ').append(request.getHttpURI().getPathQuery()).append('\n');
		for (HttpField f : request.getHeaders()) {
			b.append(f.getName()).append(": ").append(f.getValue()).append('\n');
		}
		wire.received(b.toString().getBytes(StandardCharsets.UTF_8));
		String path = Request.getPathInContext(request);
		String origin = request.getHeaders().get("Origin");
		if (path.equals(CobrowseProtocol.CUSTOMER_PATH) && (origin == null || !origins.contains(origin))) {
			Response.writeError(request, response, callback, 403, "origin not allowed: " + origin);
			return true;
		}
		if (path.equals(CobrowseProtocol.AGENT_PATH) && origin != null && !origins.contains(origin)) {
			Response.writeError(request, response, callback, 403, "origin not allowed: " + origin);
			return true;
		}
		return super.handle(request, response, callback);
	}
}
