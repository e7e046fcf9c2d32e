package org.webcallcenter.sip.api;

import java.util.Objects;

/**
 * A call changed state.
 *
 * @param call     the call (its state is already {@code current})
 * @param previous the state before
 * @param current  the state now
 */
public record CallEvent(Call call, CallState previous, CallState current) {
	public CallEvent {
		Objects.requireNonNull(call, "call");
		Objects.requireNonNull(previous, "previous");
		Objects.requireNonNull(current, "current");
	}
}
