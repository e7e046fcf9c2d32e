package org.webcallcenter.agent.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.webcallcenter.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.agent.api.AgentEvents;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentState;
import org.webcallcenter.agent.api.AgentStateEvent;
import org.webcallcenter.agent.api.AgentStateListener;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.agent.api.AgentStatus;
import org.webcallcenter.agent.api.ReasonCode;
import org.webcallcenter.agent.api.StateChangeCause;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallDirection;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.sip.api.SoftphoneEvents;

/**
 * The agent state service as the workstation sees it: a live Declarative Services component in the OSGi test
 * runtime, reporting to EventAdmin handlers and to {@link AgentStateListener} services.
 */
class AgentStateComponentTest {
	private static final AgentIdentity AGENT = new AgentIdentity("osgi-1", "Olga Sigrist", "Basel", "201");

	private BundleContext context;
	private ServiceTracker<AgentStateService, AgentStateService> tracker;
	private AgentStateService service;
	private final List<Event> posted = new CopyOnWriteArrayList<>();
	private final List<AgentStateEvent> heard = new CopyOnWriteArrayList<>();
	private ServiceRegistration<EventHandler> handlerRegistration;
	private ServiceRegistration<AgentStateListener> listenerRegistration;

	@BeforeEach
	void findTheService() throws Exception {
		Bundle host = FrameworkUtil.getBundle(AgentStateComponentTest.class);
		assertEquals("org.webcallcenter.agent.core", host.getSymbolicName(), "the tests run inside their host");
		if (host.getState() != Bundle.ACTIVE) {
			host.start(Bundle.START_TRANSIENT);
		}
		context = host.getBundleContext();
		assertNotNull(context, "bundle context of the host");
		tracker = new ServiceTracker<>(context, AgentStateService.class, null);
		tracker.open();
		service = tracker.waitForService(Poll.TIMEOUT.toMillis());
		assertNotNull(service, "no AgentStateService within " + Poll.TIMEOUT
				+ ": is the DS runtime (org.apache.felix.scr) in the test runtime and started?");
		leaveLoggedOut();

		handlerRegistration = context.registerService(EventHandler.class, posted::add,
				FrameworkUtil.asDictionary(Map.of(EventConstants.EVENT_TOPIC, AgentEvents.STATE_CHANGED)));
		// events of earlier tests may still be on their way (postEvent is asynchronous but ordered): wait for a
		// marker posted after them, then start with an empty list
		EventAdmin admin = context.getService(context.getServiceReference(EventAdmin.class));
		admin.postEvent(new Event(AgentEvents.STATE_CHANGED, Map.of("marker", Boolean.TRUE)));
		Poll.until("earlier events to be delivered", () -> posted.stream().anyMatch(e -> e.getProperty("marker") != null));
		posted.clear();
		listenerRegistration = context.registerService(AgentStateListener.class, heard::add, null);
	}

	@AfterEach
	void cleanUp() {
		if (handlerRegistration != null) {
			handlerRegistration.unregister();
		}
		if (listenerRegistration != null) {
			listenerRegistration.unregister();
		}
		if (service != null) {
			leaveLoggedOut();
		}
		if (tracker != null) {
			tracker.close();
		}
	}

	/** Whatever a test did, the service ends logged out. */
	private void leaveLoggedOut() {
		AgentStatus s = service.current();
		if (s.state() == AgentState.ON_CALL) {
			s = service.callEnded(s.callId().get());
		}
		if (s.state() != AgentState.LOGGED_OUT) {
			service.logout();
		}
	}

	@Test
	void theServiceIsTheDeclarativeServicesComponent() {
		ServiceReference<AgentStateService> ref = tracker.getServiceReference();
		assertEquals(AgentStateComponent.class.getName(), ref.getProperty("component.name"));
		assertInstanceOf(AgentStateComponent.class, service);
		assertEquals(AgentStateComponent.DEFAULT_WRAP_UP, service.wrapUpDuration());
		assertEquals(AgentStateComponent.DEFAULT_REASONS, service.reasonCodes());
		assertEquals(Duration.ofSeconds(30), service.wrapUpDuration());
	}

	@Test
	void answeredCallsPutTheAgentOnCallAndTheirEndStartsWrapUp() {
		service.login(AGENT);
		service.ready();
		EventAdmin admin = context.getService(context.getServiceReference(EventAdmin.class));
		Call call = new PostedCall("call-1");
		admin.postEvent(callEvent(call, CallState.RINGING, CallState.RINGING));
		admin.postEvent(callEvent(call, CallState.RINGING, CallState.CONNECTED));
		Poll.until("the agent to be on call", () -> service.current().state() == AgentState.ON_CALL);
		assertEquals("call-1", service.current().callId().orElseThrow());
		admin.postEvent(callEvent(call, CallState.CONNECTED, CallState.ENDED));
		Poll.until("wrap-up", () -> service.current().state() == AgentState.WRAP_UP);
	}

