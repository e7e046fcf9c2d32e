package org.webcallcenter.sip.jain.internal;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.webcallcenter.testing.Poll;


/**
 * A real registrar for tests: Kamailio (Debian package {@code kamailio}) on 127.0.0.1 with digest authentication
 * against one fixed password, no database, its control socket and all files in a private directory. It logs one
 * {@code WCC-REQ} line per request it receives, so tests can count REGISTERs. Stopped by pid: SIGTERM, then
 * SIGKILL of it and its children.
 * <p>
 * {@link #startTls} adds a TLS listener (module {@code tls.so}, Debian package {@code kamailio-tls-modules}) with a
 * certificate the test made; requests over TLS get {@code force_tcp_alias()}, so Kamailio reaches a phone through
 * the connection the phone opened (the phone accepts no TLS connections itself).
 */
final class Kamailio implements AutoCloseable {
	static final String KAMAILIO = "/usr/sbin/kamailio";
	static final String KAMCMD = "/usr/sbin/kamcmd";
	private static final String MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules/";
	private static final Pattern REGISTER_LINE = Pattern.compile("WCC-REQ REGISTER .*expires=(\\S*)");

	private final Path dir;
	private final int port;
	private final Process process;
	private final Path log;
	private final int tlsPort;

	private Kamailio(Path dir, int port, int tlsPort, Process process, Path log) {
		this.dir = dir;
		this.port = port;
		this.tlsPort = tlsPort;
		this.process = process;
		this.log = log;
	}

	/** A TLS listener: its port, and the server's certificate and private key (PEM files). */
	record Tls(int port, Path certificate, Path privateKey) {
	}

	/** Fails the test, naming the Debian package, when Kamailio is not installed. */
	static void requireInstalled() {
		if (!new File(KAMAILIO).canExecute() || !new File(KAMCMD).canExecute()) {
			throw new AssertionError("Kamailio is not installed (" + KAMAILIO + ", " + KAMCMD
					+ "): install the Debian package kamailio (apt-get install -y kamailio; .ci/run does this on CI)");
		}
	}

	/**
	 * Starts Kamailio listening on UDP 127.0.0.1:{@code port} and waits until it answers an OPTIONS.
	 *
	 * @param dir      private directory for the configuration, control socket, pid file and log
	 * @param password the one password that REGISTER must prove
	 */
	static Kamailio start(Path dir, int port, String password) throws IOException {
		return start(dir, port, password, null);
	}

	/** Fails the test, naming the Debian package, when Kamailio's TLS module is not installed. */
	static void requireTlsInstalled() {
		requireInstalled();
		if (!new File(MODULES + "tls.so").canRead()) {
			throw new AssertionError("Kamailio's TLS module is not installed (" + MODULES + "tls.so): install the "
					+ "Debian package kamailio-tls-modules (.ci/run does this on CI)");
		}
	}

	/** As {@link #start(Path, int, String)}, also listening on TCP on the same port (free for both: the caller's job). */
	static Kamailio startWithTcp(Path dir, int port, String password) throws IOException {
		return start(dir, port, password, new Tls(-1, null, null));
	}

	/** As {@link #start(Path, int, String)}, also listening on TLS 127.0.0.1:{@code tls.port()}. */
	static Kamailio startTls(Path dir, int port, String password, Tls tls) throws IOException {
		requireTlsInstalled();
		return start(dir, port, password, tls);
	}

	private static Kamailio start(Path dir, int port, String password, Tls tls) throws IOException {
		requireInstalled();
		Files.createDirectories(dir);
		Path run = Files.createDirectories(dir.resolve("run"));
		Path cfg = dir.resolve("kamailio.cfg");
		String config = config(port, password, dir.resolve("ctl.sock"));
		if (tls != null && tls.port() < 0) {
			config = config.replace("#TLS-LISTEN", "listen=tcp:127.0.0.1:" + port);
		} else if (tls != null) {
			Path tlsCfg = dir.resolve("tls.cfg");
			Files.writeString(tlsCfg, """
					[server:default]
					method = TLSv1.2+
					verify_certificate = no
					require_certificate = no
					certificate = %s
					private_key = %s
					[client:default]
					method = TLSv1.2+
					verify_certificate = no
					""".formatted(tls.certificate(), tls.privateKey()), StandardCharsets.US_ASCII);
			config = config.replace("#TLS-LISTEN", "enable_tls=yes\nlisten=tls:127.0.0.1:" + tls.port())
					.replace("#TLS-MODULE", "loadmodule \"tls.so\"\nmodparam(\"tls\", \"config\", \"" + tlsCfg + "\")")
					.replace("#TLS-ALIAS", "if (proto == TLS) { force_tcp_alias(); }");
		}
		Files.writeString(cfg, config, StandardCharsets.US_ASCII);
		Path log = dir.resolve("kamailio.log");
		Process process = new ProcessBuilder(KAMAILIO, "-f", cfg.toString(), "-DD", "-E", "-n", "1", "-Y",
				run.toString(), "-P", dir.resolve("kamailio.pid").toString()).directory(dir.toFile())
				.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
		Kamailio k = new Kamailio(dir, port, tls == null ? -1 : tls.port(), process, log);
		try {
			k.awaitAnswering();
		} catch (IOException | RuntimeException | Error e) {
			k.close();
			throw e;
		}
		return k;
	}

