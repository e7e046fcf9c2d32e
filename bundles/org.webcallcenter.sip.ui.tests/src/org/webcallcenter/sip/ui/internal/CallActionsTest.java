package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.ui.internal.CallActions.Action;

/** The enablement table of the call controls. */
class CallActionsTest {
	private static final Set<Class<?>> ALL = new HashSet<>(CallActions.CALL_CAPABILITIES);

	private static Set<Action> enabled(CallState s, Set<Class<?>> caps, boolean muted, boolean otherUp,
			boolean conference) {
		return CallActions.enabled(new CallActions.Line(s, caps, muted), otherUp, conference);
	}

	@Test
	void nothingWithoutASelectedLiveLine() {
		assertEquals(Set.of(), CallActions.enabled(null, true, true));
		assertEquals(Set.of(), enabled(CallState.ENDED, ALL, false, true, true));
	}

	@Test
	void aRingingCallCanOnlyBeAnsweredOrRefused() {
		assertEquals(EnumSet.of(Action.ANSWER, Action.REJECT, Action.DECLINE),
				enabled(CallState.RINGING, ALL, false, true, true));
		assertEquals(EnumSet.of(Action.ANSWER, Action.REJECT, Action.DECLINE),
				enabled(CallState.RINGING, Set.of(), false, false, false));
	}

	@Test
	void aCallNotYetAnsweredCanOnlyBeHungUp() {
		for (CallState s : new CallState[] { CallState.DIALING, CallState.ALERTING, CallState.EARLY_MEDIA }) {
			assertEquals(EnumSet.of(Action.HANG_UP), enabled(s, ALL, false, true, true), s.name());
		}
	}

	@Test
	void aConnectedCallOffersWhatItsCapabilitiesAllow() {
		assertEquals(EnumSet.of(Action.HANG_UP, Action.HOLD, Action.MUTE, Action.DTMF, Action.TRANSFER),
				enabled(CallState.CONNECTED, ALL, false, false, true));
		assertEquals(EnumSet.of(Action.HANG_UP), enabled(CallState.CONNECTED, Set.of(), false, true, false));
		assertEquals(EnumSet.of(Action.HANG_UP, Action.DTMF),
				enabled(CallState.CONNECTED, Set.of(Call.Dtmf.class), false, true, false));
		assertEquals(EnumSet.of(Action.HANG_UP, Action.UNMUTE, Action.DTMF, Action.TRANSFER, Action.HOLD),
				enabled(CallState.CONNECTED, ALL, true, false, false));
	}

	@Test
	void attendedTransferAndConferenceNeedAnotherLineThatIsUp() {
		assertEquals(EnumSet.of(Action.HANG_UP, Action.HOLD, Action.MUTE, Action.DTMF, Action.TRANSFER,
				Action.ATTENDED_TRANSFER, Action.CONFERENCE), enabled(CallState.CONNECTED, ALL, false, true, true));
		assertEquals(EnumSet.of(Action.HANG_UP, Action.CONFERENCE),
				enabled(CallState.CONNECTED, Set.of(), false, true, true));
		assertEquals(EnumSet.of(Action.HANG_UP, Action.ATTENDED_TRANSFER),
				enabled(CallState.CONNECTED, Set.of(Call.AttendedTransfer.class), false, true, false));
	}

	@Test
	void aHeldCallCanBeResumedButSendsNoTones() {
		assertEquals(EnumSet.of(Action.HANG_UP, Action.RESUME, Action.MUTE, Action.TRANSFER, Action.ATTENDED_TRANSFER,
				Action.CONFERENCE), enabled(CallState.HELD, ALL, false, true, true));
	}

	@Test
	void lineIsUpWhenTalkingOrHeld() {
		for (CallState s : CallState.values()) {
			assertEquals(s == CallState.CONNECTED || s == CallState.HELD, CallActions.isUp(s), s.name());
		}
	}

	@Test
	void lineReadsStateCapabilitiesAndMuteFromTheCall() {
		StubCall call = new StubCall("c1", CallState.CONNECTED).with(Call.Hold.class, new Call.Hold() {
			@Override
			public void hold() {
			}

			@Override
			public void resume() {
			}
		}).with(Call.Mute.class, new Call.Mute() {
			@Override
			public void setMuted(boolean muted) {
			}

			@Override
			public boolean isMuted() {
				return true;
			}
		});
		CallActions.Line line = CallActions.Line.of(call);
		assertEquals(CallState.CONNECTED, line.state());
		assertEquals(Set.of(Call.Hold.class, Call.Mute.class), line.capabilities());
		assertEquals(true, line.muted());
	}
}
