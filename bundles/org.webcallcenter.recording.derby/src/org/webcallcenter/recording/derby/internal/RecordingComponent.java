package org.webcallcenter.recording.derby.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Period;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleConsumer;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProduct;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.app.api.RecordingPolicy;
import org.webcallcenter.app.api.StatusBarService;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.webcallcenter.app.api.WorkstationProfile;
import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.InteractionStore;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingEvent;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingException.Reason;
import org.webcallcenter.recording.api.RecordingService;
import org.webcallcenter.recording.api.SearchCriteria;
import org.webcallcenter.recording.api.VerifyResult;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallObserver;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.sip.api.SoftphoneEvents;
import org.webcallcenter.agent.core.storage.DataFolder;

/**
 * The recording service of the workstation: the interaction store, the recorder of the softphone's calls and the
 * recordings' reading, verification, export and retention. The database is opened on a background thread (never on
 * the UI thread) once the workstation's window is up, at once in headless applications, in {@code <data>/.metadata/.plugins/org.webcallcenter.recording.derby/recordings}
 * unless the system property {@value #FOLDER_PROPERTY} names another folder; recordings left open by a crash are
 * marked incomplete before new calls are recorded, and the retention job is scheduled.
 */
@Component(service = { RecordingService.class, InteractionStore.class, EventHandler.class, CallObserver.class },
		immediate = true, property = EventConstants.EVENT_TOPIC + "=" + SoftphoneEvents.CALL)
public class RecordingComponent implements RecordingService, InteractionStore, EventHandler, CallObserver {
	/** System property: the folder of the recordings database (tests, managed desktops). */
	public static final String FOLDER_PROPERTY = "webcallcenter.recording.folder";
	private static final ILog LOG = ILog.of(RecordingComponent.class);
	private static final long WAIT_SECONDS = 60;

	private final CompletableFuture<Ready> ready = new CompletableFuture<>();
	private volatile Softphone softphone;
	private volatile StatusBarService statusBar;
	private volatile AgentStateService agentState;
	private volatile StatusBarService.Entry status;
	/** The e4 workbench's application id: the workstation with a window. */
	static final String WORKBENCH_APPLICATION = "org.eclipse.e4.ui.workbench.swt.E4Application";
	/** {@code UIEvents.UILifeCycle.APP_STARTUP_COMPLETE}: the main window is up. */
	static final String WINDOW_UP_TOPIC = "org/eclipse/e4/ui/LifeCycle/appStartupComplete";
	private static final long WINDOW_UP_FALLBACK_MILLIS = 30_000;
	private final java.util.concurrent.atomic.AtomicBoolean opening = new java.util.concurrent.atomic.AtomicBoolean();
	private Thread opener;
	private Thread fallback;
	private ServiceRegistration<EventHandler> windowUp;
	private RetentionJob retentionJob;

	/** What exists once the database is open. */
	record Ready(Database db, RecordingStore store, Recorder recorder) {
	}

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void bindSoftphone(Softphone s) {
		softphone = s;
	}

	void unbindSoftphone(Softphone s) {
		if (softphone == s) {
			softphone = null;
		}
	}

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void bindStatusBar(StatusBarService s) {
		statusBar = s;
	}

	void unbindStatusBar(StatusBarService s) {
		if (statusBar == s) {
			statusBar = null;
			status = null;
		}
	}

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void bindAgentState(AgentStateService s) {
		agentState = s;
	}

	void unbindAgentState(AgentStateService s) {
		if (agentState == s) {
			agentState = null;
		}
	}

