package org.webcallcenter.testing.ui.softphone;

import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.sip.api.RegistrationState;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.testing.ui.Ui;

/**
 * The workstation's real softphone in direct mode (no registrar), ready to call a peer such as sipp on 127.0.0.1 by
 * its address. A separate package of the UI test support, so that only the tests that use the softphone import the
 * softphone's API.
 */
public final class DirectSoftphone {
	private DirectSoftphone() {
	}

	/**
	 * Saves a direct-mode account for {@code user} unless the softphone is in direct mode already, and waits until
	 * it is.
	 *
	 * @return the softphone service
	 */
	public static Softphone of(String user) throws AccountStore.AccountStoreException {
		Softphone phone = Ui.service(Softphone.class);
		if (phone.registration().state() != RegistrationState.DIRECT) {
			Ui.service(AccountStore.class).saveAccount(new SipAccount(SipAccount.Mode.DIRECT, "", user, ""),
					new char[0]);
		}
		Ui.waitFor("direct mode", () -> phone.registration().state() == RegistrationState.DIRECT);
		return phone;
	}
}
