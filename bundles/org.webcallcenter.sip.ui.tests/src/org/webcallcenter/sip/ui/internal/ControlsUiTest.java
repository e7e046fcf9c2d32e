package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.testing.Sipp;
import org.webcallcenter.testing.ui.Ui;

/**
 * The call controls of the Phone part drive a real call: a keypad tone, Hold, Resume, Mute and Hang up, against
 * sipp playing the far end of the softphone's own hold-and-DTMF scenario (which fails unless it receives the DTMF
 * INFO with 5, a sendonly re-INVITE, a sendrecv re-INVITE and the BYE, in that order).
 */
class ControlsUiTest {
	@TempDir
	Path dir;

	private static String state() {
		return Ui.sync(() -> {
			Table t = (Table) Ui.find("phone.lines");
			return t.getItemCount() == 1 ? t.getItem(0).getText(2) : "(" + t.getItemCount() + " lines)";
		});
	}

	private static boolean enabled(String testId) {
		return Ui.sync(() -> Ui.find(testId).isEnabled());
	}

	@Test
	void toneHoldResumeMuteAndHangUpFromTheButtons() throws Exception {
		Softphone phone = DirectMode.softphone();
		try (Sipp sipp = Sipp.callee(dir.resolve("far")).scenario(Sipp.UAS_HOLD_DTMF).start()) {
			Ui.click("phone.clear");
			Ui.type("phone.dial", "sip:far@127.0.0.1:" + sipp.localPort());
			Ui.enter();
			Ui.waitFor("connected", () -> state().equals("Connected"));
			Ui.waitFor("keypad tones enabled", () -> enabled("phone.tone.5"));

			Ui.click("phone.tone.5");
			Ui.click("phone.hold");
			Ui.waitFor("on hold", () -> state().equals("On hold"));
			Ui.waitFor("the Hold button offers Resume", () -> Ui.text("phone.hold").equals("Resume"));
			assertFalse(enabled("phone.tone.5"), "no tones while on hold");
			for (String id : new String[] { "phone.answer", "phone.hang.up", "phone.hold", "phone.mute",
					"phone.transfer", "phone.attended.transfer", "phone.conference" }) {
				assertTrue(Ui.sync(() -> {
					org.eclipse.swt.widgets.Control c = Ui.find(id);
					org.eclipse.swt.graphics.Rectangle area = c.getParent().getClientArea();
					return c.getBounds().y + c.getBounds().height <= area.height
							&& c.getBounds().x + c.getBounds().width <= area.width;
				}), id + " lies inside the part, not cut off");
			}
			Ui.screenshot("phone-call-held");

			Ui.click("phone.hold");
			Ui.waitFor("resumed", () -> state().equals("Connected"));
			Ui.waitFor("the Hold button offers Hold again", () -> Ui.text("phone.hold").equals("Hold"));

			Ui.click("phone.mute");
			Ui.waitFor("muted: the button offers Unmute", () -> Ui.text("phone.mute").equals("Unmute"));
			assertTrue(phone.calls().get(0).capability(org.webcallcenter.sip.api.Call.Mute.class).get().isMuted());
			Ui.click("phone.mute");
			Ui.waitFor("unmuted", () -> Ui.text("phone.mute").equals("Mute"));

			Ui.click("phone.hang.up");
			Ui.waitFor("the line is gone", () -> state().equals("(0 lines)"));
			sipp.awaitSuccess(1, Duration.ofSeconds(30));
		} finally {
			phone.calls().forEach(c -> c.hangUp());
		}
	}

	/**
	 * sipp's transferee fails unless a REFER to the target arrives, the target answers the transferee, and the
	 * agent's BYE follows the transferee's NOTIFY.
	 */
	@Test
	void blindTransferAsksForTheTargetAndHandsTheCallerOver() throws Exception {
		Softphone phone = DirectMode.softphone();
		try (Sipp target = Sipp.callee(dir.resolve("target")).scenario(Sipp.UAS_ANSWER).start();
				Sipp sipp = Sipp.callee(dir.resolve("customer")).scenario(Sipp.UAS_TRANSFEREE).start()) {
			Ui.click("phone.clear");
			Ui.type("phone.dial", "sip:customer@127.0.0.1:" + sipp.localPort());
			Ui.enter();
			Ui.waitFor("connected", () -> state().equals("Connected"));
			Ui.click("phone.transfer");
			Ui.typeInDialog("Transfer", "sip:desk2@127.0.0.1:" + target.localPort());
			Ui.screenshot("phone-transfer-dialog");
			Ui.enter();
			Ui.waitFor("the transferred call is gone", () -> state().equals("(0 lines)"));
			sipp.awaitSuccess(1, Duration.ofSeconds(30));
			target.awaitSuccess(1, Duration.ofSeconds(30));
		} finally {
			phone.calls().forEach(c -> c.hangUp());
		}
	}
}
