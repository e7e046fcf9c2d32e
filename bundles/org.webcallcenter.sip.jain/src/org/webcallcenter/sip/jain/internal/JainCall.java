package org.webcallcenter.sip.jain.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

import org.webcallcenter.media.session.QualitySnapshot;
import org.webcallcenter.media.session.RtpSession;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallDirection;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.sip.api.VoiceQuality;

/**
 * One call of the {@link UserAgent}. Getters may be called from any thread; every action is handed to the user
 * agent's thread, which alone changes the SIP and media state kept here.
 */
final class JainCall implements Call {
	private final UserAgent ua;
	private final String id;
	private final String sipCallId;
	private final CallDirection direction;
	private final SipAddress remote;
	private final Optional<String> remoteName;
	private final Instant createdAt = Instant.now();
	final AudioRouter.Leg leg;

	private volatile CallState state;
	private volatile Instant answeredAt;
	private volatile CallEnd end;
	private volatile VoiceQuality lastQuality;

	// SIP and media state: the user agent's thread only
	String localTag;
	Dialog dialog;
	/** UAS: the INVITE's server transaction until it has a final answer. */
	ServerTransaction inviteServer;
	/** UAC: the INVITE's client transaction until it has a final answer. */
	ClientTransaction inviteClient;
	/** UAC: the INVITE as last sent (to resend with credentials). */
	Request invite;
	int authRounds;
	boolean provisional;
	boolean cancelWanted;
	boolean headerAutoAnswer;
	/** The call's first event (RINGING) has been posted; a call answered at once is announced after its 200. */
	boolean announced;
	/** UAS: the INVITE carried no offer; the 200 OK carries ours and the ACK the answer. */
	boolean lateOffer;
	/** UAS: the offer of the INVITE, answered when the agent answers. */
	org.webcallcenter.media.sdp.SessionDescription remoteOffer;
	/** UAS: the offer answered at a placeholder port when the INVITE came: its codec and telephone-event. */
	org.webcallcenter.media.sdp.OfferAnswer.Answer offerCheck;
	RtpSession media;
	long sdpVersion;
	int telephoneEventPayloadType = -1;
	String codec = "";
	Request lastAck;
	ScheduledFuture<?> timer;
	/** A re-INVITE of ours is in progress, asking for this state. */
	CallState pendingState;
	/** The call we hand this one over to (attended transfer), or a target (blind); null when not transferring. */
	String transferTarget;
	ClientTransaction referClient;
	/** This call was placed because the far end of that call asked for it (REFER): it hears how it goes (NOTIFY). */
	JainCall referredBy;
	/** UAC: the Replaces header to send with the INVITE (attended transfer), or null. */
	String replaces;

	JainCall(UserAgent ua, String sipCallId, CallDirection direction, SipAddress remote, String remoteName,
			CallState initial) {
		this.ua = Objects.requireNonNull(ua, "ua");
		this.id = java.util.UUID.randomUUID().toString();
		this.sipCallId = Objects.requireNonNull(sipCallId, "sipCallId");
		this.direction = direction;
		this.remote = remote;
		this.remoteName = Optional.ofNullable(remoteName).filter(s -> !s.isBlank());
		this.state = initial;
		this.leg = ua.router().newLeg();
	}

	@Override
	public String id() {
		return id;
	}

	@Override
	public String sipCallId() {
		return sipCallId;
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
		return Optional.ofNullable(answeredAt);
	}

	@Override
	public Optional<CallEnd> end() {
		return Optional.ofNullable(end);
	}

	@Override
	public void answer() {
		ua.execute(() -> ua.answer(this));
	}

	@Override
	public void reject(boolean decline) {
		ua.execute(() -> ua.reject(this, decline));
	}

	@Override
	public void hangUp() {
		ua.execute(() -> ua.hangUp(this));
	}

