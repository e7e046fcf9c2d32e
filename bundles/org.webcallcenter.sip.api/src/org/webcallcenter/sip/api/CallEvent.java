package org.webcallcenter.sip.api;

import java.util.Objects;

/**
 * A call changed state. A new call is announced by an event whose {@code previous} and {@code current} are both its
 * first state ({@link CallState#DIALING} or {@link CallState#RINGING}).
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
