package org.webcallcenter.commentary.ui.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.webcallcenter.hub.api.display.CallerDisplay;

/**
 * Test double of the co-browsing view's {@link CallerDisplay}: it keeps what the parts send instead of sending it
 * to a hub (the real path, view to hub to Chromium, is tested in org.webcallcenter.cobrowse.ui.tests), so that this
 * runtime checks the buttons' enablement and the messages they build.
 */
final class RecordingCallerDisplay implements CallerDisplay {
	final List<String> shows = new CopyOnWriteArrayList<>();
	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
	private volatile String session;

	void session(String id) {
		session = id;
		listeners.forEach(Runnable::run);
	}

	@Override
	public Optional<String> session() {
		return Optional.ofNullable(session);
	}

	@Override
	public CompletionStage<Result> show(String id, String json) {
		shows.add(json);
		return CompletableFuture.completedFuture(new Result(id, true, ""));
	}

	@Override
	public AutoCloseable onChange(Runnable listener) {
		listeners.add(listener);
		return () -> listeners.remove(listener);
	}
}
