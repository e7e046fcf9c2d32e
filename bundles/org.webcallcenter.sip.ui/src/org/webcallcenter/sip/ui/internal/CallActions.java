package org.webcallcenter.sip.ui.internal;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallState;

/**
 * Which call controls the agent may use on the selected line: the rule depends on the call's state and on the
 * capabilities the call (and the softphone) actually offer, so a button is never enabled for something the
 * implementation cannot do.
 */
public final class CallActions {

	/** The call controls of the Phone part. */
	public enum Action {
		ANSWER("Answer"), REJECT("Busy"), DECLINE("Decline"), HANG_UP("Hang up"), HOLD("Hold"), RESUME("Resume"),
		MUTE("Mute"), UNMUTE("Unmute"), DTMF("Keypad tones"), TRANSFER("Transfer..."),
		ATTENDED_TRANSFER("Attended transfer..."), CONFERENCE("Conference...");

		private final String label;

		Action(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}
	}

	/** The capabilities of a call that the controls use. */
	public static final List<Class<?>> CALL_CAPABILITIES = List.of(Call.Hold.class, Call.Mute.class, Call.Dtmf.class,
			Call.BlindTransfer.class, Call.AttendedTransfer.class);

	/**
	 * What the controls need to know about the selected line.
	 *
	 * @param state        its state
	 * @param capabilities which of {@link #CALL_CAPABILITIES} it has
	 * @param muted        whether its microphone is muted
	 */
	public record Line(CallState state, Set<Class<?>> capabilities, boolean muted) {
		public Line {
			capabilities = Set.copyOf(capabilities);
		}

		/** @return the line as the call is now */
		public static Line of(Call call) {
			Set<Class<?>> caps = new HashSet<>();
			for (Class<?> c : CALL_CAPABILITIES) {
				if (call.capability(c).isPresent()) {
					caps.add(c);
				}
			}
			boolean muted = call.capability(Call.Mute.class).map(Call.Mute::isMuted).orElse(false);
			return new Line(call.state(), caps, muted);
		}

		boolean has(Class<?> capability) {
			return capabilities.contains(capability);
		}
	}

	private CallActions() {
	}

	/** @return whether the call is up: talking or held by this side */
	public static boolean isUp(CallState s) {
		return s == CallState.CONNECTED || s == CallState.HELD;
	}

	/**
	 * @param line        the selected line, or null when none is selected
	 * @param otherLineUp whether another line is up (connected or held), for attended transfer and conference
	 * @param conference  whether the softphone offers {@code Softphone.Conference}
	 * @return the actions the agent may take now
	 */
	public static Set<Action> enabled(Line line, boolean otherLineUp, boolean conference) {
		Set<Action> a = EnumSet.noneOf(Action.class);
		if (line == null || !line.state().isLive()) {
			return a;
		}
		CallState s = line.state();
		if (s == CallState.RINGING) {
			a.add(Action.ANSWER);
			a.add(Action.REJECT);
			a.add(Action.DECLINE);
			return a;
		}
		a.add(Action.HANG_UP);
		if (!isUp(s)) {
			return a;
		}
		if (line.has(Call.Hold.class)) {
			a.add(s == CallState.HELD ? Action.RESUME : Action.HOLD);
		}
		if (line.has(Call.Mute.class)) {
			a.add(line.muted() ? Action.UNMUTE : Action.MUTE);
		}
		if (s == CallState.CONNECTED && line.has(Call.Dtmf.class)) {
			a.add(Action.DTMF);
		}
		if (line.has(Call.BlindTransfer.class)) {
			a.add(Action.TRANSFER);
		}
		if (otherLineUp && line.has(Call.AttendedTransfer.class)) {
			a.add(Action.ATTENDED_TRANSFER);
		}
		if (otherLineUp && conference) {
			a.add(Action.CONFERENCE);
		}
		return a;
	}
}
