package org.webcallcenter.recording.derby.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.webcallcenter.app.api.RecordingPolicy;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingException.Reason;
import org.webcallcenter.recording.api.RecordingState;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallDirection;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.VoiceQuality;

/**
 * Turns the softphone's calls into interactions and recordings. Under "record all" the tap goes on synchronously
 * when the softphone reports the answer ({@link #answered(Call)}, before the media begins), so nothing of the call
 * is missed; call events arrive later from the softphone (EventAdmin, through the component): a new call gets its
 * interaction, a connected call its recording if it has none yet ({@link #start(Call)} on demand, or "record all"
 * when the answer was not seen) through {@link Call.MediaTap}, an ended call its end cause and voice quality. One
 * writer thread flushes every live recording each {@link #FLUSH_MILLIS} ms. Storage errors never reach the call:
 * they go to {@code problems} (the status bar and the log) and the call goes on.
 */
public final class Recorder implements AutoCloseable {
	/** How often buffered audio is committed; a crash loses at most this much plus one commit. */
	public static final long FLUSH_MILLIS = 500;
	/** A call recorded from its answer starts its timeline at most this long before the tap. */
	private static final long MAX_BACKDATE_NANOS = 2_000_000_000L;

	private final RecordingStore store;
	private final Supplier<RecordingPolicy> policy;
	private final Consumer<String> problems;
	private final Map<String, Live> live = new ConcurrentHashMap<>();
	private final Map<String, Interaction> interactions = new ConcurrentHashMap<>();
	private final ScheduledExecutorService writer;
	private volatile Supplier<Interaction> identity = () -> null;

	private static final class Live {
		final Call call;
		final LiveRecording recording;
		final AutoCloseable tap;
		/** Completes once the recording's row exists ({@link LiveRecording#attach}); fails if it could not be made. */
		final CompletableFuture<Void> stored = new CompletableFuture<>();
		volatile VoiceQuality quality;

		Live(Call call, LiveRecording recording, AutoCloseable tap) {
			this.call = call;
			this.recording = recording;
			this.tap = tap;
		}
	}

