package org.webcallcenter.sip.jain.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.webcallcenter.media.audio.AudioMode;
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
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.AgentEvents;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallObserver;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.Registration;
import org.webcallcenter.sip.api.RegistrationState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.sip.api.SoftphoneEvents;

/**
 * The workstation's softphone: a {@link UserAgent} on the running {@link SipStackComponent}, registered with the
 * agent's stored SIP account (re-read whenever the account changes), posting call and registration changes to
 * EventAdmin ({@link SoftphoneEvents}).
 * <p>
 * Settings (framework properties): {@code org.webcallcenter.sip.autoAnswerHeader} (default
 * {@code X-WCC-Auto-Answer}), {@code org.webcallcenter.sip.rtcpIntervalMillis} (default 5000).
 */
@Component(service = { Softphone.class, SoftphoneComponent.class, EventHandler.class }, immediate = true,
		property = EventConstants.EVENT_TOPIC + "=" + AgentEvents.ACCOUNT_CHANGED)
public class SoftphoneComponent implements Softphone, EventHandler {
	private static final ILog LOG = ILog.of(SoftphoneComponent.class);
	static final String PREFIX = "org.webcallcenter.sip.";

	private final CompletableFuture<UserAgent> ready = new CompletableFuture<>();
	private final AudioRouter router = new AudioRouter(AudioRouter.HEADLESS);
	private volatile Headset headset;
	private ExecutorService accountThread;
	private volatile SipStackComponent stackComponent;
	private volatile EventAdmin events;
	private volatile AccountStore accounts;
	private volatile RegistrationClient registration;
	private volatile Registration current = new Registration(RegistrationState.UNREGISTERED, "Starting",
			Instant.now(), Optional.empty());
	private volatile boolean headless;

	@Reference
	void setStack(SipStackComponent value) {
		stackComponent = value;
	}

	/** Whiteboard: told synchronously when a call is answered, before its media begins (the recorder). */
	private final List<CallObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addCallObserver(CallObserver value) {
		observers.add(value);
	}

	void removeCallObserver(CallObserver value) {
		observers.remove(value);
	}

	/** User agent thread: every observer in turn; one that fails is logged and the others still run. */
	private void answered(Call call) {
		for (CallObserver o : observers) {
			try {
				o.answered(call);
			} catch (RuntimeException e) {
				LOG.warn("A call observer failed on the answer of " + call + ": " + e);
			}
		}
	}

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void setEventAdmin(EventAdmin value) {
		events = value;
	}

	void unsetEventAdmin(EventAdmin value) {
		if (events == value) {
			events = null;
		}
	}

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void setAccountStore(AccountStore value) {
		accounts = value;
		reloadAccount();
	}

	void unsetAccountStore(AccountStore value) {
		if (accounts == value) {
			accounts = null;
		}
	}

