package org.webcallcenter.hub.core.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test's WebSocket client (java.net.http): collects text messages and the close code and reason. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
	final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
	/** Every message received, in order (the queue above is consumed by next()). */
	final java.util.List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();
	final CompletableFuture<String> closed = new CompletableFuture<>();
	private final StringBuilder partial = new StringBuilder();
	final WebSocket socket;

	private WsClient(URI uri, String origin) throws Exception {
		WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
		if (origin != null) {
			b.header("Origin", origin);
		}
		socket = b.buildAsync(uri, this).get(10, TimeUnit.SECONDS);
	}

	static WsClient connect(URI base, String path, String origin) throws Exception {
		return new WsClient(URI.create("ws://" + base.getAuthority() + path), origin);
	}

	void send(String text) {
		socket.sendText(text, true).join();
	}

	/** @return the next message, failing after 10 s */
	String next() throws InterruptedException {
		String m = messages.poll(10, TimeUnit.SECONDS);
		if (m == null) {
			throw new AssertionError("no message within 10 s" + (closed.isDone() ? "; closed: " + closed.join() : ""));
		}
		return m;
	}

	/** @return the next message of this type, skipping others */
	String next(String type) throws InterruptedException {
		while (true) {
			String m = next();
			if (m.contains("\"t\":\"" + type + "\"")) {
				return m;
			}
		}
	}

	/** @return "code reason" of the close, failing after 10 s */
	String closeReason() throws Exception {
		return closed.get(10, TimeUnit.SECONDS);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		partial.append(data);
		if (last) {
			messages.add(partial.toString());
			all.add(partial.toString());
			partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		closed.complete(statusCode + " " + reason);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		closed.complete("error " + error);
	}

	@Override
	public void close() {
		if (!socket.isOutputClosed()) {
			socket.sendClose(1000, "done");
		}
		socket.abort();
	}

	/** @return everything received so far as one string */
	String received() {
		return String.join("\n", all);
	}

	/** @return the value of a string member of a flat message (enough for the hub's own messages) */
	static String field(String json, String name) {
		String key = "\"" + name + "\":\"";
		int i = json.indexOf(key);
		if (i < 0) {
			throw new AssertionError("no " + name + " in " + json);
		}
		int start = i + key.length();
		return json.substring(start, json.indexOf('"', start));
	}
}
