package org.webcallcenter.recording.ui.internal;

import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.sip.api.RegistrationState;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.testing.ui.Ui;

/** The workstation's softphone ready to call sipp on 127.0.0.1 directly (no registrar). */
final class TestCalls {
	private TestCalls() {
	}

	/** @return the softphone, in direct mode */
	static Softphone directMode() throws Exception {
		Softphone phone = Ui.service(Softphone.class);
		if (phone.registration().state() != RegistrationState.DIRECT) {
			Ui.service(AccountStore.class).saveAccount(new SipAccount(SipAccount.Mode.DIRECT, "", "agent2001", ""),
					new char[0]);
		}
		Ui.waitFor("direct mode", () -> phone.registration().state() == RegistrationState.DIRECT);
		return phone;
	}
}