	@Activate
	void activate(BundleContext context) {
		Path folder = folder(context);
		opener = new Thread(() -> open(context, folder), "Recordings database");
		opener.setDaemon(true);
		String application = context.getProperty("eclipse.application");
		if (application == null || application.equals(WORKBENCH_APPLICATION)) {
			// the workstation: Derby starts once the window is up, never competing with the workbench's start;
			// a call cannot be taken before that (its events wait for the database)
			Dictionary<String, Object> topic = new Hashtable<>();
			topic.put(EventConstants.EVENT_TOPIC, WINDOW_UP_TOPIC);
			windowUp = context.registerService(EventHandler.class, e -> openOnce(), topic);
			Thread fallback = new Thread(() -> {
				try {
					Thread.sleep(WINDOW_UP_FALLBACK_MILLIS);
					openOnce();
				} catch (InterruptedException e) {
					// deactivated
				}
			}, "Recordings database (fallback)");
			fallback.setDaemon(true);
			fallback.start();
			this.fallback = fallback;
		} else {
			openOnce(); // headless applications (softphone, verify) and tests: at once
		}
	}

	private void openOnce() {
		if (opening.compareAndSet(false, true)) {
			opener.start();
		}
	}

	private void open(BundleContext context, Path folder) {
		try {
			Files.createDirectories(folder.getParent());
			DerbyEngine.start(context, folder.getParent());
			boolean exists = Files.isRegularFile(folder.resolve("service.properties"));
			SecureBootPassword secrets = new SecureBootPassword(folder.getParent().resolve("secure_storage"));
			char[] password = secrets.get(!exists);
			// made when missing: a new database, or one whose recordings predate keyed chains (verify names those)
			byte[] chainKey = secrets.chainKey(true);
			Database db;
			try {
				db = Database.open(folder, password);
			} finally {
				java.util.Arrays.fill(password, '\0');
			}
			try { // the document archive's tables, before any call is recorded; calls are recorded without them
				ArchiveSchema.ensure(db);
			} catch (RecordingException e) {
				LOG.error("The document archive is not available: " + e.getMessage());
			}
			RecordingStore store = new RecordingStore(db, Clock.systemUTC(), retentionPeriod(), chainKey);
			java.util.Arrays.fill(chainKey, (byte) 0);
			store.warmUp();
			List<Long> recovered = store.recoverOpenRecordings();
			if (!recovered.isEmpty()) {
				LOG.warn("Recordings left open when the workstation stopped, now marked incomplete: " + recovered);
			}
			Recorder recorder = new Recorder(store, this::policy, this::problem);
			recorder.identity(this::identity);
			if (!ready.complete(new Ready(db, store, recorder))) {
				recorder.close(); // deactivated while opening
				db.close();
				return;
			}
			show("Recording", StatusBarService.Severity.OK, "Calls are recorded (" + policy().label() + ")");
			LOG.info("Recordings database open: " + folder);
			retentionJob = new RetentionJob(store);
			retentionJob.schedule(RetentionJob.FIRST_RUN_DELAY_MILLIS);
			Softphone s = softphone;
			if (s != null) {
				for (Call c : s.calls()) {
					recorder.onCallEvent(new CallEvent(c, c.state(), c.state()));
				}
			}
		} catch (RecordingException | java.io.IOException | RuntimeException e) {
			ready.completeExceptionally(e);
			problem("Calls are NOT recorded: " + e.getMessage());
		}
	}

