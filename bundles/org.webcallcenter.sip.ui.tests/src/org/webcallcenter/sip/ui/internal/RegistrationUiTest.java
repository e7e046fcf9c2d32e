package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.app.api.StatusBarService;
import org.webcallcenter.sip.api.RegistrationState;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.testing.Sipp;
import org.webcallcenter.testing.ui.Ui;

/**
 * The status bar's registration entry with the real softphone and a registrar played by sipp on 127.0.0.1: a
 * granted binding, then a refused password.
 */
class RegistrationUiTest {
	@TempDir
	Path dir;

	private static Optional<StatusBarService.Item> entry() {
		return Ui.service(StatusBarService.class).items().stream()
				.filter(i -> i.id().equals(RegistrationStatusEntry.ID)).findFirst();
	}

	private static void registrar(int port) throws AccountStore.AccountStoreException {
		Ui.service(AccountStore.class).saveAccount(
				new SipAccount(SipAccount.Mode.REGISTRAR, "127.0.0.1:" + port, "1001", ""), "pw-1001".toCharArray());
	}

	/** sipp playing a registrar; its scenario fails unless the softphone's REGISTERs come as it expects. */
	private Sipp registrar(String scenario) throws java.io.IOException {
		return Sipp.callee(dir.resolve(scenario.replace(".xml", ""))).scenario(scenario).timeout(Duration.ofSeconds(120)).start();
	}

	@Test
	void registeredThenAWrongPassword() throws Exception {
		Softphone phone = DirectMode.softphone();
		try (Sipp sipp = registrar(Sipp.REGISTRAR_OK)) {
			registrar(sipp.localPort());
			Ui.waitFor("registered", () -> phone.registration().state() == RegistrationState.REGISTERED);
			LocalTime expires = LocalTime.now().plusHours(1);
			Ui.waitFor("the status bar says registered", () -> entry().map(i -> i.text().startsWith("SIP: registered"))
					.orElse(false));
			StatusBarService.Item item = entry().get();
			assertTrue(item.text().matches("SIP: registered as 1001@127\\.0\\.0\\.1 \\(expires \\d\\d:\\d\\d\\)"),
					item.text());
			String shown = item.text().substring(item.text().length() - 6, item.text().length() - 1);
			DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
			assertTrue(shown.equals(hhmm.format(expires)) || shown.equals(hhmm.format(expires.minusMinutes(1))),
					"expiry " + shown + ", about " + hhmm.format(expires));
			assertEquals(StatusBarService.Severity.OK, item.severity());
			assertTrue(item.tooltip().contains("for 3600 s"), item.tooltip());
			Ui.screenshot("status-registered");

			DirectMode.softphone(); // back to direct mode: the softphone unregisters first
			sipp.awaitSuccess(1, Duration.ofSeconds(30));
		}
		try (Sipp sipp = registrar(Sipp.REGISTRAR_WRONG_PASSWORD)) {
			registrar(sipp.localPort());
			Ui.waitFor("the status bar says the password is wrong", () -> entry()
					.map(i -> i.text().equals("SIP: authentication failed \u2014 check password")).orElse(false));
			assertEquals(StatusBarService.Severity.ERROR, entry().get().severity());
			assertTrue(entry().get().tooltip().contains("401"), entry().get().tooltip());
			Ui.screenshot("status-authentication-failed");
			sipp.awaitSuccess(1, Duration.ofSeconds(30));
		} finally {
			DirectMode.softphone();
		}
	}
}
