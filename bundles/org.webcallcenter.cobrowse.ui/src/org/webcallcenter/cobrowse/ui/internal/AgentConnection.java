package org.webcallcenter.cobrowse.ui.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.webcallcenter.hub.api.CobrowseProtocol;
import org.webcallcenter.hub.api.display.CallerDisplay;

/**
 * The workstation's WebSocket connection to the hub as an agent (java.net.http): joins with the code, relays what
 * the hub sends to a {@link Listener}, and when the connection drops it comes back with its agent token
 * ({@code rejoin}) so the view is rebuilt from the hub's last snapshot. Callbacks come on the client's threads.
 */
final class AgentConnection implements WebSocket.Listener {
	/** What the connection reports. */
	interface Listener {
		/** A message from the hub (the replay page takes the {@code reset} and {@code events} ones). */
		void message(String json);

		/** The connection's state in words, for the agent. */
		void state(String text);

		/** Joined or left a session, or the customer closed a shown panel (any thread). */
		default void changed() {
		}
	}

	/** How long a show waits for the hub's answer. */
	static final Duration SHOW_ANSWER = Duration.ofSeconds(10);

	private static final Pattern TYPE = Pattern.compile("^\\{\"t\":\"([a-z-]+)\"");
	private static final Pattern AGENT_TOKEN = Pattern.compile("\"agentToken\":\"([A-Za-z0-9_-]+)\"");
	private static final Pattern REASON = Pattern.compile("\"reason\":\"((?:[^\"\\\\]|\\\\.)*)\"");
	private static final Pattern SESSION = Pattern.compile("\"session\":\"([A-Za-z0-9_-]+)\"");
	private static final Pattern ID = Pattern.compile("\"id\":\"([A-Za-z0-9_.:-]*)\"");