	@Deactivate
	void deactivate() {
		if (windowUp != null) {
			windowUp.unregister();
		}
		if (fallback != null) {
			fallback.interrupt();
		}
		RetentionJob job = retentionJob;
		if (job != null) {
			job.cancel();
		}
		ready.cancel(false);
		if (opener != null && opening.get()) {
			try {
				opener.join(TimeUnit.SECONDS.toMillis(10));
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		Ready r;
		try {
			r = ready.getNow(null);
		} catch (java.util.concurrent.CancellationException | java.util.concurrent.CompletionException e) {
			r = null;
		}
		if (r != null) {
			r.recorder().close();
			r.db().close();
		}
		StatusBarService.Entry e = status;
		if (e != null) {
			e.remove();
		}
	}

	static Path folder(BundleContext context) {
		String override = System.getProperty(FOLDER_PROPERTY);
		if (override != null && !override.isBlank()) {
			return Path.of(override);
		}
		return DataFolder.of(context.getBundle()).resolve("recordings");
	}

	/** The policy in force: RECORD_ALL in Expert Home whatever the preference says, else the preference. */
	RecordingPolicy policy() {
		if (profile().recordingPolicyLocked()) {
			return RecordingPolicy.RECORD_ALL;
		}
		return RecordingPolicy.parse(preferences().get(WorkstationPreferences.RECORDING_POLICY,
				RecordingPolicy.RECORD_ALL.name()));
	}

	static WorkstationProfile profile() {
		IProduct product = Platform.getProduct();
		return WorkstationProfile.fromId(product == null ? null : product.getProperty(WorkstationProfile.PRODUCT_PROPERTY));
	}

	static Period retentionPeriod() {
		int years = preferences().getInt(WorkstationPreferences.RECORDING_RETENTION_YEARS,
				WorkstationPreferences.RECORDING_RETENTION_YEARS_DEFAULT);
		if (years < 1 || years > 50) {
			LOG.warn("Recording retention of " + years + " years is out of range (1-50): "
					+ WorkstationPreferences.RECORDING_RETENTION_YEARS_DEFAULT + " years are kept instead");
			years = WorkstationPreferences.RECORDING_RETENTION_YEARS_DEFAULT;
		}
		return Period.ofYears(years);
	}

	private static IEclipsePreferences preferences() {
		return InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE);
	}

	private Interaction identity() {
		AgentStateService s = agentState;
		if (s == null) {
			return null;
		}
		Optional<AgentIdentity> who = s.current().agent();
		return who.map(a -> Interaction.started("identity", Interaction.Direction.INCOMING, a.extension(), "",
				java.time.Instant.EPOCH).withAgent(a.agentId(), a.branch())).orElse(null);
	}

	private void problem(String message) {
		LOG.error(message);
		show("Recording problem", StatusBarService.Severity.ERROR, message);
	}

	private void show(String text, StatusBarService.Severity severity, String tooltip) {
		StatusBarService bar = statusBar;
		if (bar == null) {
			return;
		}
		StatusBarService.Entry e = status;
		if (e == null) {
			e = bar.entry("org.webcallcenter.recording", 300);
			status = e;
		}
		e.update(text, severity, tooltip);
	}

	/** @return the open database, waiting for the opener when needed */
	Ready ready() throws RecordingException {
		try {
			return ready.get(WAIT_SECONDS, TimeUnit.SECONDS);
		} catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RecordingException r) {
				throw r;
			}
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE,
					"The recordings database is not available: " + cause.getMessage(), cause);
		} catch (TimeoutException e) {
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE, "The recordings database is still opening");
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE, "Interrupted while the database opened");
		} catch (java.util.concurrent.CancellationException e) {
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE, "The recording service has stopped");
		}
	}

	// ---- EventHandler ----

	@Override
	public void handleEvent(Event event) {
		Object data = event.getProperty("org.eclipse.e4.data");
		if (data instanceof CallEvent e) {
			Ready r = ready.getNow(null);
			if (r != null) {
				r.recorder().onCallEvent(e);
			} else if (e.current() == CallState.CONNECTED) {
				ready.thenAccept(x -> x.recorder().onCallEvent(e));
			}
		}
	}

	// ---- CallObserver ----

	/**
	 * The softphone's call thread, before the answered call's media begins: the recorder's tap goes on now, then the
	 * start-of-call notice (preference {@code recording.notice}) is queued ahead of the agent's voice. While
	 * the database is still opening (only in the first seconds after start) the CONNECTED event starts the
	 * recording instead, from the answer, the first moments reading as silence.
	 */
	@Override
	public void answered(Call call) {
		Ready r = ready.getNow(null);
		if (r != null) {
			r.recorder().answered(call);
		}
		if (preferences().getBoolean(WorkstationPreferences.RECORDING_NOTICE, false)) {
			// after the tap: the recording holds the notice the customer heard (on the agent's channel)
			try {
				call.capability(Call.Announcement.class).ifPresentOrElse(
						a -> a.playToFarEnd(RecordingNotice.pcm()),
						() -> LOG.warn("Call " + call.id() + " cannot play the start-of-call notice"));
			} catch (RuntimeException e) {
				LOG.warn("The start-of-call notice of call " + call.id() + " failed: " + e.getMessage());
			}
		}
	}

	// ---- InteractionStore ----

	@Override
	public void create(Interaction interaction) throws RecordingException {
		ready().store().create(interaction);
	}

	@Override
	public void update(Interaction interaction) throws RecordingException {
		ready().store().update(interaction);
	}

	@Override
	public void attach(String interactionId, Interaction.Link link) throws RecordingException {
		ready().store().attach(interactionId, link);
	}

	@Override
	public Optional<Interaction> find(String interactionId) throws RecordingException {
		return ready().store().find(interactionId);
	}

	@Override
	public List<Interaction> search(SearchCriteria criteria) throws RecordingException {
		return ready().store().search(criteria);
	}

	// ---- RecordingService ----

	@Override
	public List<Recording> recordings(String interactionId) throws RecordingException {
		return ready().store().recordings(interactionId);
	}

	@Override
	public Optional<Recording> find(long recordingId) throws RecordingException {
		return ready().store().recording(recordingId);
	}

	@Override
	public List<RecordingEvent> events(long recordingId) throws RecordingException {
		return ready().store().events(recordingId);
	}

	@Override
	public Recording start(String callId) throws RecordingException {
		Softphone s = softphone;
		Call call = s == null ? null
				: s.calls().stream().filter(c -> c.id().equals(callId)).findFirst().orElse(null);
		if (call == null) {
			throw new RecordingException(Reason.NOT_FOUND, "There is no live call " + callId);
		}
		return ready().recorder().start(call);
	}

	@Override
	public boolean onDemand() {
		return policy() == RecordingPolicy.ON_DEMAND;
	}

	@Override
	public void stop(String callId) throws RecordingException {
		if (policy() == RecordingPolicy.RECORD_ALL) {
			throw new RecordingException(Reason.INVALID,
					"Every call is recorded (" + policy().label() + "): a recording cannot be stopped");
		}
		ready().recorder().stop(callId, "Stopped by the agent");
	}

	@Override
	public void pause(String callId, String reason) throws RecordingException {
		ready().recorder().pause(callId, reason);
		show("Recording paused", StatusBarService.Severity.WARNING, "The recording of the call is paused: "
				+ (reason == null || reason.isBlank() ? "(no reason given)" : reason.strip()));
	}

	@Override
	public void resume(String callId) throws RecordingException {
		ready().recorder().resume(callId);
		show("Recording", StatusBarService.Severity.OK, "Calls are recorded (" + policy().label() + ")");
	}

	@Override
	public short[] read(long recordingId, Channel channel, long fromSample, int count) throws RecordingException {
		return ready().store().read(recordingId, channel, fromSample, count);
	}

	@Override
	public VerifyResult verify(long recordingId) throws RecordingException {
		return ready().store().verify(recordingId);
	}

	@Override
	public List<VerifyResult> verifyAll(DoubleConsumer progress) throws RecordingException {
		return ready().store().verifyAll(progress);
	}

	@Override
	public Path export(long recordingId, Path wavFile, DoubleConsumer progress) throws RecordingException {
		return WavExport.export(ready().store(), recordingId, wavFile, progress);
	}

	@Override
	public void setLegalHold(long recordingId, boolean hold, String reason) throws RecordingException {
		ready().store().setLegalHold(recordingId, hold, reason);
		LOG.info("Recording " + recordingId + (hold ? ": legal hold set (" : ": legal hold lifted (") + reason + ")");
	}

	@Override
	public void delete(long recordingId, String reason) throws RecordingException {
		Recording r = ready().store().delete(recordingId, reason);
		LOG.info("Recording " + recordingId + " of interaction " + r.interactionId() + " deleted: " + reason);
	}

	@Override
	public Period retention() {
		Ready r = ready.getNow(null);
		return r != null ? r.store().retention() : retentionPeriod();
	}
}