	@Activate
	void activate(BundleContext context, Map<String, Object> properties) {
		accountThread = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "SIP account");
			t.setDaemon(true);
			return t;
		});
		headless = HeadlessSoftphone.ID.equals(context.getProperty("eclipse.application"));
		// the workstation uses the agent's sound devices (system property webcallcenter.audio=headless: none)
		audio(headless ? AudioMode.headless() : AudioMode.fromSystemProperty());
		UserAgent.Settings settings = UserAgent.Settings.DEFAULT;
		String header = context.getProperty(PREFIX + "autoAnswerHeader");
		String rtcp = context.getProperty(PREFIX + "rtcpIntervalMillis");
		settings = new UserAgent.Settings(header == null ? settings.autoAnswerHeader() : header.strip(), false,
				settings.maxLines(), settings.codecs(),
				rtcp == null ? settings.rtcpInterval() : Duration.ofMillis(Long.parseLong(rtcp.strip())),
				settings.ringTimeout());
		UserAgent.Settings chosen = settings;
		stackComponent.started().whenComplete((address, error) -> {
			if (error != null) {
				publish(new Registration(RegistrationState.UNREACHABLE, "No SIP stack: " + error.getMessage(),
						Instant.now(), Optional.empty()));
				ready.completeExceptionally(error);
				return;
			}
			SipStack stack = stackComponent.stack();
			RequestHandler handler = stackComponent.handler();
			if (stack == null || handler == null) {
				ready.completeExceptionally(new IllegalStateException("SIP stack stopped"));
				return;
			}
			UserAgent ua = new UserAgent(stack, chosen, router, this::callChanged, c -> headset.offered());
			ua.onAnswered(this::answered);
			handler.calls(ua);
			ready.complete(ua);
			LOG.info("Softphone ready on " + UserAgent.hostText(address.getAddress().getHostAddress()) + ":"
					+ address.getPort());
			if (!headless) {
				reloadAccount();
			}
		});
	}

	@Deactivate
	void deactivate() {
		UserAgent ua = ready.getNow(null);
		ready.cancel(false);
		RequestHandler handler = stackComponent.handler();
		if (handler != null) {
			handler.calls(null);
		}
		if (ua != null) {
			ua.close();
		}
		RegistrationClient r = registration;
		registration = null;
		if (r != null) {
			r.close();
		}
		accountThread.shutdownNow();
		Headset h = headset;
		if (h != null) {
			h.close();
		}
	}

	/** Re-reads the account after the agent changed it (EventAdmin). */
	@Override
	public void handleEvent(Event event) {
		if (!headless) {
			reloadAccount();
		}
	}

	private void reloadAccount() {
		ExecutorService t = accountThread;
		AccountStore store = accounts;
		if (t == null || store == null || !ready.isDone() || ready.isCompletedExceptionally()) {
			return;
		}
		try {
			t.execute(() -> {
				try {
					Optional<SipAccount> account = store.account();
					char[] password = store.password().orElse(new char[0]);
					try {
						apply(account.orElse(null), password);
					} finally {
						Arrays.fill(password, '\0');
					}
				} catch (AccountStore.AccountStoreException | RuntimeException e) {
					LOG.error("Softphone: " + e.getMessage(), e);
					publish(new Registration(RegistrationState.UNREGISTERED, e.getMessage(), Instant.now(),
							Optional.empty()));
				}
			});
		} catch (RejectedExecutionException e) {
			// deactivated
		}
	}

	/**
	 * Uses this account from now on: unregisters the previous one, registers this one (registrar mode) or takes
	 * calls directly. Blocks while unregistering: call it off the UI thread.
	 */
	void apply(SipAccount account, char[] password) {
		UserAgent ua = ready.getNow(null);
		if (ua == null) {
			throw new IllegalStateException("The softphone is not running");
		}
		RegistrationClient old = registration;
		registration = null;
		if (old != null) {
			old.close();
		}
		if (account == null) {
			ua.account(UserAgent.Account.direct(""));
			publish(new Registration(RegistrationState.UNREGISTERED,
					"No SIP account: enter it in the login dialog or under Preferences", Instant.now(),
					Optional.empty()));
			return;
		}
		SipStack stack = stackComponent.stack();
		if (account.mode() == SipAccount.Mode.DIRECT) {
			ua.account(UserAgent.Account.direct(account.user()));
			publish(new Registration(RegistrationState.DIRECT, "Direct calls to "
					+ new SipAddress(account.user(), stack.local().getAddress().getHostAddress(),
							stack.local().getPort(), false, ""),
					Instant.now(), Optional.empty()));
			return;
		}
		SipAddress registrar;
		try {
			registrar = SipAddress.parse(account.registrar());
			if (!registrar.hostIsLiteral()) {
				throw new IllegalArgumentException(
						"The registrar must be given as an IP address, not '" + registrar.host() + "'");
			}
		} catch (IllegalArgumentException e) {
			publish(new Registration(RegistrationState.UNREGISTERED, e.getMessage(), Instant.now(),
					Optional.empty()));
			return;
		}
		ua.account(new UserAgent.Account(account.user(), "", registrar, account.effectiveAuthUser(), password));
		RegistrationClient client = new RegistrationClient(stack, registrar, account.user(),
				account.effectiveAuthUser(), password, RegistrationClient.Settings.DEFAULT);
		client.addListener(this::publish);
		registration = client;
		client.start();
	}

	/**
	 * Where calls' audio goes from now on: devices named by the audio preferences, or headless (silence or a test
	 * tone in, nothing out); the ringer and the call-offered signal play through the same mode.
	 */
	void audio(AudioMode mode) {
		Headset old = headset;
		Headset h = new Headset(mode, SoftphoneComponent::preferredDevices);
		headset = h;
		router.endpoint(h);
		if (old != null) {
			old.close();
		}
	}

	private static Headset.Devices preferredDevices() {
		IEclipsePreferences node = InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE);
		return new Headset.Devices(node.get(WorkstationPreferences.AUDIO_INPUT, ""),
				node.get(WorkstationPreferences.AUDIO_OUTPUT, ""), node.get(WorkstationPreferences.AUDIO_RINGER, ""));
	}



	/** Headless mode and tests: answer every incoming call by itself. */
	void answerAll(boolean value) {
		awaitReady().ifPresent(ua -> ua.settings(ua.settingsNow().withAutoAnswerAll(value)));
	}

	/** @return the user agent once the stack runs (waits up to 30 s) */
	Optional<UserAgent> awaitReady() {
		try {
			return Optional.of(ready.get(30, TimeUnit.SECONDS));
		} catch (Exception e) {
			return Optional.empty();
		}
	}

	private void callChanged(CallEvent event) {
		Headset h = headset;
		UserAgent ua = ready.getNow(null);
		if (h != null && ua != null) {
			List<Call> live = ua.calls();
			if (live.isEmpty()) {
				h.release();
			} else {
				h.open();
			}
			h.ring(live.stream().anyMatch(c -> c.state() == CallState.RINGING && !(c instanceof JainCall j
					&& (j.headerAutoAnswer || ua.settingsNow().autoAnswerAll()))));
		}
		EventAdmin admin = events;
		if (admin != null) {
			admin.postEvent(new Event(SoftphoneEvents.CALL, Map.of(AgentEvents.PROPERTY_DATA, event, "state",
					event.current().name())));
		}
	}

	private void publish(Registration value) {
		current = value;
		EventAdmin admin = events;
		if (admin != null) {
			admin.postEvent(new Event(SoftphoneEvents.REGISTRATION, Map.of(AgentEvents.PROPERTY_DATA, value,
					"state", value.state().name())));
		}
	}

	@Override
	public Registration registration() {
		return current;
	}

	@Override
	public List<Call> calls() {
		UserAgent ua = ready.getNow(null);
		return ua == null ? List.of() : ua.calls();
	}

	@Override
	public Call dial(SipAddress target) {
		UserAgent ua = ready.getNow(null);
		if (ua == null) {
			throw new IllegalStateException("The softphone is still starting (or has no SIP stack): try again");
		}
		RegistrationState state = current.state();
		if (ua.account().registrar() != null && state != RegistrationState.REGISTERED) {
			throw new IllegalStateException("Not registered with the registrar (" + current.detail()
					+ "): calls cannot be placed now");
		}
		return ua.dial(target);
	}

	@Override
	public Call dial(String typed) {
		return dial(SipAddress.parse(typed));
	}

	@Override
	public <T> Optional<T> capability(Class<T> type) {
		Object c = null;
		if (type == Conference.class) {
			c = (Conference) (first, second) -> {
				UserAgent ua = ready.getNow(null);
				if (ua == null || !(first instanceof JainCall a) || !(second instanceof JainCall b)) {
					throw new IllegalArgumentException("Both calls must be calls of this softphone");
				}
				ua.conference(a, b);
			};
		} else if (type == AutoAnswer.class) {
			c = new AutoAnswer() {
				@Override
				public void setEnabled(boolean enabled) {
					ready.thenAccept(ua -> ua.setAutoAnswer(enabled));
				}

				@Override
				public boolean isEnabled() {
					UserAgent ua = ready.getNow(null);
					return ua == null || ua.isAutoAnswer();
				}
			};
		}
		return Optional.ofNullable(type.isInstance(c) ? type.cast(c) : null);
	}
}