	private final URI socketUri;
	private final Listener listener;
	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "co-browsing reconnect");
		t.setDaemon(true);
		return t;
	});
	private final StringBuilder partial = new StringBuilder();
	private volatile WebSocket socket;
	private volatile String agentToken;
	private volatile String session;
	private final Map<String, CompletableFuture<CallerDisplay.Result>> shows = new ConcurrentHashMap<>();
	private volatile boolean closing;
	private volatile long lastPong;

	/** @param hub the hub's base address, {@code http://HOST:PORT/} */
	AgentConnection(URI hub, Listener listener) {
		String scheme = "https".equals(hub.getScheme()) ? "wss" : "ws";
		this.socketUri = URI.create(scheme + "://" + hub.getRawAuthority() + CobrowseProtocol.AGENT_PATH);
		this.listener = listener;
		retry.scheduleWithFixedDelay(() -> send("{\"t\":\"ping\"}"), 15, 15, TimeUnit.SECONDS);
	}

	/** Connects and joins with the code the customer read out. */
	void join(String code) {
		connect("{\"t\":\"join\",\"code\":\"" + code + "\"}");
	}

	private void connect(String first) {
		listener.state("Connecting to " + socketUri.getAuthority() + "...");
		client.newWebSocketBuilder().buildAsync(socketUri, this).whenComplete((ws, error) -> {
			if (error != null) {
				listener.state("Cannot reach the hub at " + socketUri.getAuthority() + ": " + rootMessage(error));
				scheduleRejoin();
				return;
			}
			socket = ws;
			enqueue(ws, first);
		});
	}

	/** Sends a guidance message (already JSON) to the customer's page. */
	void send(String json) {
		WebSocket ws = socket;
		if (ws != null && !ws.isOutputClosed()) {
			enqueue(ws, json);
		}
	}

	/** The end of the chain of sends: each waits for the one before (see {@link #enqueue}). */
	private CompletableFuture<?> outgoing = CompletableFuture.completedFuture(null);

	/**
	 * Sends after every earlier send has finished. Java's WebSocket refuses a send while another is pending
	 * (IllegalStateException in the returned stage, never looked at), and the keep-alive ping runs on the retry
	 * thread while guidance and shows come from the UI: without the chain, overlapping messages were lost.
	 */
	private synchronized void enqueue(WebSocket ws, String text) {
		outgoing = outgoing.handle((r, e) -> null).thenCompose(x -> ws.sendText(text, true));
	}

	/** @return the joined session's id; empty before joining, after it ended and after leaving */
	Optional<String> session() {
		return Optional.ofNullable(session);
	}

	/**
	 * Sends a show (see {@link CallerDisplay#show}); completes with the hub's {@code shown} answer, or refused when
	 * not connected or when no answer comes within {@link #SHOW_ANSWER}.
	 */
	CompletionStage<CallerDisplay.Result> show(String id, String json) {
		WebSocket ws = socket;
		if (session == null || ws == null || ws.isOutputClosed()) {
			return CompletableFuture.completedFuture(new CallerDisplay.Result(id, false,
					"not joined to a co-browsing session (or the connection is being restored)"));
		}
		CompletableFuture<CallerDisplay.Result> answer = new CompletableFuture<>();
		CompletableFuture<CallerDisplay.Result> earlier = shows.put(id, answer);
		if (earlier != null) {
			earlier.complete(new CallerDisplay.Result(id, false, "replaced by a newer show with the same id"));
		}
		enqueue(ws, json);
		return answer.completeOnTimeout(new CallerDisplay.Result(id, false,
				"no answer from the hub within " + SHOW_ANSWER.toSeconds() + " s"), SHOW_ANSWER.toMillis(),
				TimeUnit.MILLISECONDS).whenComplete((r, e) -> shows.remove(id, answer));
	}

	/** Leaves the session and closes the connection for good. */
	void close() {
		closing = true;
		session = null;
		listener.changed();
		retry.shutdownNow();
		WebSocket ws = socket;
		if (ws != null && !ws.isOutputClosed()) {
			enqueue(ws, "{\"t\":\"leave\"}");
			synchronized (this) {
				outgoing = outgoing.handle((r, e) -> null)
						.thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "left"));
			}
		}
	}

	long lastPongMillis() {
		return lastPong;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		partial.append(data);
		if (last) {
			String json = partial.toString();
			partial.setLength(0);
			handle(json);
		}
		webSocket.request(1);
		return null;
	}

	private void handle(String json) {
		Matcher t = TYPE.matcher(json);
		String type = t.find() ? t.group(1) : "";
		switch (type) {
		case "joined" -> {
			Matcher m = AGENT_TOKEN.matcher(json);
			agentToken = m.find() ? m.group(1) : null;
			Matcher id = SESSION.matcher(json);
			session = id.find() ? id.group(1) : null;
			listener.state("Joined: waiting for the customer's page");
			listener.changed();
		}
		case "customer" -> listener.state(json.contains("\"connected\"") ? "Customer's page connected"
				: "Customer's page disconnected (it may be loading the next page)");
		case "answer" -> listener.state(json.contains("true") ? "The customer accepted the suggested page"
				: "The customer declined the suggested page");
		case "error" -> listener.state("Hub: " + reason(json));
		case "ended" -> {
			agentToken = null;
			session = null;
			listener.state("Session ended: " + reason(json));
			listener.changed();
		}
		case "shown" -> {
			Matcher id = ID.matcher(json);
			CompletableFuture<CallerDisplay.Result> answer = id.find() ? shows.get(id.group(1)) : null;
			if (answer != null) {
				boolean ok = json.contains("\"ok\":true");
				answer.complete(new CallerDisplay.Result(id.group(1), ok, ok ? "" : reason(json)));
			}
			listener.state(json.contains("\"ok\":true") ? "Shown to the customer"
					: "Not shown to the customer: " + reason(json));
		}
		case "panel" -> {
			listener.state("The customer closed the panel you showed");
			listener.changed();
		}
		case "pong" -> lastPong = System.currentTimeMillis();
		default -> {
			// reset and events go to the replay page
		}
		}
		if (!type.equals("pong")) {
			listener.message(json);
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		socket = null;
		if (!closing) {
			listener.state("Connection closed (" + statusCode + " " + reason + ")"
					+ (agentToken != null ? "; reconnecting..." : ""));
			scheduleRejoin();
		}
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		socket = null;
		if (!closing) {
			listener.state("Connection lost: " + rootMessage(error) + (agentToken != null ? "; reconnecting..." : ""));
			scheduleRejoin();
		}
	}

	private void scheduleRejoin() {
		String token = agentToken;
		if (token == null || closing) {
			return;
		}
		retry.schedule(() -> {
			if (!closing && socket == null) {
				connect("{\"t\":\"rejoin\",\"agentToken\":\"" + token + "\"}");
			}
		}, 1, TimeUnit.SECONDS);
	}

	private static String reason(String json) {
		Matcher m = REASON.matcher(json);
		return m.find() ? m.group(1).replaceAll("\\\\(.)", "$1") : json;
	}

	private static String rootMessage(Throwable t) {
		Throwable c = t;
		while (c.getCause() != null) {
			c = c.getCause();
		}
		return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
	}
}
