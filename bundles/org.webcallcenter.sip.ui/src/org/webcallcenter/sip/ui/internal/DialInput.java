package org.webcallcenter.sip.ui.internal;

import java.util.Optional;

import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.sip.api.SipAddress;

/**
 * Turns what the agent typed into the address to dial. A plain number or extension ({@code 1234}, {@code 8002},
 * {@code *72}, {@code +86 21 5555 0100}) is dialled through the account's registrar:
 * {@code sip:1234@<registrar host:port>}; the registrar/proxy routes it. In direct mode (no registrar) there is no
 * domain to complete a number with, so the agent must give a full address ({@code sip:1234@192.0.2.10:5060}).
 * Anything with {@code @}, a {@code sip:} scheme, a dot or a port is parsed as a SIP address.
 */
public final class DialInput {

	/** The outcome: an address to dial, or a message for the agent. */
	public sealed interface Result permits Dial, Invalid {
	}

	public record Dial(SipAddress address) implements Result {
	}

	public record Invalid(String message) implements Result {
	}

	private DialInput() {
	}

	/**
	 * @param text    what the agent typed
	 * @param account the agent's SIP account, when known (it gives the registrar that completes plain numbers)
	 */
	public static Result parse(String text, Optional<SipAccount> account) {
		String s = text == null ? "" : text.strip();
		if (s.isEmpty()) {
			return new Invalid("Enter a number, an extension or a SIP address");
		}
		if (isNumberOrExtension(s)) {
			String user = s.replaceAll("[\\s()-]", "").replace("#", "%23");
			if (user.isEmpty()) {
				return new Invalid("'" + s + "' has no digits to dial");
			}
			Optional<SipAccount> registrar = account.filter(a -> a.mode() == SipAccount.Mode.REGISTRAR);
			if (registrar.isEmpty()) {
				return new Invalid("'" + s + "' needs a registrar to route it; without one (direct mode) dial a full "
						+ "address, for example sip:" + user + "@192.0.2.10:5060");
			}
			return parsed("sip:" + user + "@" + registrar.get().registrar(), s);
		}
		return parsed(s, s);
	}

	private static boolean isNumberOrExtension(String s) {
		if (s.contains("@") || s.regionMatches(true, 0, "sip:", 0, 4) || s.regionMatches(true, 0, "sips:", 0, 5)) {
			return false;
		}
		// digits with the usual separators, or a short name-like extension without dots or ports
		return s.matches("\\+?[0-9*#()\\s-]+") || s.matches("[A-Za-z0-9_*#+-]+");
	}

	private static Result parsed(String address, String typed) {
		try {
			SipAddress a = SipAddress.parse(address);
			return new Dial(a);
		} catch (IllegalArgumentException e) {
			return new Invalid("Cannot dial '" + typed + "': " + e.getMessage());
		}
	}
}
