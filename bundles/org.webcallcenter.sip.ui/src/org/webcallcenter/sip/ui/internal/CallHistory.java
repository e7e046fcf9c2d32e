package org.webcallcenter.sip.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallDirection;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.sip.api.VoiceQuality;

/**
 * The calls that ended in this session, newest first, kept in memory (the recording issue persists calls with
 * their quality; this list is only what the History part shows). It listens from start-up, so calls that end
 * while the History part is closed are listed too.
 */
@Component(service = { CallHistory.class, EventHandler.class }, immediate = true,
		property = EventConstants.EVENT_TOPIC + "=" + org.webcallcenter.sip.api.SoftphoneEvents.CALL)
public class CallHistory implements EventHandler {
	static final int MAX_ENTRIES = 500;

	/**
	 * One ended call.
	 *
	 * @param callId     the workstation's call id
	 * @param startedAt  when the call was created
	 * @param endedAt    when it ended (when the ENDED event arrived)
	 * @param direction  who placed it
	 * @param remote     the other party
	 * @param remoteName the other party's display name
	 * @param talkTime   from answer to end, zero when never answered
	 * @param end        why it ended, as the softphone reported
	 * @param quality    the last voice quality figures, when there were any
	 */
	public record Entry(String callId, Instant startedAt, Instant endedAt, CallDirection direction, SipAddress remote,
			Optional<String> remoteName, Duration talkTime, Optional<CallEnd> end, Optional<VoiceQuality> quality) {
	}

	private final List<Entry> entries = new ArrayList<>();
	private final Map<String, VoiceQuality> lastQuality = new ConcurrentHashMap<>();
	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	@Override
	public void handleEvent(Event event) {
		if (event.getProperty(IEventBroker.DATA) instanceof CallEvent e && e.current() == CallState.ENDED) {
			ended(e.call(), Instant.now());
		}
	}

	/** Adds an ended call (once per call id) and tells the listeners. */
	void ended(Call call, Instant endedAt) {
		Optional<VoiceQuality> quality = finalQuality(call);
		lastQuality.remove(call.id());
		Entry entry = new Entry(call.id(), call.createdAt(), endedAt, call.direction(), call.remote(),
				call.remoteName(), CallFormat.talkTime(call.answeredAt(), endedAt), call.end(), quality);
		synchronized (entries) {
			if (entries.stream().anyMatch(x -> x.callId().equals(call.id()))) {
				return;
			}
			entries.add(0, entry);
			if (entries.size() > MAX_ENTRIES) {
				entries.remove(entries.size() - 1);
			}
		}
		listeners.forEach(Runnable::run);
	}

	private Optional<VoiceQuality> finalQuality(Call call) {
		if (call.answeredAt().isEmpty()) {
			// never answered: no talk to judge (a monitor may still report placeholder figures)
			return Optional.empty();
		}
		try {
			Optional<VoiceQuality> now = call.capability(Call.QualityMonitor.class).map(Call.QualityMonitor::current);
			if (now.isPresent()) {
				return now;
			}
		} catch (RuntimeException e) {
			// the media may be gone already: keep the last figures the Phone part saw
		}
		return Optional.ofNullable(lastQuality.get(call.id()));
	}

	/** The Phone part reports each live figure it shows, so a call keeps its last quality even without media. */
	void noteQuality(String callId, VoiceQuality quality) {
		lastQuality.put(callId, quality);
	}

	/** @return ended calls, newest first */
	public List<Entry> entries() {
		synchronized (entries) {
			return List.copyOf(entries);
		}
	}

	/** The listener runs on the thread that added an entry. */
	public void addListener(Runnable listener) {
		listeners.add(listener);
	}

	public void removeListener(Runnable listener) {
		listeners.remove(listener);
	}
}
