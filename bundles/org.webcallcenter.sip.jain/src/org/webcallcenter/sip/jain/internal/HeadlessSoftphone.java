package org.webcallcenter.sip.jain.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.agent.api.AgentEvents;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.media.audio.AudioMode;
import org.webcallcenter.media.audio.ToneSource;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.Registration;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.sip.api.SoftphoneEvents;

/**
 * The softphone without a window, for servers, the test suites and the benchmarks:
 *
 * <pre>
 * webcallcenter -application org.webcallcenter.sip.jain.headless -listen 127.0.0.1:5070
 *     [-account direct:USER | -account USER@REGISTRAR_IP[:PORT][;transport=udp|tcp|tls] [-auth-user NAME]]
 *         (password: $WCC_SIP_PASSWORD; sips:USER@IP[:PORT] also means TLS)
 *     [-tls-port N (default: the listen port + 1)]   [-tls-trust CA_FILE (PEM/DER, trusted besides the JDK's)]
 *     [-auto-answer always|header|off]   [-dial sip:user@ip:port]   [-tone HZ]   [-lines N (default 100)]
 *     [-warm-up CALLS (default 3000; 0: none)]
 * </pre>
 * Before it listens it warms its call path with calls between two private user agents on loopback
 * ({@link CallPathWarmUp}), so that its first real calls are answered as fast as later ones; it says so on one line.
 *
 * It prints one line per event on standard output ({@code softphone: listening 127.0.0.1:5070},
 * {@code softphone: call <id> <state> <remote>}, {@code softphone: registration <state> <detail>}) and runs until
 * it is stopped (SIGTERM), then ends its calls and unregisters.
 */
public final class HeadlessSoftphone implements IApplication {
	/** The application id (bundle name + extension id). */
	public static final String ID = "org.webcallcenter.sip.jain.headless";
	private static final String LINE = "softphone: ";
	/** Calls at once a server takes by default (the workstation: 4, one agent's lines). */
	static final int DEFAULT_LINES = 100;
	/** The longest the warm-up may delay listening. */
	private static final java.time.Duration WARM_UP_LIMIT = java.time.Duration.ofSeconds(30);

	private final CountDownLatch stop = new CountDownLatch(1);

