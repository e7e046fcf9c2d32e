package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.app.api.StatusBarService;
import org.webcallcenter.sip.api.Registration;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.testing.ui.Ui;
import org.webcallcenter.testing.ui.softphone.DirectSoftphone;

/** Puts the real softphone into direct mode (no registrar) with the account {@value #USER}. */
final class DirectMode {
	static final String USER = "agent1001";
	private static final String PREFIX = "Direct calls to ";

	private DirectMode() {
	}

	/** @return the softphone, in direct mode, once the status bar says so */
	static Softphone softphone() throws AccountStore.AccountStoreException {
		Softphone phone = DirectSoftphone.of(USER);
		StatusBarService bar = Ui.service(StatusBarService.class);
		Ui.waitFor("the status bar says direct mode", () -> bar.items().stream().anyMatch(i -> i.id()
				.equals(RegistrationStatusEntry.ID) && i.text().equals("SIP: direct mode as " + USER + ", no registrar")));
		return phone;
	}

	/**
	 * @return the softphone's SIP port, read from the registration detail ("Direct calls to sip:user@ip:port"): the
	 *         API has no other way to tell a peer where to call
	 */
	static int port(Softphone phone) {
		Registration r = phone.registration();
		assertTrue(r.detail().startsWith(PREFIX), "direct-mode detail names the address: " + r.detail());
		return SipAddress.parse(r.detail().substring(PREFIX.length())).explicitPort().getAsInt();
	}
}
