package org.webcallcenter.recording.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingService;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.testing.Poll;
import org.webcallcenter.testing.Sipp;
import org.webcallcenter.testing.WavFile;
import org.webcallcenter.testing.ui.Ui;
import org.webcallcenter.testing.ui.softphone.DirectSoftphone;

/**
 * The Recordings view in the real Agent Workstation: a real call from the softphone to sipp's echo is recorded by
 * the real recorder (policy "record all") into Derby; the view finds it by party, verifies it and exports it.
 */
class RecordingsUiTest {
	@TempDir
	Path dir;

	@Test
	void aRecordedCallIsFoundVerifiedAndExported() throws Exception {
		Softphone phone = DirectSoftphone.of("agent2001");
		RecordingService recordings = Ui.service(RecordingService.class);
		String remote;
		String callId;
		try (Sipp echo = Sipp.callee(dir).builtIn("uas").rtpEcho().start()) {
			Call call = phone.dial("sip:service@127.0.0.1:" + echo.localPort());
			callId = call.id();
			remote = call.remote().toString(); // as the interaction keeps it
			Ui.waitFor("the echo to answer", () -> call.state() == CallState.CONNECTED);
			Ui.waitFor("the call to be recorded", () -> {
				try {
					return !recordings.recordings(callId).isEmpty();
				} catch (Exception e) {
					return false;
				}
			});
			Thread.sleep(2000); // the length of the call, not a speed check
			call.hangUp();
			Ui.waitFor("the call to end", () -> call.state() == CallState.ENDED);
		}
		Poll.until("the recording to be sealed", Duration.ofSeconds(30), () -> {
			try {
				return recordings.recordings(callId).get(0).sealHash().isPresent();
			} catch (Exception e) {
				return false;
			}
		});
		Recording recording = recordings.recordings(callId).get(0);

		MPart part = Ui.sync(() -> Ui.application().getChildren().get(0).getContext().get(EPartService.class)
				.showPart("org.webcallcenter.recording.ui.part.recordings", EPartService.PartState.ACTIVATE));
		String party = remote;
		Ui.type("recordings.party", party);
		Ui.click("recordings.search");
		Ui.waitFor("the call in the results", () -> Ui.sync(() -> {
			Table t = (Table) Ui.find("recordings.table");
			return t.getItemCount() == 1 && t.getItem(0).getText(2).equals(party)
					&& t.getItem(0).getText(7).equals("complete");
		}));
		Ui.screenshot("recordings-found");
		Ui.clickRow("recordings.table", 0);
		Ui.click("recordings.verify");
		Ui.waitFor("the verification result", () -> Ui.text("recordings.message").startsWith("Recording "
				+ recording.id() + " is intact"));

		Path wav = dir.resolve("export/call.wav");
		RecordingsPart view = (RecordingsPart) part.getObject();
		Job export = Ui.sync(() -> view.exportTo(recording.id(), wav));
		export.join(60_000, null);
		assertTrue(export.getResult().isOK(), export.getResult().toString());
		WavFile w = WavFile.read(wav);
		assertEquals(2, w.channels());
		assertEquals(recording.lengthSamples(), w.frames());
		assertTrue(dir.resolve("export/call.json").toFile().isFile());
		Ui.waitFor("the export reported", () -> Ui.text("recordings.message").startsWith("Exported recording"));

		// the player on its own, into a collecting sink: the last second of the recording, 50 frames, then done
		java.util.List<short[]> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
		java.util.List<Long> positions = new java.util.concurrent.CopyOnWriteArrayList<>();
		RecordingPlayer direct = new RecordingPlayer(recordings, recording, RecordingPlayer.Mode.CUSTOMER,
				recording.lengthSamples() - 8000, frames::add, positions::add, m -> {
				});
		Poll.until("the player to reach the end", Duration.ofSeconds(30), () -> !direct.isPlaying());
		assertEquals(-1L, positions.get(positions.size() - 1), "the end is reported");
		assertEquals(recording.lengthSamples(), (long) positions.get(positions.size() - 2));
		assertTrue(Math.abs(frames.size() - 50) <= 1, "one second of 20 ms frames: " + frames.size());

		Ui.click("recordings.playBoth");
		Ui.waitFor("playback starts or says why it cannot", () -> {
			String m = Ui.text("recordings.message");
			return m.startsWith("Playing recording") || m.startsWith("Cannot play: ");
		});
		Ui.click("recordings.stop");
	}
}
