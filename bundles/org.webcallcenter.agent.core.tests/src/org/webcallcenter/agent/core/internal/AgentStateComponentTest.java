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

		Poll.until("4 EventAdmin events (have " + posted.size() + ")", () -> posted.size() >= 4);
		Poll.until("4 listener events (have " + heard.size() + ")", () -> heard.size() >= 4);

		List<AgentStatus> expected = List.of(s1, s2, s3, s4);
		assertEquals(4, posted.size(), () -> "EventAdmin events: " + posted);
		assertEquals(4, heard.size(), () -> "listener events: " + heard);
		for (int i = 0; i < 4; i++) {
			Event event = posted.get(i);
			assertEquals(AgentEvents.STATE_CHANGED, event.getTopic());
			AgentStateEvent data = assertInstanceOf(AgentStateEvent.class,
					event.getProperty(AgentEvents.PROPERTY_DATA), "payload under " + AgentEvents.PROPERTY_DATA);
			assertEquals(expected.get(i), data.current(), "EventAdmin event " + i);
			assertEquals(StateChangeCause.AGENT, data.cause());
			assertEquals(expected.get(i).state().name(), event.getProperty(AgentEvents.PROPERTY_STATE));
			assertEquals(data, heard.get(i), "the listener hears the same event " + i);
		}
		assertEquals(AgentState.LOGGED_OUT, heard.get(0).previous().state());
		assertTrue(service.today().containsAll(heard), "today() holds the changes");
	}
}
