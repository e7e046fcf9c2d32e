package org.webcallcenter.sip.api;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A SIP address of the forms the workstation dials and shows: {@code sip:user@host[:port]}, {@code sip:host[:port]}
 * or a bare {@code user@host[:port]}. Hosts are names, IPv4 literals or bracketed IPv6 literals. URI parameters and
 * headers ({@code ;transport=tcp}, {@code ?subject=}) are kept in {@link #parameters()} unparsed. Parsing is
 * strict: anything else is refused with a message fit for the agent.
 *
 * @param user       the user part, empty when the address names only a host
 * @param host       host name, IPv4 literal or IPv6 literal without brackets
 * @param port       the port, or -1 for the default
 * @param secure     {@code sips:} rather than {@code sip:}
 * @param parameters everything from the first {@code ;} or {@code ?} after the host, or empty
 */
public record SipAddress(String user, String host, int port, boolean secure, String parameters) {
	// compiled once: every incoming call builds a SipAddress on the answer path
	private static final Pattern USER = Pattern.compile("[A-Za-z0-9\\-_.!~*'()&=+$,;?/%]+");
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
	private static final Pattern OTHER_SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*:(?![0-9]+([;?].*)?$).*");
	private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}");
	private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

	public SipAddress {
		user = user == null ? "" : user;
		Objects.requireNonNull(host, "host");
		parameters = parameters == null ? "" : parameters;
		if (host.isEmpty()) {
			throw new IllegalArgumentException("A SIP address needs a host");
		}
		if (port != -1 && (port < 1 || port > 65535)) {
			throw new IllegalArgumentException("Port " + port + " is outside 1-65535");
		}
		if (!user.isEmpty() && !USER.matcher(user).matches()) {
			throw new IllegalArgumentException("The user part '" + user + "' holds characters a SIP address does not allow");
		}
		if (host.contains(":")) {
			if (!IPV6.matcher(host).matches()) {
				throw new IllegalArgumentException("'" + host + "' is not an IPv6 address");
			}
		} else if (!HOST.matcher(host).matches()) {
			throw new IllegalArgumentException("'" + host + "' is not a host name or IP address");
		}
	}

	/**
	 * @param text {@code sip:1001@127.0.0.1:5070}, {@code sips:desk@[::1]}, {@code 1001@10.0.0.1}, ...
	 * @throws IllegalArgumentException with what is wrong
	 */
	public static SipAddress parse(String text) {
		Objects.requireNonNull(text, "text");
		String s = text.strip();
		if (s.startsWith("<") && s.endsWith(">")) {
			s = s.substring(1, s.length() - 1);
		}
		boolean secure = false;
		String lower = s.toLowerCase(Locale.ROOT);
		if (lower.startsWith("sips:")) {
			secure = true;
			s = s.substring(5);
		} else if (lower.startsWith("sip:")) {
			s = s.substring(4);
		} else if (!lower.contains("@") && OTHER_SCHEME.matcher(lower).matches()) {
			// another scheme (tel:, http://); "host:5060" is a host and a port, not a scheme
			throw new IllegalArgumentException("Only sip: and sips: addresses can be dialled, not '" + text + "'");
		}
		int at = s.lastIndexOf('@');
		String user = at < 0 ? "" : s.substring(0, at);
		String hostPart = at < 0 ? s : s.substring(at + 1);
		String parameters = "";
		int cut = indexOfAny(hostPart, ';', '?');
		if (cut >= 0) {
			parameters = hostPart.substring(cut);
			hostPart = hostPart.substring(0, cut);
		}
		String host;
		int port = -1;
		if (hostPart.startsWith("[")) {
			int close = hostPart.indexOf(']');
			if (close < 0) {
				throw new IllegalArgumentException("An IPv6 address in '" + text + "' lacks its closing ']'");
			}
			host = hostPart.substring(1, close);
			String rest = hostPart.substring(close + 1);
			if (!rest.isEmpty()) {
				port = port(rest, text);
			}
		} else {
			int colon = hostPart.indexOf(':');
			if (colon >= 0 && hostPart.indexOf(':', colon + 1) >= 0) {
				throw new IllegalArgumentException("Write an IPv6 address in brackets: sip:user@[" + hostPart + "]");
			}
			host = colon < 0 ? hostPart : hostPart.substring(0, colon);
			if (colon >= 0) {
				port = port(hostPart.substring(colon), text);
			}
		}
		return new SipAddress(user, host, port, secure, parameters);
	}

	private static int port(String colonAndDigits, String text) {
		if (!PORT.matcher(colonAndDigits).matches()) {
			throw new IllegalArgumentException("The port in '" + text + "' is not a number");
		}
		return Integer.parseInt(colonAndDigits.substring(1));
	}

	private static int indexOfAny(String s, char a, char b) {
		int i = s.indexOf(a);
		int j = s.indexOf(b);
		return i < 0 ? j : j < 0 ? i : Math.min(i, j);
	}

	/** @return the port, if one was given */
	public OptionalInt explicitPort() {
		return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
	}

	/** @return whether the host is an IP literal (no name lookup needed) */
	public boolean hostIsLiteral() {
		return host.contains(":") || IPV4.matcher(host).matches();
	}

	/** @return the address as a SIP URI, for example {@code sip:1001@[::1]:5070} */
	@Override
	public String toString() {
		StringBuilder b = new StringBuilder(secure ? "sips:" : "sip:");
		if (!user.isEmpty()) {
			b.append(user).append('@');
		}
		b.append(host.contains(":") ? "[" + host + "]" : host);
		if (port >= 0) {
			b.append(':').append(port);
		}
		return b.append(parameters).toString();
	}
}
