package org.webcallcenter.cobrowse.ui.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.webcallcenter.hub.api.display.CallerDisplay;

/**
 * The co-browsing view's session as a {@link CallerDisplay}: registered by the view while it is open, it sends
 * shows through the view's current {@link AgentConnection}.
 */
final class CallerDisplayService implements CallerDisplay {
	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
	private volatile AgentConnection connection;

	void connection(AgentConnection c) {
		connection = c;
		changed();
	}

	void changed() {
		for (Runnable l : listeners) {
			try {
				l.run();
			} catch (RuntimeException e) {
				// one listener's failure must not keep the others from hearing it
			}
		}
	}

	@Override
	public Optional<String> session() {
		AgentConnection c = connection;
		return c == null ? Optional.empty() : c.session();
	}

	@Override
	public CompletionStage<Result> show(String id, String json) {
		AgentConnection c = connection;
		if (c == null) {
			return CompletableFuture.completedFuture(new Result(id, false, "not joined to a co-browsing session"));
		}
		return c.show(id, json);
	}

	@Override
	public AutoCloseable onChange(Runnable listener) {
		listeners.add(listener);
		return () -> listeners.remove(listener);
	}
}
