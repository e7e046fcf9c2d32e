package org.webcallcenter.sip.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent's phone for one SIP account: registration and calls. An OSGi service; call state changes are posted to
 * EventAdmin ({@link SoftphoneEvents}). Methods return at once and never block on the network.
 */
@ProviderType
public interface Softphone {

	/** @return the registration as it stands */
	Registration registration();

	/** @return the live calls, oldest first (several lines: call waiting, consultation) */
	List<Call> calls();

	/**
	 * Places a call.
	 *
	 * @throws IllegalStateException when the softphone cannot place calls now (not registered, no network), with a
	 *                               message for the agent
	 */
	Call dial(SipAddress target);

	/**
	 * Places a call to what the agent typed: a SIP address, or a bare extension or number, which goes to the
	 * registrar's domain when the account has a registrar. Without a registrar the address must name an IP address
	 * (the workstation never looks up host names).
	 *
	 * @throws IllegalArgumentException when the text is no address, with a message for the agent
	 * @throws IllegalStateException    as {@link #dial(SipAddress)}
	 * @since 0.2
	 */
	default Call dial(String typed) {
		return dial(SipAddress.parse(typed));
	}

	/** @return a capability of the softphone, for example {@code Conference} or {@code AutoAnswer} */
	<T> Optional<T> capability(Class<T> type);

	/** A local three-way conference: the workstation mixes the calls' audio. */
	interface Conference {
		void join(Call first, Call second);
	}

	/**
	 * Auto-answer: incoming INVITEs carrying the configured header (the call center's routing marks offered calls)
	 * are answered after a short tone to the agent.
	 */
	interface AutoAnswer {
		void setEnabled(boolean enabled);

		boolean isEnabled();
	}
}
