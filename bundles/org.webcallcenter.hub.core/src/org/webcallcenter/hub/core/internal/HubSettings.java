package org.webcallcenter.hub.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The hub's configuration, from component properties (ConfigAdmin PID {@value #PID}) or else framework properties
 * named {@code org.webcallcenter.hub.<key>}. Bad values are refused with a message naming the key.
 *
 * @param address IP literal to listen on (default 127.0.0.1; host names are refused: no DNS look-ups)
 * @param port TCP port (default 8480, the workstation preference's default; 0 picks a free one)
 * @param allowedOrigins Origins allowed to open customer connections (default: the hub's own origin)
 * @param maxMessageBytes the size limit of every WebSocket message (default 2 MiB)
 * @param idleTimeout a connection with no traffic for this long is closed (the script pings every 15 s)
 * @param sessionTimeout a session whose customer page is gone this long ends
 * @param dataDir where session records are kept
 * @param recordRetention how long a session record is kept after its last message (default 7 days,
 *        {@code recordRetentionDays}); the workstation keeps its own copy with the call's interaction
 * @param wireLog file that receives every byte the hub receives (diagnostics and tests only), or null
 */
record HubSettings(InetAddress address, int port, Set<String> allowedOrigins, int maxMessageBytes,
		Duration idleTimeout, Duration sessionTimeout, Path dataDir, Path wireLog, Duration recordRetention) {
	static final String PID = "org.webcallcenter.hub";
	static final int DEFAULT_PORT = 8480;
	static final int DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
	static final int DEFAULT_RECORD_RETENTION_DAYS = 7;

	/**
	 * @param lookup the configured value of a key, or null
	 * @param defaultDataDir the data directory when none is configured
	 * @throws IllegalArgumentException naming the key of a bad value
	 */
	static HubSettings from(Function<String, String> lookup, Path defaultDataDir) {
		InetAddress address = ipLiteral(value(lookup, "address", "127.0.0.1"));
		int port = integer(lookup, "port", DEFAULT_PORT, 0, 65535);
		String origins = value(lookup, "allowedOrigins", "");
		Set<String> allowed = new LinkedHashSet<>();
		Arrays.stream(origins.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(o -> {
			if (!o.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
				throw new IllegalArgumentException("allowedOrigins: not an origin (scheme://host[:port]): " + o);
			}
			allowed.add(o);
		});
		int max = integer(lookup, "maxMessageBytes", DEFAULT_MAX_MESSAGE_BYTES, 1024, 64 * 1024 * 1024);
		Duration idle = Duration.ofSeconds(integer(lookup, "idleTimeoutSeconds", 60, 1, 3600));
		Duration session = Duration.ofSeconds(integer(lookup, "sessionTimeoutSeconds", 120, 1, 24 * 3600));
		String data = value(lookup, "dataDir", "");
		String wire = value(lookup, "wireLog", "");
		Duration retention = Duration.ofDays(integer(lookup, "recordRetentionDays", DEFAULT_RECORD_RETENTION_DAYS,
				1, 3650));
		return new HubSettings(address, port, Set.copyOf(allowed), max, idle, session,
				data.isEmpty() ? defaultDataDir : Path.of(data), wire.isEmpty() ? null : Path.of(wire), retention);
	}

	/** @return the allowed origins, with the hub's own origin(s) added for the port actually bound */
	Set<String> originsFor(int boundPort) {
		Set<String> all = new LinkedHashSet<>(allowedOrigins);
		String host = address.getHostAddress();
		all.add("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort);
		if (address.isLoopbackAddress()) {
			all.add("http://localhost:" + boundPort);
		}
		return Set.copyOf(all);
	}

	private static String value(Function<String, String> lookup, String key, String fallback) {
		String v = lookup.apply(key);
		return v == null ? fallback : v.trim();
	}

	private static int integer(Function<String, String> lookup, String key, int fallback, int min, int max) {
		String v = value(lookup, key, Integer.toString(fallback));
		try {
			int i = Integer.parseInt(v);
			if (i < min || i > max) {
				throw new IllegalArgumentException(key + ": " + i + " is not in " + min + ".." + max);
			}
			return i;
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(key + ": not a number: " + v, e);
		}
	}

	private static InetAddress ipLiteral(String s) {
		if (!s.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
			throw new IllegalArgumentException("address: an IP literal is needed (no host names): " + s);
		}
		try {
			return InetAddress.getByName(s);
		} catch (UnknownHostException e) {
			throw new IllegalArgumentException("address: not an IP address: " + s, e);
		}
	}
}
