package org.webcallcenter.sip.ui.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallDirection;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;

/**
 * A call as data, for the unit tests of the presentation rules and the history list only: it places no call and
 * is never registered as a service. The UI tests use the real softphone.
 */
final class StubCall implements Call {
	private final String id;
	CallState state;
	CallDirection direction = CallDirection.OUTGOING;
	SipAddress remote = SipAddress.parse("sip:2001@127.0.0.1:5070");
	Optional<String> remoteName = Optional.empty();
	Instant createdAt = Instant.parse("2026-11-26T09:00:00Z");
	Optional<Instant> answeredAt = Optional.empty();
	Optional<CallEnd> end = Optional.empty();
	private final Map<Class<?>, Object> capabilities = new HashMap<>();

	StubCall(String id, CallState state) {
		this.id = id;
		this.state = state;
	}

	<T> StubCall with(Class<T> type, T capability) {
		capabilities.put(type, capability);
		return this;
	}

	@Override
	public String id() {
		return id;
	}

	@Override
	public String sipCallId() {
		return id + "@stub";
	}

	@Override
	public CallDirection direction() {
		return direction;
	}

	@Override
	public SipAddress remote() {
		return remote;
	}

	@Override
	public Optional<String> remoteName() {
		return remoteName;
	}

	@Override
	public CallState state() {
		return state;
	}

	@Override
	public Instant createdAt() {
		return createdAt;
	}

	@Override
	public Optional<Instant> answeredAt() {
		return answeredAt;
	}

	@Override
	public Optional<CallEnd> end() {
		return end;
	}

	@Override
	public void answer() {
		throw new UnsupportedOperationException("a stub call");
	}

	@Override
	public void reject(boolean decline) {
		throw new UnsupportedOperationException("a stub call");
	}

	@Override
	public void hangUp() {
		throw new UnsupportedOperationException("a stub call");
	}

	@Override
	public <T> Optional<T> capability(Class<T> type) {
		return Optional.ofNullable(type.cast(capabilities.get(type)));
	}
}