	private static String config(int port, String password, Path ctl) {
		return """
				#!KAMAILIO
				debug=2
				log_stderror=yes
				children=1
				auto_aliases=no
				dns=no
				rev_dns=no
				listen=udp:127.0.0.1:%1$d
				#TLS-LISTEN
				mpath="%2$s"
				#TLS-MODULE
				loadmodule "tm.so"
				loadmodule "sl.so"
				loadmodule "rr.so"
				loadmodule "pv.so"
				loadmodule "maxfwd.so"
				loadmodule "textops.so"
				loadmodule "siputils.so"
				loadmodule "usrloc.so"
				loadmodule "registrar.so"
				loadmodule "auth.so"
				loadmodule "xlog.so"
				loadmodule "ctl.so"
				modparam("ctl", "binrpc", "unix:%3$s")
				modparam("usrloc", "db_mode", 0)
				modparam("registrar", "min_expires", 1)
				request_route {
					xlog("L_NOTICE", "WCC-REQ $rm cseq=$cs expires=$hdr(Expires) auth=$au proto=$pr\\n");
					#TLS-ALIAS
					if (is_method("REGISTER")) {
						if (!pv_auth_check("$fd", "%4$s", "0", "1")) {
							if ($rc == -2) {
								sl_send_reply("403", "Forbidden");
								exit;
							}
							auth_challenge("$fd", "1");
							exit;
						}
						if (!save("location")) {
							sl_reply_error();
						}
						exit;
					}
					if (is_method("OPTIONS") && !has_totag()) {
						sl_send_reply("200", "OK");
						exit;
					}
					# calls between registered users: INVITEs must prove the password (407), the proxy stays
					# in the dialog (Record-Route)
					if (has_totag()) {
						if (loose_route()) {
							t_relay();
						} else if (is_method("ACK") && t_check_trans()) {
							t_relay();
						}
						exit;
					}
					if (is_method("CANCEL")) {
						if (t_check_trans()) {
							t_relay();
						}
						exit;
					}
					if (is_method("INVITE")) {
						if (!pv_proxy_authenticate("$fd", "%4$s", "0")) {
							proxy_challenge("$fd", "1");
							exit;
						}
						consume_credentials();
						record_route();
						if (!lookup("location")) {
							sl_send_reply("404", "Not Found");
							exit;
						}
						t_relay();
						exit;
					}
					sl_send_reply("404", "Not Found");
				}
				""".formatted(port, MODULES, ctl, password);
	}

	private void awaitAnswering() throws IOException {
		try (SipUdpClient client = new SipUdpClient(new InetSocketAddress(SipUdpClient.LOOPBACK, port))) {
			long deadline = System.nanoTime() + Poll.TIMEOUT.toNanos();
			while (System.nanoTime() - deadline < 0) {
				if (!process.isAlive()) {
					throw new AssertionError("Kamailio exited with " + process.exitValue() + ": " + log());
				}
				client.send(client.options().text());
				if (client.receive(Duration.ofMillis(200)).isPresent()) {
					return;
				}
			}
			throw new AssertionError("Kamailio on 127.0.0.1:" + port + " did not answer OPTIONS within "
					+ Poll.TIMEOUT.toSeconds() + " s: " + log());
		}
	}

	int port() {
		return port;
	}

	/** @return the TLS port, or -1 without TLS */
	int tlsPort() {
		return tlsPort;
	}

	/** @return the Expires values of the REGISTERs received so far, in order */
	List<String> registerExpires() {
		return REGISTER_LINE.matcher(log()).results().map(m -> m.group(1)).toList();
	}

	/** @return how many REGISTERs Kamailio received so far */
	int registers() {
		return registerExpires().size();
	}

	/** @return Kamailio's location table ({@code kamcmd ul.dump}) */
	String locations() {
		try {
			Process p = new ProcessBuilder(KAMCMD, "-s", "unix:" + dir.resolve("ctl.sock"), "ul.dump")
					.redirectErrorStream(true).start();
			if (!p.waitFor(10, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new AssertionError("kamcmd ul.dump did not finish within 10 s");
			}
			return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new AssertionError("kamcmd failed", e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", e);
		}
	}

	/** @return whether the location table holds this contact URI (for example sip:1001@127.0.0.1:5070) */
	boolean hasContact(String contact) {
		return Pattern.compile("Address: " + Pattern.quote(contact) + "\\b").matcher(locations()).find();
	}

	String log() {
		try {
			return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no log)";
		} catch (IOException e) {
			return "(log unreadable: " + e + ")";
		}
	}

	/** Stops Kamailio by pid: SIGTERM, then SIGKILL of it and every child still alive after 5 s. */
	@Override
	public void close() {
		ProcessHandle handle = process.toHandle();
		List<ProcessHandle> children = handle.descendants().toList();
		handle.destroy();
		try {
			handle.onExit().get(5, TimeUnit.SECONDS);
		} catch (Exception e) {
			handle.destroyForcibly();
		}
		for (ProcessHandle child : children) {
			if (child.isAlive()) {
				child.destroyForcibly();
			}
		}
	}

	/** @return a port free for both UDP and TCP on 127.0.0.1 right now */
	static int freeUdpAndTcpPort() throws IOException {
		for (int attempt = 0; attempt < 20; attempt++) {
			int port = freeUdpPort();
			try (java.net.ServerSocket tcp = new java.net.ServerSocket(port, 1, SipUdpClient.LOOPBACK)) {
				return port;
			} catch (IOException e) {
				// taken for TCP: try another
			}
		}
		throw new IOException("no port free for both UDP and TCP on 127.0.0.1 after 20 attempts");
	}

	static int freeUdpPort() throws IOException {
		try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(SipUdpClient.LOOPBACK, 0))) {
			return s.getLocalPort();
		}
	}
}
