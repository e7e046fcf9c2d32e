package org.webcallcenter.sip.api;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One call. Methods return at once; the outcome arrives as {@link CallEvent}s. Abilities beyond answering and
 * ending a call are capabilities: {@code call.capability(Hold.class).ifPresent(Hold::hold)}.
 */
@ProviderType
public interface Call {

	/** @return the workstation's id of the call (also the recording's and the interaction's key) */
	String id();

	/** @return the SIP Call-ID */
	String sipCallId();

	CallDirection direction();

	/** @return the other party, as it was dialled or as the INVITE named it */
	SipAddress remote();

	/** @return the display name the other party gave, if any */
	Optional<String> remoteName();

	CallState state();

	Instant createdAt();

	/** @return when the call was answered, if it was */
	Optional<Instant> answeredAt();

	/** @return why it ended, once {@link #state()} is {@link CallState#ENDED} */
	Optional<CallEnd> end();

	/** Answers a ringing incoming call. */
	void answer();

	/** Refuses a ringing incoming call: 486 Busy Here, or 603 Decline when {@code decline}. */
	void reject(boolean decline);

	/** Ends the call in any live state: CANCEL while dialling, BYE when connected. */
	void hangUp();

	/** @return the capability of this call, if the implementation and the call's media offer it */
	<T> Optional<T> capability(Class<T> type);

	/** Hold and resume (re-INVITE with sendonly, then sendrecv). */
	interface Hold {
		void hold();

		void resume();
	}

	/** Microphone mute; the far end hears silence, the recording keeps both directions as they were sent. */
	interface Mute {
		void setMuted(boolean muted);

		boolean isMuted();
	}

	/** DTMF: RFC 4733 telephone-events when negotiated, SIP INFO otherwise. */
	interface Dtmf {
		/** @param digit one of {@code 0-9 * # A-D} */
		void send(char digit);
	}

	/** Blind transfer (REFER). */
	interface BlindTransfer {
		void transferTo(SipAddress target);
	}

	/** Live voice quality figures of the call (shown in the call view, stored with the call). */
	interface QualityMonitor {
		VoiceQuality current();
	}

	/**
	 * Taps both directions of the call's audio without touching the audio path (the recorder uses it). The listener
	 * runs on the media thread: copy and return at once.
	 */
	interface MediaTap {
		/** One direction of the audio. */
		enum Direction {
			/** From the far end (the customer), as received. */
			RECEIVED,
			/** From this workstation (the agent), as sent. */
			SENT
		}

		/** Receives 16-bit linear PCM frames at 8 kHz with their RTP timestamps. */
		@FunctionalInterface
		interface Listener {
			void frame(Direction direction, long rtpTimestamp, short[] pcm);

			/**
			 * The same frame with the {@link System#nanoTime()} at which it was sent or played out. Listeners are
			 * called from a dispatch thread, possibly late: one that places frames in time (a recorder) uses this
			 * instant rather than the time of the call. By default it calls {@link #frame(Direction, long, short[])}.
			 */
			default void frame(Direction direction, long rtpTimestamp, short[] pcm, long capturedNanos) {
				frame(direction, rtpTimestamp, pcm);
			}
		}

		/** @return closing it removes the listener */
		AutoCloseable tap(Listener listener);
	}

	/**
	 * Plays audio to the far end in place of the agent's voice (a start-of-call notice), then gives the line back to
	 * the agent. Asked for before the media begins ({@link CallObserver#answered}), it is the first thing the far
	 * end hears; the agent's audio is held back until it has played. What is sent is also what the media tap sees
	 * as SENT, so a recording holds the notice.
	 *
	 * @since 0.3
	 */
	interface Announcement {
		/**
		 * @param pcm 16-bit linear PCM at 8 kHz
		 * @return completes once the last frame has been handed to the sender (never if the call ends first)
		 */
		java.util.concurrent.CompletionStage<Void> playToFarEnd(short[] pcm);
	}

	/** Attended transfer (REFER with Replaces) to another call of the same softphone. */
	interface AttendedTransfer {
		void transferTo(Call consultation);
	}
}