	@Override
	public <T> Optional<T> capability(Class<T> type) {
		Object c = null;
		if (type == Hold.class) {
			c = new Hold() {
				@Override
				public void hold() {
					ua.execute(() -> ua.hold(JainCall.this, true));
				}

				@Override
				public void resume() {
					ua.execute(() -> ua.hold(JainCall.this, false));
				}
			};
		} else if (type == Mute.class) {
			c = new Mute() {
				@Override
				public void setMuted(boolean muted) {
					leg.setMuted(muted);
				}

				@Override
				public boolean isMuted() {
					return leg.isMuted();
				}
			};
		} else if (type == Dtmf.class) {
			c = (Dtmf) digit -> {
				if ("0123456789*#ABCDabcd".indexOf(digit) < 0) {
					throw new IllegalArgumentException("'" + digit + "' is not a DTMF key (0-9 * # A-D)");
				}
				ua.execute(() -> ua.dtmf(this, Character.toUpperCase(digit)));
			};
		} else if (type == BlindTransfer.class) {
			c = (BlindTransfer) target -> ua.execute(() -> ua.transfer(this, target.toString(), target.toString()));
		} else if (type == AttendedTransfer.class) {
			c = (AttendedTransfer) consultation -> ua.execute(() -> ua.attendedTransfer(this, consultation));
		} else if (type == QualityMonitor.class) {
			c = (QualityMonitor) this::quality;
		} else if (type == MediaTap.class) {
			c = (MediaTap) this::tap;
		} else if (type == Announcement.class) {
			c = (Announcement) leg::announce;
		}
		return Optional.ofNullable(type.isInstance(c) ? type.cast(c) : null);
	}

	/** @return the voice quality so far; the last figures once the call has ended */
	VoiceQuality quality() {
		RtpSession m = media;
		if (m == null) {
			VoiceQuality last = lastQuality;
			return last != null ? last : new VoiceQuality(codec, 0, 0, OptionalDouble.empty(), 1.0);
		}
		QualitySnapshot q = m.quality();
		double mos = Math.max(1.0, Math.min(4.5, q.mos()));
		VoiceQuality v = new VoiceQuality(codec, q.jitterMs(), q.lossPercent(),
				Double.isNaN(q.rttMs()) ? OptionalDouble.empty() : OptionalDouble.of(q.rttMs()), mos);
		lastQuality = v;
		return v;
	}

	private AutoCloseable tap(MediaTap.Listener listener) {
		Objects.requireNonNull(listener, "listener");
		RtpSession m = media;
		if (m == null) {
			throw new IllegalStateException("The call has no media (yet)");
		}
		AtomicLong sent = new AtomicLong();
		AtomicLong received = new AtomicLong();
		org.webcallcenter.media.session.MediaTap tap = new org.webcallcenter.media.session.MediaTap() {
			@Override
			public void onFrame(Direction d, short[] pcm) {
				onFrame(d, pcm, System.nanoTime());
			}

			@Override
			public void onFrame(Direction d, short[] pcm, long capturedNanos) {
				boolean in = d == Direction.RECEIVED;
				long frame = (in ? received : sent).getAndIncrement();
				listener.frame(in ? MediaTap.Direction.RECEIVED : MediaTap.Direction.SENT,
						frame * RtpSession.SAMPLES_PER_FRAME, pcm, capturedNanos);
			}
		};
		m.addTap(tap);
		return () -> m.removeTap(tap);
	}

	/** The call is answered now (user agent thread: 200 OK sent or 2xx received), before its media begins. */
	void answeredNow() {
		if (answeredAt == null) {
			answeredAt = Instant.now();
		}
	}

	/** Sets the state (user agent thread) and returns the previous one. */
	CallState state(CallState next) {
		CallState previous = state;
		state = next;
		if (next == CallState.CONNECTED && answeredAt == null) {
			answeredAt = Instant.now();
		}
		return previous;
	}

	void end(CallEnd value) {
		end = value;
	}

	@Override
	public String toString() {
		return direction + " call " + remote + " (" + state + ")";
	}
}
