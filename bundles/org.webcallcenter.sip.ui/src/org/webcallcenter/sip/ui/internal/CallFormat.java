package org.webcallcenter.sip.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.webcallcenter.sip.api.CallDirection;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.sip.api.VoiceQuality;

/** How calls read on screen: states, directions, elapsed times, voice quality and why a call ended. */
public final class CallFormat {
	private CallFormat() {
	}

	/** Voice quality bands of the estimated MOS, as the call center judges a call. */
	public enum MosBand {
		/** 4.0 and above: toll quality. */
		GOOD,
		/** 3.6 up to 4.0: users notice, few complain. */
		FAIR,
		/** Below 3.6: many users dissatisfied. */
		POOR;

		public static MosBand of(double mos) {
			return mos >= 4.0 ? GOOD : mos >= 3.6 ? FAIR : POOR;
		}
	}

	/** @return {@code 4:05} or {@code 1:02:09}; negative durations read as 0:00 */
	public static String duration(Duration d) {
		long s = Math.max(0, d.getSeconds());
		long h = s / 3600;
		long m = (s % 3600) / 60;
		long sec = s % 60;
		return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
	}

	/** @return talk time once answered, otherwise time since the call was created */
	public static Duration elapsed(Instant createdAt, Optional<Instant> answeredAt, Instant now) {
		return Duration.between(answeredAt.orElse(createdAt), now);
	}

	/** @return the talk time of an ended call, zero when it was never answered */
	public static Duration talkTime(Optional<Instant> answeredAt, Instant endedAt) {
		return answeredAt.map(a -> Duration.between(a, endedAt)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
	}

	/** @return an arrow and a word: incoming calls point at the agent */
	public static String direction(CallDirection d) {
		return d == CallDirection.INCOMING ? "\u2190 in" : "\u2192 out";
	}

	public static String state(CallState s) {
		return switch (s) {
		case DIALING -> "Dialling";
		case ALERTING -> "Ringing at the far end";
		case EARLY_MEDIA -> "Early media";
		case RINGING -> "INCOMING CALL";
		case CONNECTED -> "Connected";
		case HELD -> "On hold";
		case ENDED -> "Ended";
		};
	}

	/** @return {@code Li Wei <sip:8002@10.0.0.1>} or the address alone */
	public static String remote(SipAddress address, Optional<String> name) {
		return name.filter(n -> !n.isBlank()).map(n -> n + " <" + address + ">").orElse(address.toString());
	}

	public static String mos(VoiceQuality q) {
		return String.format(Locale.ROOT, "%.1f", q.mos());
	}

	public static String jitter(VoiceQuality q) {
		return String.format(Locale.ROOT, "%.1f ms", q.jitterMs());
	}

	public static String loss(VoiceQuality q) {
		return String.format(Locale.ROOT, "%.1f %%", q.lossPercent());
	}

	public static String roundTrip(VoiceQuality q) {
		return q.roundTripMs().isPresent() ? String.format(Locale.ROOT, "%.0f ms", q.roundTripMs().getAsDouble())
				: "\u2013";
	}

	/** @return one line for tooltips and the history: {@code PCMU, MOS 4.3 (good), jitter 2.0 ms, ...} */
	public static String quality(VoiceQuality q) {
		return (q.codec().isEmpty() ? "" : q.codec() + ", ") + "MOS " + mos(q) + " ("
				+ MosBand.of(q.mos()).name().toLowerCase(Locale.ROOT) + "), jitter " + jitter(q) + ", loss " + loss(q)
				+ ", round trip " + roundTrip(q);
	}

	/** @return {@code Busy here (SIP 486, Q.850 17), by the far end} */
	public static String end(CallEnd end) {
		StringBuilder codes = new StringBuilder();
		end.sipStatus().ifPresent(s -> codes.append("SIP ").append(s));
		end.q850Cause().ifPresent(c -> codes.append(codes.isEmpty() ? "" : ", ").append("Q.850 ").append(c));
		String what = end.description().isBlank() ? "Ended" : end.description();
		String by = switch (end.by()) {
		case LOCAL -> "by this side";
		case REMOTE -> "by the far end";
		case ERROR -> "by an error";
		};
		return what + (codes.isEmpty() ? "" : " (" + codes + ")") + ", " + by;
	}

	/**
	 * @param remote  who is calling
	 * @param name    their display name
	 * @param waiting whether the agent is already on another call (call waiting)
	 * @return the banner over the lines while a call rings
	 */
	public static String incoming(SipAddress remote, Optional<String> name, boolean waiting) {
		return waiting ? "Call waiting: " + remote(remote, name) + " is calling; select the line to answer it"
				: "Incoming call from " + remote(remote, name);
	}

	/** @return an ended call in full, three lines: who, how it ended, its voice quality */
	public static String details(CallHistory.Entry e) {
		return remote(e.remote(), e.remoteName()) + "\n" + e.end().map(CallFormat::end).orElse("Ended") + "\n"
				+ e.quality().map(CallFormat::quality).orElse("No voice quality figures: the call was not answered");
	}
}
