package org.webcallcenter.agent.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.webcallcenter.agent.api.AgentEvents;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentStateEvent;
import org.webcallcenter.agent.api.AgentStateListener;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.agent.api.AgentStatus;
import org.webcallcenter.agent.api.ReasonCode;
import org.webcallcenter.agent.core.storage.DataFolder;

/**
 * The agent state service: the {@link AgentStateMachine} with its files in the data folder
 * ({@code .metadata/.plugins/org.webcallcenter.agent.core}), posting every change to EventAdmin and to
 * {@link AgentStateListener} services.
 * <p>
 * Configuration (component properties, for example through ConfigAdmin PID {@code org.webcallcenter.agent.state}):
 * {@code wrapUpSeconds} (default 30) and {@code reasonCodes}, a list of {@code CODE=Label}.
 */
@Component(service = AgentStateService.class, configurationPid = "org.webcallcenter.agent.state")
public class AgentStateComponent implements AgentStateService {
	private static final ILog LOG = ILog.of(AgentStateComponent.class);

	static final List<ReasonCode> DEFAULT_REASONS = List.of(new ReasonCode("BREAK", "Break"),
			new ReasonCode("LUNCH", "Lunch"), new ReasonCode("MEETING", "Meeting"),
			new ReasonCode("TRAINING", "Training"), new ReasonCode("COACHING", "Coaching"),
			new ReasonCode("BACK_OFFICE", "Back-office work"), new ReasonCode("OUTBOUND", "Outbound calls"),
			new ReasonCode("TECHNICAL", "Technical problem"));
	static final Duration DEFAULT_WRAP_UP = Duration.ofSeconds(30);

	private final List<AgentStateListener> listeners = new CopyOnWriteArrayList<>();
	private volatile EventAdmin eventAdmin;
	private ScheduledExecutorService executor;
	private AgentStateMachine machine;

	@Activate
	void activate(BundleContext context, Map<String, Object> properties) {
		executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "Agent state");
			t.setDaemon(true);
			return t;
		});
		StateStore store = new StateStore(DataFolder.of(context.getBundle()), ZoneId.systemDefault());
		machine = new AgentStateMachine(Clock.systemDefaultZone(), store, executor, wrapUp(properties),
				reasons(properties), this::publish);
	}

	@Deactivate
	void deactivate() {
		machine.close();
		executor.shutdown();
		try {
			if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
				LOG.warn("Agent state: pending saves did not finish within 5 s");
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	static Duration wrapUp(Map<String, Object> properties) {
		Object value = properties.get("wrapUpSeconds");
		if (value == null) {
			return DEFAULT_WRAP_UP;
		}
		try {
			long seconds = Long.parseLong(value.toString().strip());
			if (seconds > 0 && seconds <= 3600) {
				return Duration.ofSeconds(seconds);
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		LOG.warn("wrapUpSeconds must be 1..3600, not '" + value + "'; using " + DEFAULT_WRAP_UP.toSeconds());
		return DEFAULT_WRAP_UP;
	}

	static List<ReasonCode> reasons(Map<String, Object> properties) {
		Object value = properties.get("reasonCodes");
		if (value == null) {
			return DEFAULT_REASONS;
		}
		String[] entries = value instanceof String[] array ? array : value.toString().split(",");
		List<ReasonCode> result = new ArrayList<>();
		for (String entry : entries) {
			int eq = entry.indexOf('=');
			try {
				result.add(eq < 0 ? new ReasonCode(entry.strip(), entry.strip())
						: new ReasonCode(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip()));
			} catch (IllegalArgumentException e) {
				LOG.warn("Ignoring reason code '" + entry + "': " + e.getMessage());
			}
		}
		return result.isEmpty() ? DEFAULT_REASONS : result;
	}

	private void publish(AgentStateEvent event) {
		for (AgentStateListener l : listeners) {
			try {
				l.stateChanged(event);
			} catch (RuntimeException e) {
				LOG.error("Agent state listener " + l.getClass().getName() + " failed", e);
			}
		}
		EventAdmin admin = eventAdmin;
		if (admin != null) {
			admin.postEvent(new Event(AgentEvents.STATE_CHANGED, Map.of(AgentEvents.PROPERTY_DATA, event,
					AgentEvents.PROPERTY_STATE, event.current().state().name())));
		}
	}

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void setEventAdmin(EventAdmin admin) {
		this.eventAdmin = admin;
	}

	void unsetEventAdmin(EventAdmin admin) {
		if (this.eventAdmin == admin) {
			this.eventAdmin = null;
		}
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addListener(AgentStateListener listener) {
		listeners.add(listener);
	}

	void removeListener(AgentStateListener listener) {
		listeners.remove(listener);
	}

	@Override
	public AgentStatus current() {
		return machine.current();
	}

	@Override
	public AgentStatus login(AgentIdentity agent) {
		return machine.login(agent);
	}

	@Override
	public AgentStatus logout() {
		return machine.logout();
	}

	@Override
	public AgentStatus ready() {
		return machine.ready();
	}

	@Override
	public AgentStatus notReady(ReasonCode reason) {
		return machine.notReady(reason);
	}

	@Override
	public AgentStatus callStarted(String callId) {
		return machine.callStarted(callId);
	}

	@Override
	public AgentStatus callEnded(String callId) {
		return machine.callEnded(callId);
	}

	@Override
	public AgentStatus finishWrapUp() {
		return machine.finishWrapUp();
	}

	@Override
	public AgentStatus extendWrapUp(Duration more) {
		return machine.extendWrapUp(more);
	}

	@Override
	public List<ReasonCode> reasonCodes() {
		return machine.reasonCodes();
	}

	@Override
	public Duration wrapUpDuration() {
		return machine.wrapUpDuration();
	}

	@Override
	public List<AgentStateEvent> today() {
		return machine.today();
	}
}