	@Test
	void aCallThatNeverConnectedLeavesTheAgentReady() {
		service.login(AGENT);
		service.ready();
		EventAdmin admin = context.getService(context.getServiceReference(EventAdmin.class));
		Call call = new PostedCall("call-2");
		admin.postEvent(callEvent(call, CallState.RINGING, CallState.RINGING));
		admin.postEvent(callEvent(call, CallState.RINGING, CallState.ENDED));
		AgentStatus marker = service.notReady(service.reasonCodes().get(0));
		assertEquals(AgentState.NOT_READY, marker.state(), "events are handled in order; nothing moved the agent");
		assertTrue(posted.stream().noneMatch(e -> e.getProperty(AgentEvents.PROPERTY_DATA) instanceof AgentStateEvent a
				&& a.current().state() == AgentState.ON_CALL), "never on call");
	}

	private static Event callEvent(Call call, CallState previous, CallState current) {
		return new Event(SoftphoneEvents.CALL, Map.of(AgentEvents.PROPERTY_DATA, new CallEvent(call, previous, current)));
	}

	/** A call as the softphone posts it; only its id matters to the agent state. */
	private record PostedCall(String id) implements Call {
		@Override
		public String sipCallId() {
			return id + "@test";
		}

		@Override
		public CallDirection direction() {
			return CallDirection.INCOMING;
		}

		@Override
		public SipAddress remote() {
			return SipAddress.parse("sip:customer@127.0.0.1");
		}

		@Override
		public java.util.Optional<String> remoteName() {
			return java.util.Optional.empty();
		}

		@Override
		public CallState state() {
			return CallState.CONNECTED;
		}

		@Override
		public java.time.Instant createdAt() {
			return java.time.Instant.EPOCH;
		}

		@Override
		public java.util.Optional<java.time.Instant> answeredAt() {
			return java.util.Optional.empty();
		}

		@Override
		public java.util.Optional<org.webcallcenter.sip.api.CallEnd> end() {
			return java.util.Optional.empty();
		}

		@Override
		public void answer() {
			throw new UnsupportedOperationException();
		}

		@Override
		public void reject(boolean decline) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void hangUp() {
			throw new UnsupportedOperationException();
		}

		@Override
		public <T> java.util.Optional<T> capability(Class<T> type) {
			return java.util.Optional.empty();
		}
	}

	@Test
	void eventAdminHandlersAndListenersHearEveryChange() {
		ReasonCode reason = service.reasonCodes().get(0);
		AgentStatus s1 = service.login(AGENT);
		AgentStatus s2 = service.ready();
		AgentStatus s3 = service.notReady(reason);
		AgentStatus s4 = service.logout();
		assertEquals(AgentState.NOT_READY, s1.state());
		assertEquals(AgentState.READY, s2.state());
		assertEquals(reason, s3.reason().get());
		assertEquals(AgentState.LOGGED_OUT, s4.state());

		List<AgentStatus> expected = List.of(s1, s2, s3, s4);
		// only this test's changes count: an earlier test's last change may still be in delivery
		List<Event> mine = new java.util.ArrayList<>();
		List<AgentStateEvent> mineHeard = new java.util.ArrayList<>();
		Poll.until("4 EventAdmin events (have " + posted.size() + ")", () -> {
			mine.clear();
			posted.stream().filter(e -> e.getProperty(AgentEvents.PROPERTY_DATA) instanceof AgentStateEvent a
					&& expected.contains(a.current())).forEach(mine::add);
			return mine.size() >= 4;
		});
		Poll.until("4 listener events (have " + heard.size() + ")", () -> {
			mineHeard.clear();
			heard.stream().filter(a -> expected.contains(a.current())).forEach(mineHeard::add);
			return mineHeard.size() >= 4;
		});
		assertEquals(4, mine.size(), () -> "EventAdmin events: " + posted);
		assertEquals(4, mineHeard.size(), () -> "listener events: " + heard);
		for (int i = 0; i < 4; i++) {
			Event event = mine.get(i);
			assertEquals(AgentEvents.STATE_CHANGED, event.getTopic());
			AgentStateEvent data = assertInstanceOf(AgentStateEvent.class,
					event.getProperty(AgentEvents.PROPERTY_DATA), "payload under " + AgentEvents.PROPERTY_DATA);
			assertEquals(expected.get(i), data.current(), "EventAdmin event " + i);
			assertEquals(StateChangeCause.AGENT, data.cause());
			assertEquals(expected.get(i).state().name(), event.getProperty(AgentEvents.PROPERTY_STATE));
			assertEquals(data, mineHeard.get(i), "the listener hears the same event " + i);
		}
		assertEquals(AgentState.LOGGED_OUT, mineHeard.get(0).previous().state());
		assertTrue(service.today().containsAll(mineHeard), "today() holds the changes");
	}
}
