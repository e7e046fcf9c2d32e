package org.webcallcenter.recording.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.app.api.RecordingPolicy;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingEvent;
import org.webcallcenter.recording.api.RecordingService;
import org.webcallcenter.recording.api.RecordingState;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.testing.Sipp;
import org.webcallcenter.testing.ui.Ui;
import org.webcallcenter.testing.ui.softphone.DirectSoftphone;

/**
 * The agent's recording controls during a real call (softphone to sipp's echo, the real recorder and Derby), driven
 * through the real Recordings view under Xvfb: pause for card data with a reason and resume under "record all"
 * (Start/Stop refused there), then start and stop on demand.
 */
class LiveRecordingControlsUiTest {
	@TempDir
	Path dir;

	private static List<RecordingEvent> events(RecordingService s, long id) {
		try {
			return s.events(id);
		} catch (Exception e) {
			return List.of();
		}
	}

	private static List<Recording> recordingsOf(RecordingService s, String callId) {
		try {
			return s.recordings(callId);
		} catch (Exception e) {
			return List.of();
		}
	}

	private static boolean enabled(String testId) {
		return Ui.sync(() -> Ui.find(testId).isEnabled());
	}

	@Test
	void theAgentPausesForCardDataAndStartsAndStopsOnDemand() throws Exception {
		Softphone phone = DirectSoftphone.of("agent2001");
		RecordingService recordings = Ui.service(RecordingService.class);
		IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE);
		prefs.put(WorkstationPreferences.RECORDING_POLICY, RecordingPolicy.RECORD_ALL.name());
		Ui.sync(() -> Ui.application().getChildren().get(0).getContext().get(EPartService.class)
				.showPart("org.webcallcenter.recording.ui.part.recordings", EPartService.PartState.ACTIVATE));
		try {
			// record all: the call is recorded from its answer; the agent pauses it for card data, with a reason
			try (Sipp echo = Sipp.callee(dir.resolve("all")).builtIn("uas").rtpEcho().start()) {
				Call call = phone.dial("sip:service@127.0.0.1:" + echo.localPort());
				Ui.waitFor("the echo to answer", () -> call.state() == CallState.CONNECTED);
				Ui.waitFor("the indicator to say Recording", () -> Ui.text("recordings.live.status").equals("Recording"));
				assertFalse(enabled("recordings.live.startStop"), "no stopping under record all");
				Ui.click("recordings.live.pause");
				Ui.waitFor("a reason to be asked for",
						() -> Ui.text("recordings.live.message").startsWith("Give a reason for the pause"));
				assertEquals(RecordingState.RECORDING, recordingsOf(recordings, call.id()).get(0).state());
				Ui.type("recordings.live.reason", "card data");
				Ui.click("recordings.live.pause");
				Ui.waitFor("the indicator to say paused",
						() -> Ui.text("recordings.live.status").equals("Recording paused: card data"));
				Ui.screenshot("recording-paused");
				Recording r = recordingsOf(recordings, call.id()).get(0);
				assertEquals(RecordingState.PAUSED, r.state());
				assertTrue(events(recordings, r.id()).stream()
						.anyMatch(e -> e.kind().equals("PAUSED") && e.detail().equals("card data")),
						"the pause and its reason are logged: " + events(recordings, r.id()));
				Ui.waitFor("the button to offer Resume",
						() -> Ui.sync(() -> ((org.eclipse.swt.widgets.Button) Ui.find("recordings.live.pause"))
								.getText().equals("Resume recording")));
				Ui.click("recordings.live.pause");
				Ui.waitFor("the indicator to say Recording again",
						() -> Ui.text("recordings.live.status").equals("Recording"));
				assertTrue(events(recordings, r.id()).stream().anyMatch(e -> e.kind().equals("RESUMED")));
				call.hangUp();
				Ui.waitFor("the call to end", () -> call.state() == CallState.ENDED);
				Ui.waitFor("the indicator to say No call", () -> Ui.text("recordings.live.status").equals("No call"));
			}

			// on demand: nothing is recorded until the agent starts it; stopping seals the recording
			prefs.put(WorkstationPreferences.RECORDING_POLICY, RecordingPolicy.ON_DEMAND.name());
			try (Sipp echo = Sipp.callee(dir.resolve("demand")).builtIn("uas").rtpEcho().start()) {
				Call call = phone.dial("sip:service@127.0.0.1:" + echo.localPort());
				Ui.waitFor("the echo to answer", () -> call.state() == CallState.CONNECTED);
				Ui.waitFor("the indicator to say Not recorded",
						() -> Ui.text("recordings.live.status").startsWith("Not recorded"));
				assertTrue(recordingsOf(recordings, call.id()).isEmpty(), "not recorded before the agent starts it");
				Ui.waitFor("Start to be offered", () -> enabled("recordings.live.startStop"));
				Ui.click("recordings.live.startStop");
				Ui.waitFor("the indicator to say Recording", () -> Ui.text("recordings.live.status").equals("Recording"));
				assertEquals(RecordingState.RECORDING, recordingsOf(recordings, call.id()).get(0).state());
				Thread.sleep(1000); // some audio to keep, not a speed check
				Ui.click("recordings.live.startStop");
				Ui.waitFor("the indicator to say Not recorded again",
						() -> Ui.text("recordings.live.status").startsWith("Not recorded"));
				Recording r = recordingsOf(recordings, call.id()).get(0);
				assertEquals(RecordingState.COMPLETE, r.state());
				assertTrue(r.lengthSamples() > 0, r.toString());
				call.hangUp();
				Ui.waitFor("the call to end", () -> call.state() == CallState.ENDED);
			}
		} finally {
			prefs.remove(WorkstationPreferences.RECORDING_POLICY);
		}
	}
}