	/** Parsed command line. */
	record Options(InetSocketAddress listen, SipAccount account, String autoAnswer, SipAddress dial, double toneHz,
			int lines, int tlsPort, String tlsTrust, int warmUpCalls) {
		static Options parse(String[] args) {
			InetSocketAddress listen = null;
			SipAccount account = new SipAccount(SipAccount.Mode.DIRECT, "", "softphone", "");
			String authUser = "";
			String autoAnswer = "always";
			SipAddress dial = null;
			double tone = 0;
			int lines = DEFAULT_LINES;
			int tlsPort = -1;
			String tlsTrust = "";
			int warmUp = CallPathWarmUp.DEFAULT_CALLS;
			List<String> a = new ArrayList<>(Arrays.asList(args));
			for (int i = 0; i < a.size(); i++) {
				String key = a.get(i).replaceFirst("^--?", "").toLowerCase(Locale.ROOT);
				if (!List.of("listen", "account", "auth-user", "auto-answer", "dial", "tone", "lines", "tls-port",
						"tls-trust", "warm-up").contains(key)) {
					continue; // launcher arguments (-os, -ws, ...)
				}
				if (i + 1 >= a.size()) {
					throw new IllegalArgumentException("-" + key + " needs a value");
				}
				String value = a.get(++i);
				switch (key) {
				case "listen" -> {
					SipAddress s = SipAddress.parse(value);
					if (!s.hostIsLiteral() || s.explicitPort().isEmpty()) {
						throw new IllegalArgumentException("-listen takes IP:port, for example 127.0.0.1:5070");
					}
					listen = new InetSocketAddress(s.host(), s.port());
				}
				case "account" -> account = account(value);
				case "auth-user" -> authUser = value;
				case "auto-answer" -> {
					autoAnswer = value.toLowerCase(Locale.ROOT);
					if (!List.of("always", "header", "off").contains(autoAnswer)) {
						throw new IllegalArgumentException("-auto-answer takes always, header or off");
					}
				}
				case "dial" -> dial = SipAddress.parse(value);
				case "tls-port" -> {
					try {
						tlsPort = Integer.parseInt(value);
					} catch (NumberFormatException e) {
						tlsPort = -1;
					}
					if (tlsPort < 0 || tlsPort > 65535) {
						throw new IllegalArgumentException("-tls-port takes a port, 0 to 65535 (0: a free one)");
					}
				}
				case "tls-trust" -> {
					if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(value))) {
						throw new IllegalArgumentException("-tls-trust: cannot read the file " + value);
					}
					tlsTrust = value;
				}
				case "warm-up" -> {
					try {
						warmUp = Integer.parseInt(value);
					} catch (NumberFormatException e) {
						warmUp = -1;
					}
					if (warmUp < 0 || warmUp > 100_000) {
						throw new IllegalArgumentException("-warm-up takes a number of calls, 0 to 100000");
					}
				}
				case "lines" -> {
					try {
						lines = Integer.parseInt(value);
					} catch (NumberFormatException e) {
						lines = 0;
					}
					if (lines < 1 || lines > 10_000) {
						throw new IllegalArgumentException("-lines takes a number of calls at once, 1 to 10000");
					}
				}
				case "tone" -> {
					try {
						tone = Double.parseDouble(value);
					} catch (NumberFormatException e) {
						tone = -1;
					}
					if (tone < 50 || tone > 3800) {
						throw new IllegalArgumentException("-tone takes a frequency of 50 to 3800 Hz");
					}
				}
				default -> throw new IllegalStateException(key);
				}
			}
			if (listen == null) {
				throw new IllegalArgumentException("-listen IP:port is required, for example -listen 127.0.0.1:5070");
			}
			if (!authUser.isEmpty()) {
				account = new SipAccount(account.mode(), account.registrar(), account.user(), authUser);
			}
			if (tlsPort < 0) {
				tlsPort = Integer.parseInt(SipStackComponent.defaultTlsPort(Integer.toString(listen.getPort())));
			}
			return new Options(listen, account, autoAnswer, dial, tone, lines, tlsPort, tlsTrust, warmUp);
		}

		private static SipAccount account(String value) {
			if (value.startsWith("direct:")) {
				return new SipAccount(SipAccount.Mode.DIRECT, "", value.substring("direct:".length()), "");
			}
			SipAddress aor = SipAddress.parse(value);
			if (aor.user().isEmpty()) {
				throw new IllegalArgumentException(
						"-account takes direct:USER or USER@REGISTRAR_IP[:PORT][;transport=udp|tcp|tls]");
			}
			String registrar = aor.host().contains(":") ? "[" + aor.host() + "]" : aor.host();
			String transport = SipStack.transportOf(aor);
			return new SipAccount(SipAccount.Mode.REGISTRAR,
					registrar + (aor.explicitPort().isPresent() ? ":" + aor.port() : "")
							+ ("udp".equals(transport) ? "" : ";transport=" + transport),
					aor.user(), "");
		}
	}

	@Override
	public Object start(IApplicationContext context) throws Exception {
		String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
				new String[0]);
		PrintStream out = System.out;
		Options options;
		try {
			options = Options.parse(args);
		} catch (IllegalArgumentException e) {
			System.err.println(LINE + "error: " + e.getMessage());
			return Integer.valueOf(2);
		}
		context.applicationRunning();
		BundleContext bundle = FrameworkUtil.getBundle(getClass()).getBundleContext();
		ServiceTracker<SipStackComponent, SipStackComponent> stacks = new ServiceTracker<>(bundle,
				SipStackComponent.class, null);
		ServiceTracker<SoftphoneComponent, SoftphoneComponent> phones = new ServiceTracker<>(bundle,
				SoftphoneComponent.class, null);
		stacks.open();
		phones.open();
		ServiceRegistration<EventHandler> printer = bundle.registerService(EventHandler.class, event -> {
			Object data = event.getProperty(AgentEvents.PROPERTY_DATA);
			if (data instanceof CallEvent c) {
				out.println(LINE + "call " + c.call().id() + " " + c.current() + " " + c.call().remote()
						+ c.call().end().map(e -> " " + e.description()).orElse(""));
			} else if (data instanceof Registration r) {
				out.println(LINE + "registration " + r.state() + " " + r.detail());
			}
			out.flush();
		}, new java.util.Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, SoftphoneEvents.TOPIC_BASE + "*")));
		Thread hook = new Thread(stop::countDown, "softphone shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			SipStackComponent stack = stacks.waitForService(30_000);
			SoftphoneComponent phone = phones.waitForService(30_000);
			if (stack == null || phone == null) {
				System.err.println(LINE + "error: the softphone components did not start");
				return Integer.valueOf(1);
			}
			if (options.warmUpCalls() > 0) {
				out.println(LINE + CallPathWarmUp.run(options.warmUpCalls(), WARM_UP_LIMIT,
						UserAgent.Settings.DEFAULT.codecs()).describe());
				out.flush();
			}
			stack.listen(options.listen().getAddress().getHostAddress(), options.listen().getPort(),
					options.tlsPort(), options.tlsTrust());
			try {
				InetSocketAddress bound = stack.started().toCompletableFuture().get(30, TimeUnit.SECONDS);
				SipStack running = stack.stack();
				out.println(LINE + "listening " + UserAgent.hostText(bound.getAddress().getHostAddress()) + ":"
						+ bound.getPort() + (running == null ? ""
								: running.tlsProblem().map(p -> " (" + p + ")")
										.orElseGet(() -> " (TLS on port " + running.port("tls") + ")")));
			} catch (Exception e) {
				System.err.println(LINE + "error: " + (e.getCause() != null ? e.getCause().getMessage() : e));
				return Integer.valueOf(1);
			}
			if (options.toneHz() > 0) {
				double hz = options.toneHz();
				phone.audio(AudioMode.headless(() -> ToneSource.testTone(hz, -20)));
				out.println(LINE + "sending a " + hz + " Hz test tone at -20 dBFS on every call");
			}
			UserAgent ua = phone.awaitReady().orElseThrow(() -> new IOException("The softphone did not start"));
			char[] password = System.getenv().getOrDefault("WCC_SIP_PASSWORD", "").toCharArray();
			phone.apply(options.account(), password);
			Arrays.fill(password, '\0');
			ua.setAutoAnswer(!options.autoAnswer().equals("off"));
			ua.settings(ua.settingsNow().withMaxLines(options.lines()));
			phone.answerAll(options.autoAnswer().equals("always"));
			if (options.dial() != null) {
				Call call = phone.dial(options.dial());
				out.println(LINE + "dialled " + call.id() + " " + call.remote());
			}
			out.flush();
			stop.await();
			return IApplication.EXIT_OK;
		} finally {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			} catch (IllegalStateException e) {
				// shutting down
			}
			printer.unregister();
			phones.close();
			stacks.close();
		}
	}

	@Override
	public void stop() {
		stop.countDown();
	}
}
