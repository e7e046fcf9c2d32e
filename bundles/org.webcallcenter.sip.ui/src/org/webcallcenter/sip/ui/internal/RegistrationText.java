package org.webcallcenter.sip.ui.internal;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.app.api.StatusBarService.Severity;
import org.webcallcenter.sip.api.Registration;

/** What the status bar says about the SIP registration: one line, a severity and a tooltip with the details. */
public final class RegistrationText {
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
	private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("HH:mm:ss");
	static final String TOOLTIP = "The softphone's registration with the SIP registrar";

	/** One status bar entry's content. */
	public record Shown(String text, Severity severity, String tooltip) {
	}

	private RegistrationText() {
	}

	/** @return the entry while no softphone service is running */
	public static Shown unavailable() {
		return new Shown("SIP: softphone not available", Severity.WARNING,
				TOOLTIP + ": the softphone service is not running, calls cannot be placed or received");
	}

	/**
	 * @param r    the registration
	 * @param aor  the address of record, for example {@code 1001@127.0.0.1}, when the account is known
	 * @param zone the zone the agent reads times in
	 */
	public static Shown of(Registration r, Optional<String> aor, ZoneId zone) {
		String as = aor.filter(s -> !s.isBlank()).map(s -> " as " + s).orElse("");
		String tooltip = TOOLTIP + (r.detail().isBlank() ? "" : ": " + r.detail()) + " (since "
				+ SINCE.format(LocalTime.ofInstant(r.since(), zone)) + ")";
		return switch (r.state()) {
		case REGISTERED -> new Shown("SIP: registered" + as + r.expiresAt()
				.map(e -> " (expires " + TIME.format(LocalTime.ofInstant(e, zone)) + ")").orElse(""),
				Severity.OK, tooltip);
		case REGISTERING -> new Shown("SIP: registering" + as + "...", Severity.INFO, tooltip);
		case AUTHENTICATION_FAILED -> new Shown("SIP: authentication failed \u2014 check password", Severity.ERROR,
				tooltip);
		case UNREACHABLE -> new Shown("SIP: registrar unreachable, retrying", Severity.WARNING, tooltip);
		case DIRECT -> new Shown("SIP: direct mode" + as + ", no registrar", Severity.OK, tooltip);
		case UNREGISTERED -> new Shown("SIP: not registered", Severity.INFO, tooltip);
		};
	}

	/** @return {@code user@registrar-host} in registrar mode, the user alone in direct mode, empty without a user */
	public static Optional<String> addressOfRecord(SipAccount account) {
		if (account.user().isEmpty()) {
			return Optional.empty();
		}
		if (account.mode() == SipAccount.Mode.DIRECT || account.registrar().isEmpty()) {
			return Optional.of(account.user());
		}
		return Optional.of(account.user() + "@" + registrarHost(account.registrar()));
	}

	/** @return the host of {@code host[:port]} or {@code [v6]:port} */
	static String registrarHost(String registrar) {
		if (registrar.startsWith("[")) {
			int close = registrar.indexOf(']');
			return close < 0 ? registrar : registrar.substring(0, close + 1);
		}
		int colon = registrar.indexOf(':');
		return colon < 0 ? registrar : registrar.substring(0, colon);
	}
}
