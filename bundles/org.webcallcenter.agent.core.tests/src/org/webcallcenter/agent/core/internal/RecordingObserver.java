package org.webcallcenter.agent.core.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.webcallcenter.testing.Poll;
import org.webcallcenter.agent.api.AgentStateEvent;

/** Keeps every event the state machine reports, in the order they arrive. */
final class RecordingObserver implements Consumer<AgentStateEvent> {
	private final List<AgentStateEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void accept(AgentStateEvent event) {
		events.add(event);
	}

	List<AgentStateEvent> events() {
		return List.copyOf(events);
	}

	/** Waits until exactly {@code count} events have arrived and returns them. */
	List<AgentStateEvent> await(int count) {
		Poll.until(count + " state events (have " + events.size() + ")", () -> events.size() >= count);
		List<AgentStateEvent> copy = events();
		if (copy.size() != count) {
			throw new AssertionError("Expected " + count + " state events but got " + copy.size() + ": " + copy);
		}
		return copy;
	}

	AgentStateEvent last() {
		return events.get(events.size() - 1);
	}
}