	public Recorder(RecordingStore store, Supplier<RecordingPolicy> policy, Consumer<String> problems) {
		this.store = store;
		this.policy = policy;
		this.problems = problems;
		this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "Recording writer");
			t.setDaemon(true);
			return t;
		});
		writer.scheduleWithFixedDelay(this::flushAll, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Who is at the workstation, for new interactions: an interaction whose agent, branch and local party are used
	 * (the rest is ignored), or null when nobody is known.
	 */
	public void identity(Supplier<Interaction> value) {
		identity = value;
	}

	/** A softphone call changed state (any thread). */
	public void onCallEvent(CallEvent event) {
		Instant arrived = store.clock().instant();
		Call call = event.call();
		try {
			ensureInteraction(call);
			if (event.current() == CallState.CONNECTED) {
				if (!live.containsKey(call.id()) && policy.get() == RecordingPolicy.RECORD_ALL) {
					start(call, true); // the answer was not seen (the database was still opening)
				}
				markAnswered(call);
			} else if (event.current() == CallState.ENDED) {
				ended(call, arrived);
			}
		} catch (RecordingException | RuntimeException e) {
			problems.accept("Call " + call.id() + " is not recorded as it should be: " + e.getMessage());
		}
	}

	/**
	 * The softphone's call thread, when a call is answered and before its media begins ({@code CallObserver}): under
	 * "record all" the tap goes on now, so the recording holds everything from the first frame; the recording's
	 * rows are made on the writer thread (the call thread never waits for the disk), the frames wait in memory.
	 */
	public void answered(Call call) {
		try {
			if (policy.get() != RecordingPolicy.RECORD_ALL || live.containsKey(call.id())) {
				return;
			}
			Live l = tap(call, System.nanoTime());
			if (l != null) {
				writer.execute(() -> {
					try {
						store(l, 0);
					} catch (RecordingException | RuntimeException e) {
						problems.accept("Call " + call.id() + " is not recorded as it should be: " + e.getMessage());
					}
				});
			}
		} catch (RecordingException | RuntimeException e) {
			problems.accept("Call " + call.id() + " is not recorded as it should be: " + e.getMessage());
		}
	}

	private synchronized Interaction ensureInteraction(Call call) throws RecordingException {
		Interaction known = interactions.get(call.id());
		if (known != null) {
			return known;
		}
		Optional<Interaction> stored = store.find(call.id());
		if (stored.isPresent()) {
			interactions.put(call.id(), stored.get());
			return stored.get();
		}
		Interaction i = Interaction.started(call.id(),
				call.direction() == CallDirection.INCOMING ? Interaction.Direction.INCOMING
						: Interaction.Direction.OUTGOING,
				"", call.remote().toString(), call.createdAt()).withSipCallId(call.sipCallId());
		Interaction who = identity.get();
		if (who != null) {
			i = new Interaction(i.id(), i.sipCallId(), i.direction(), who.localParty(), i.remoteParty(), who.agent(),
					who.branch(), i.gateway(), i.startedAt(), i.answeredAt(), i.endedAt(), i.endCause(),
					i.disposition(), i.quality(), i.links());
		}
		store.create(i);
		interactions.put(call.id(), i);
		return i;
	}

	private synchronized void markAnswered(Call call) throws RecordingException {
		Interaction i = interactions.get(call.id());
		if (i != null && i.answeredAt().isEmpty()) {
			Interaction next = i.withAnswered(call.answeredAt().orElse(store.clock().instant()));
			store.update(next);
			interactions.put(call.id(), next);
		}
	}

	/** Starts recording a connected call now; returns its recording (the running one when there is one). */
	public Recording start(Call call) throws RecordingException {
		return start(call, false);
	}

	/**
	 * @param fromAnswer the recording's timeline starts at the call's answer (policy "record all"), not now: the
	 *                   moments before the tap was attached read as silence, and its times match the call's
	 */
	private Recording start(Call call, boolean fromAnswer) throws RecordingException {
		Live existing = live.get(call.id());
		if (existing == null) {
			long late = 0;
			if (fromAnswer && call.answeredAt().isPresent()) {
				late = Math.max(0, java.time.Duration.between(call.answeredAt().get(), java.time.Instant.now()).toNanos());
				late = Math.min(late, MAX_BACKDATE_NANOS);
			}
			Live made = tap(call, System.nanoTime() - late);
			if (made != null) {
				store(made, late);
			}
			existing = live.get(call.id());
			if (existing == null) {
				throw new RecordingException(Reason.INVALID, "The call " + call.id() + " has ended");
			}
		}
		awaitStored(existing);
		return store.recording(existing.recording.id()).orElseThrow();
	}

	/**
	 * Attaches a new recording's tap (no disk work): frames are kept in memory until {@link #store} has made the
	 * recording's row.
	 *
	 * @param originNanos the start of the recording's timeline ({@link System#nanoTime()} scale)
	 * @return the new live recording, or null when the call was being recorded already
	 */
	private Live tap(Call call, long originNanos) throws RecordingException {
		if (!call.state().isLive()) {
			throw new RecordingException(Reason.INVALID, "The call " + call.id() + " has ended");
		}
		Call.MediaTap tap = call.capability(Call.MediaTap.class).orElseThrow(() -> new RecordingException(
				Reason.INVALID, "The call " + call.id() + " offers no media tap: it cannot be recorded"));
		LiveRecording rec = new LiveRecording(store, System::nanoTime, originNanos, problems);
		AutoCloseable handle;
		try {
			handle = tap.tap(rec);
		} catch (RuntimeException e) {
			throw new RecordingException(Reason.INVALID, "The call " + call.id() + " cannot be tapped: "
					+ e.getMessage(), e);
		}
		Live l = new Live(call, rec, handle);
		if (live.putIfAbsent(call.id(), l) != null) {
			closeQuietly(handle);
			return null;
		}
		return l;
	}

	/** Makes the rows of a tapped recording (the interaction when needed, the recording), then lets it be written. */
	private void store(Live l, long lateNanos) throws RecordingException {
		try {
			ensureInteraction(l.call);
			l.recording.attach(store.startRecording(l.call.id()));
			if (lateNanos > 0) {
				store.event(l.recording.id(), "TAPPED", "Audio taken from " + lateNanos / 1_000_000
						+ " ms after the answer", 0);
			}
			l.stored.complete(null);
		} catch (RecordingException | RuntimeException e) {
			live.remove(l.call.id(), l);
			closeQuietly(l.tap);
			l.stored.completeExceptionally(e);
			throw e;
		}
	}

	private static void awaitStored(Live l) throws RecordingException {
		try {
			l.stored.get(30, TimeUnit.SECONDS);
		} catch (ExecutionException e) {
			if (e.getCause() instanceof RecordingException r) {
				throw r;
			}
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE,
					"The recording could not be stored: " + e.getCause().getMessage(), e.getCause());
		} catch (TimeoutException e) {
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE, "The recording is still being stored");
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE, "Interrupted while the recording was stored");
		}
	}

	private static void closeQuietly(AutoCloseable handle) {
		try {
			handle.close();
		} catch (Exception ignored) {
			// the tap goes with the call
		}
	}

	/** Stops and seals the recording of a call. */
	public void stop(String callId, String detail) throws RecordingException {
		Live l = live.remove(callId);
		if (l == null) {
			throw new RecordingException(Reason.NOT_FOUND, "The call " + callId + " is not being recorded");
		}
		closeQuietly(l.tap);
		awaitStored(l);
		l.recording.finish(RecordingState.COMPLETE, detail);
	}

	public void pause(String callId, String reason) throws RecordingException {
		liveRecording(callId).pause(reason);
	}

	public void resume(String callId) throws RecordingException {
		liveRecording(callId).resume();
	}

	private LiveRecording liveRecording(String callId) throws RecordingException {
		Live l = live.get(callId);
		if (l == null) {
			throw new RecordingException(Reason.NOT_FOUND, "The call " + callId + " is not being recorded");
		}
		awaitStored(l);
		return l.recording;
	}

	/** @return the live recording of a call, if it is being recorded */
	public Optional<LiveRecording> recordingOf(String callId) {
		return Optional.ofNullable(live.get(callId)).map(l -> l.recording);
	}

	/** @return ids of the calls being recorded */
	public List<String> recordedCalls() {
		return List.copyOf(live.keySet());
	}

	/** @param at when the end was reported: the interaction's end, before the recording is stored and sealed */
	private void ended(Call call, Instant at) throws RecordingException {
		Live l = live.get(call.id());
		VoiceQuality q = l == null ? null : l.quality;
		if (l != null) {
			stop(call.id(), "The call ended");
		}
		Interaction i = interactions.remove(call.id());
		if (i == null) {
			return;
		}
		if (q == null) {
			q = call.capability(Call.QualityMonitor.class).map(Call.QualityMonitor::current).orElse(null);
		}
		Instant end = at;
		if (end.isBefore(i.startedAt())) {
			end = i.startedAt();
		}
		Interaction.EndCause cause = call.end().map(Recorder::cause).orElse(null);
		Interaction next = i.withEnded(end, cause);
		if (q != null) {
			next = next.withQuality(new Interaction.Quality(q.codec(), q.mos(), q.jitterMs(), q.lossPercent(),
					q.roundTripMs().isPresent() ? OptionalDouble.of(q.roundTripMs().getAsDouble())
							: OptionalDouble.empty()));
		}
		store.update(next);
	}

	static Interaction.EndCause cause(CallEnd e) {
		return new Interaction.EndCause(e.by().name(), e.sipStatus(), e.q850Cause(), e.description());
	}

	/** Writer thread: one transaction for the audio of every live recording (one commit per round, not per call). */
	private void flushAll() {
		List<LiveRecording> recordings = new java.util.ArrayList<>(live.size());
		for (Live l : live.values()) {
			recordings.add(l.recording);
		}
		LiveRecording.flushAll(store, recordings);
		for (Live l : live.values()) {
			try {
				l.call.capability(Call.QualityMonitor.class).ifPresent(m -> l.quality = m.current());
			} catch (RuntimeException e) {
				// the call is ending; the last figures stay
			}
		}
	}

	/**
	 * Stops the writer; recordings of calls still live are stored and finished as INCOMPLETE (the workstation is
	 * closing under them).
	 */
	@Override
	public void close() {
		writer.shutdown();
		try {
			writer.awaitTermination(5, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		for (String callId : List.copyOf(live.keySet())) {
			Live l = live.remove(callId);
			closeQuietly(l.tap);
			if (!l.stored.isDone() || l.stored.isCompletedExceptionally()) {
				continue; // its row was never made: nothing to finish
			}
			try {
				l.recording.finish(RecordingState.INCOMPLETE, "The workstation closed during the call");
			} catch (RecordingException e) {
				problems.accept("Recording " + l.recording.id() + " could not be finished: " + e.getMessage());
			}
		}
		store.closeWriterConnection();
	}
}
