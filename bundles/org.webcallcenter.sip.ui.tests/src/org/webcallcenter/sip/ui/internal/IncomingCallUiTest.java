package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.sip.api.CallDirection;
import org.webcallcenter.sip.api.CallEnd;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.testing.Sipp;
import org.webcallcenter.testing.ui.Ui;

/**
 * Calls from sipp's UAC to the real softphone: the ringing line stands out and is answered from the Phone part;
 * a second call while talking waits as a second line and is refused as busy; the far end's BYE ends the first.
 */
class IncomingCallUiTest {
	@TempDir
	Path dir;

	private static String cell(int row, int column) {
		return Ui.sync(() -> {
			Table t = (Table) Ui.find("phone.lines");
			return t.getItemCount() > row ? t.getItem(row).getText(column) : "";
		});
	}

	private static int lines() {
		return Ui.sync(() -> ((Table) Ui.find("phone.lines")).getItemCount());
	}

	private static boolean enabled(String testId) {
		return Ui.sync(() -> Ui.find(testId).isEnabled());
	}

	/** sipp's built-in caller: one call to the agent, hung up {@code talk} after the answer. */
	private Sipp caller(String name, int port, Duration talk) throws java.io.IOException {
		return Sipp.caller(dir.resolve(name), port).builtIn("uac").service(DirectMode.USER).callLength(talk)
				.timeout(Duration.ofSeconds(120)).start();
	}

	@Test
	void ringingCallIsAnsweredAndASecondCallWaitsOnItsOwnLine() throws Exception {
		Softphone phone = DirectMode.softphone();
		int port = DirectMode.port(phone);
		CallHistory history = Ui.service(CallHistory.class);
		int before = history.entries().size();
		Ui.await("phone.lines");
		// the first caller stays long enough for the second call to arrive while it lasts, also on a loaded machine
		// (8 s was not enough under a load average of several hundred)
		try (Sipp first = caller("first", port, Duration.ofSeconds(20))) {
			Ui.waitFor("a ringing line", () -> lines() == 1 && cell(0, 2).equals("INCOMING CALL"));
			assertEquals(CallFormat.direction(CallDirection.INCOMING), cell(0, 0));
			assertTrue(cell(0, 1).contains("127.0.0.1:" + first.localPort()), cell(0, 1));
			Ui.waitFor("the ringing row highlighted", () -> Ui.sync(() -> ((Table) Ui.find("phone.lines")).getItem(0)
					.getBackground().equals(Ui.display().getSystemColor(SWT.COLOR_YELLOW))));
			Ui.waitFor("the banner names the caller", () -> Ui.text("phone.availability")
					.startsWith("Incoming call from sipp <sip:sipp@127.0.0.1:" + first.localPort()));
			Ui.waitFor("Answer enabled for the ringing line", () -> enabled("phone.answer"));
			assertTrue(enabled("phone.reject") && enabled("phone.decline"), "Busy and Decline enabled");
			assertTrue(!enabled("phone.hang.up") && !enabled("phone.hold"), "no Hang up or Hold while ringing");
			Ui.screenshot("phone-incoming-ringing");
			Ui.click("phone.answer");
			Ui.waitFor("the first call connected", () -> cell(0, 2).equals("Connected"));
			Ui.waitFor("Hang up and Hold enabled", () -> enabled("phone.hang.up") && enabled("phone.hold"));

			try (Sipp second = caller("second", port, Duration.ofSeconds(1))) {
				Ui.waitFor("call waiting: a second, ringing line", () -> lines() == 2 && cell(1, 2).equals("INCOMING CALL"));
				assertEquals("Connected", cell(0, 2), "the first call goes on");
				Ui.waitFor("the banner says a call waits", () -> Ui.text("phone.availability").startsWith("Call waiting: "));
				Ui.screenshot("phone-call-waiting");
				Ui.clickRow("phone.lines", 1);
				Ui.waitFor("Busy enabled for the waiting call", () -> enabled("phone.reject"));
				Ui.click("phone.reject");
				Ui.waitFor("the waiting call refused", () -> lines() == 1);
			}
			assertEquals(1, phone.calls().size());
			Ui.waitFor("no banner once nothing rings", () -> Ui.text("phone.availability").isEmpty());
			Ui.waitFor("the far end hangs up the first call", () -> lines() == 0);
			first.awaitSuccess(1, Duration.ofSeconds(60));
		} finally {
			phone.calls().forEach(c -> c.hangUp());
		}
		Ui.waitFor("both calls in the history", () -> history.entries().size() == before + 2);
		CallHistory.Entry talked = history.entries().get(0);
		CallHistory.Entry busy = history.entries().get(1);
		assertEquals(CallEnd.By.REMOTE, talked.end().get().by(), "the far end hung up: " + talked.end());
		assertTrue(talked.talkTime().toSeconds() >= 15, "talk time " + talked.talkTime());
		assertTrue(talked.quality().isPresent(), "the answered call has voice quality figures");
		assertEquals(CallEnd.By.LOCAL, busy.end().get().by(), "refused here: " + busy.end());
		assertEquals(OptionalInt.of(486), busy.end().get().sipStatus(), "refused as busy: " + busy.end());
		assertEquals(CallState.ENDED, phone.calls().stream().map(c -> c.state()).findFirst().orElse(CallState.ENDED));
	}
}
