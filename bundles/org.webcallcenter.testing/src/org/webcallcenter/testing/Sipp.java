package org.webcallcenter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sipp (Debian package {@code sip-tester}, 3.6.1) as a test peer: a caller or a callee running one scenario on
 * 127.0.0.1, bounded by a call count, a rate, a concurrency limit and a global time-out, with its screen, error,
 * statistics and message logs in the directory the test gives (one directory per sipp). {@link #await} waits for
 * it to exit and reports the successful and failed calls from its last screen; {@link #close} stops it by pid.
 *
 * <p>The scenarios the softphone tests use are resources of this bundle ({@code scenarios/*.xml}, constants
 * below); each file's comment says what it expects of the softphone. Scenarios that stream audio read the raw
 * µ-law file {@value #RTP_FILE} from sipp's working directory; {@link Builder#start()} always writes one (a
 * 1 kHz tone at -10 dBFS unless {@link Builder#rtpAudio} says otherwise). Media addresses are 127.0.0.1 and the
 * media port is free ({@code -mi}, {@code -mp}). sipp 3.6 streams every call's audio from that one port
 * ({@code [media_port]}), so keep streaming scenarios to one call at a time; and sipp does not decode what it
 * receives: check audio on the softphone's side (its media tap), or make sipp echo it ({@link Builder#rtpEcho()}).
 *
 * <p>Exit codes: 0 every call succeeded, 1 at least one failed, 97 stopped from outside, 99 ended without calls,
 * 255 fatal (a scenario error, a failed bind, {@code -timeout} with {@code -timeout_error}).
 */
public final class Sipp implements AutoCloseable {
	/** Caller: INVITE, optional 1xx, 200, ACK, BYE after the call length, 200. No RTP. */
	public static final String UAC_ANSWER_BYE = "uac-answer-bye.xml";
	/** Caller: as {@link #UAC_ANSWER_BYE} offering PCMU only, streaming {@value #RTP_FILE} while the call lasts. */
	public static final String UAC_CALL_RTP = "uac-call-rtp.xml";
	/** Caller "Customer 42": expects 486, 603 or 480 (after optional 1xx), ACK. */
	public static final String UAC_REJECT = "uac-reject.xml";
	/**
	 * Caller "Customer 42" marked for auto-answer ({@code X-WCC-Auto-Answer}), PCMA only: expects 200, ACK, BYE
	 * after 1 s.
	 */
	public static final String UAC_AUTO_ANSWER = "uac-auto-answer.xml";
	/** Caller: expects 180 or 183, CANCELs 500 ms later, expects 200 and 487, ACK. */
	public static final String UAC_CANCEL = "uac-cancel.xml";
	/** Caller: offers only G.729, expects 488, ACK. */
	public static final String UAC_UNSUPPORTED_CODEC = "uac-unsupported-codec.xml";
	/** Caller: answered call, re-INVITE sendonly expecting recvonly, re-INVITE sendrecv expecting sendrecv, BYE. */
	public static final String UAC_HOLD_RESUME = "uac-hold-resume.xml";
	/** Caller: answered call, INFO application/dtmf-relay digits 1, 5, 9, #, BYE. */
	public static final String UAC_INFO_DTMF = "uac-info-dtmf.xml";
	/** Callee: 100, 180, 200 (copying Record-Route), streams {@value #RTP_FILE}, waits for the BYE. */
	public static final String UAS_ANSWER = "uas-answer.xml";
	/**
	 * Callee without telephone-event: answers, expects DTMF 5 by INFO, a sendonly re-INVITE (answers recvonly), a
	 * sendrecv re-INVITE and the BYE, in that order.
	 */
	public static final String UAS_HOLD_DTMF = "uas-hold-dtmf.xml";
	/** Callee that answers, takes a REFER (202), calls the Refer-To target, NOTIFYs 200, expects the BYE. */
	public static final String UAS_TRANSFEREE = "uas-transferee.xml";
	/**
	 * Callee whose SDP names a {@link LossyUdpRelay} ({@code -set relay_port N}) in front of its RTP echo: run with
	 * {@link Builder#rtpEcho()}, the relay's target being {@link #mediaPort()}. The caller hears itself through
	 * the lossy path.
	 */
	public static final String UAS_ECHO_RELAY = "uas-echo-relay.xml";
	/** Registrar: grants a REGISTER for 3600 s, then expects the unregister (Expires 0) and accepts it. */
	public static final String REGISTRAR_OK = "registrar-ok.xml";
	/** Registrar: challenges a REGISTER (401), then challenges the answer again: the password is wrong. */
	public static final String REGISTRAR_WRONG_PASSWORD = "registrar-wrong-password.xml";
	/** Every scenario of this bundle. */
	public static final List<String> SCENARIOS = List.of(UAC_ANSWER_BYE, UAC_CALL_RTP, UAC_REJECT, UAC_AUTO_ANSWER,
			UAC_CANCEL, UAC_UNSUPPORTED_CODEC, UAC_HOLD_RESUME, UAC_INFO_DTMF, UAS_ANSWER, UAS_HOLD_DTMF, UAS_TRANSFEREE,
			UAS_ECHO_RELAY, REGISTRAR_OK, REGISTRAR_WRONG_PASSWORD);
	/** The raw µ-law (G.711 PCMU, 8 kHz, no header) file the streaming scenarios play in a loop. */
	public static final String RTP_FILE = "rtp.ulaw";

	private static final Pattern SUCCESSFUL = Pattern.compile("Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");
	private static final Pattern FAILED = Pattern.compile("Failed call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");
	private static final Pattern BIND_FAILED = Pattern.compile("Unable to bind|Address already in use");

	private final Process process;
	private final Path dir;
	private final int localPort;
	private final int mediaPort;
	private final List<String> command;

	private Sipp(Process process, Path dir, int localPort, int mediaPort, List<String> command) {
		this.process = process;
		this.dir = dir;
		this.localPort = localPort;
		this.mediaPort = mediaPort;
		this.command = command;
	}

	/** Fails the test, naming the Debian package, when sipp is not installed. */
	public static void requireInstalled() {
		PeerProcess.executable("sipp", "sip-tester");
	}

	/**
	 * Copies one of this bundle's scenarios into {@code dir}.
	 *
	 * @param name one of {@link #SCENARIOS}
	 * @return the copy
	 */
	public static Path scenario(String name, Path dir) throws IOException {
		Objects.requireNonNull(name, "name");
		try (InputStream in = Sipp.class.getResourceAsStream("/scenarios/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no scenario " + name + " in bundle org.webcallcenter.testing "
						+ "(scenarios/ missing from build.properties?); known: " + SCENARIOS);
			}
			Files.createDirectories(dir);
			Path copy = dir.resolve(name);
			Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			return copy;
		}
	}

	/** A caller sending to 127.0.0.1:{@code remotePort}; its files go to {@code dir}. */
	public static Builder caller(Path dir, int remotePort) {
		if (remotePort <= 0 || remotePort > 65535) {
			throw new IllegalArgumentException("remote port " + remotePort);
		}
		return new Builder(dir, remotePort);
	}

	/** A callee waiting on 127.0.0.1; its files go to {@code dir}. */
	public static Builder callee(Path dir) {
		return new Builder(dir, 0);
	}

	/** How sipp is started. Defaults: 1 call, 1 call/s, no call length, 60 s global time-out, messages traced. */
	public static final class Builder {
		private final Path dir;
		private final int remotePort;
		private String scenarioName;
		private Path scenarioFile;
		private String builtIn;
		private String service = "softphone";
		private int localPort;
		private int mediaPort;
		private int calls = 1;
		private int rate = 1;
		private int limit;
		private Duration callLength = Duration.ZERO;
		private Duration timeout = Duration.ofSeconds(60);
		private byte[] rtpAudio;
		private boolean rtpEcho;
		private boolean traceMessages = true;
		private final List<String> extra = new ArrayList<>();

		private Builder(Path dir, int remotePort) {
			this.dir = Objects.requireNonNull(dir, "dir");
			this.remotePort = remotePort;
		}

		/** One of this bundle's {@link #SCENARIOS}. */
		public Builder scenario(String name) {
			this.scenarioName = name;
			this.scenarioFile = null;
			this.builtIn = null;
			return this;
		}

		/** A scenario file of the test's own. */
		public Builder scenarioFile(Path file) {
			this.scenarioFile = file;
			this.scenarioName = null;
			this.builtIn = null;
			return this;
		}

		/** One of sipp's built-in scenarios ({@code uac}, {@code uas}, {@code uac_pcap}, ...; {@code -sn}). */
		public Builder builtIn(String name) {
			this.builtIn = name;
			this.scenarioName = null;
			this.scenarioFile = null;
			return this;
		}

		/** The user part of the Request-URI of a caller ({@code -s}; default "softphone"). */
		public Builder service(String user) {
			this.service = Objects.requireNonNull(user);
			return this;
		}

		/** sipp's own SIP port ({@code -p}; default a free one). */
		public Builder localPort(int port) {
			this.localPort = port;
			return this;
		}

		/** The media port in sipp's SDP, also its RTP echo port ({@code -mp}; default a free even one). */
		public Builder mediaPort(int port) {
			this.mediaPort = port;
			return this;
		}

		/** sipp exits after this many calls ({@code -m}). */
		public Builder calls(int calls) {
			this.calls = positive(calls, "calls");
			return this;
		}

		/** New calls per second of a caller ({@code -r}). */
		public Builder rate(int callsPerSecond) {
			this.rate = positive(callsPerSecond, "rate");
			return this;
		}

		/** At most this many calls at once ({@code -l}; default sipp's). */
		public Builder limit(int concurrentCalls) {
			this.limit = positive(concurrentCalls, "limit");
			return this;
		}

		/** What the scenarios' plain {@code <pause/>} waits: the call length of callers ({@code -d}). */
		public Builder callLength(Duration length) {
			this.callLength = Objects.requireNonNull(length);
			return this;
		}

		/** sipp quits, failing, after this time ({@code -timeout}, {@code -timeout_error}; default 60 s). */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout);
			return this;
		}

		/** The raw µ-law bytes of {@value #RTP_FILE} (for example {@link Tones#muLaw} of a {@link Tones#sine}). */
		public Builder rtpAudio(byte[] muLaw) {
			this.rtpAudio = muLaw.clone();
			return this;
		}

		/** Echo every RTP packet received on the media port to its sender ({@code -rtp_echo}). */
		public Builder rtpEcho() {
			this.rtpEcho = true;
			return this;
		}

		/** Whether to log every SIP message to messages.log (default yes; turn off for thousands of calls). */
		public Builder traceMessages(boolean on) {
			this.traceMessages = on;
			return this;
		}

		/** More sipp options, passed as they are (for example {@code "-set", "name", "value"}). */
		public Builder arguments(String... arguments) {
			extra.addAll(List.of(arguments));
			return this;
		}

		/**
		 * Starts sipp in {@code dir} and returns once its SIP port is bound (or, for a caller, once it exited, if it
		 * was that quick). A port chosen here that someone else took meanwhile is chosen again, up to 3 times.
		 *
		 * @throws AssertionError if sipp is missing or exits before it is ready
		 */
		public Sipp start() throws IOException {
			for (int attempt = 1;; attempt++) {
				Sipp s = startOnce();
				boolean chosenHere = localPort == 0 || mediaPort == 0;
				if (s.isAlive() || !BIND_FAILED.matcher(s.output()).find() || !chosenHere || attempt == 3) {
					if (!s.isAlive() && remotePort == 0) {
						throw new AssertionError("sipp exited with " + s.process.exitValue() + " before it was ready: "
								+ PeerProcess.tail(s.output(), 2000));
					}
					return s;
				}
			}
		}

		private Sipp startOnce() throws IOException {
			String sipp = PeerProcess.executable("sipp", "sip-tester").getPath();
			Files.createDirectories(dir);
			Files.write(dir.resolve(RTP_FILE),
					rtpAudio != null ? rtpAudio : Tones.muLaw(Tones.sine(1000, 8000, 1.0, Tones.amplitude(-10))));
			int sip = localPort > 0 ? localPort : Ports.freeUdpPort();
			int media = mediaPort > 0 ? mediaPort : Ports.freeUdpPortPair();
			List<String> cmd = new ArrayList<>();
			cmd.add(sipp);
			if (remotePort > 0) {
				cmd.add("127.0.0.1:" + remotePort);
			}
			if (builtIn != null) {
				cmd.addAll(List.of("-sn", builtIn));
			} else if (scenarioFile != null) {
				cmd.addAll(List.of("-sf", scenarioFile.toAbsolutePath().toString()));
			} else if (scenarioName != null) {
				cmd.addAll(List.of("-sf", Sipp.scenario(scenarioName, dir).toAbsolutePath().toString()));
			} else {
				throw new IllegalStateException("no scenario: call scenario(), scenarioFile() or builtIn()");
			}
			cmd.addAll(List.of("-s", service, "-i", "127.0.0.1", "-p", Integer.toString(sip), "-mi", "127.0.0.1",
					"-mp", Integer.toString(media), "-m", Integer.toString(calls), "-r", Integer.toString(rate),
					"-d", Long.toString(callLength.toMillis()), "-timeout", timeout.toSeconds() + "s",
					"-timeout_error", "-nostdin", "-trace_err", "-error_file", "errors.log", "-trace_stat", "-stf",
					"stat.csv", "-fd", "1", "-trace_screen", "-screen_file", "screen.log"));
			if (limit > 0) {
				cmd.addAll(List.of("-l", Integer.toString(limit)));
			}
			if (rtpEcho) {
				cmd.add("-rtp_echo");
			}
			if (traceMessages) {
				cmd.addAll(List.of("-trace_msg", "-message_file", "messages.log"));
			}
			cmd.addAll(extra);
			Process process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
					.redirectOutput(dir.resolve("sipp.out").toFile()).start();
			Sipp s = new Sipp(process, dir, sip, media, List.copyOf(cmd));
			try {
				Poll.until("sipp (pid " + process.pid() + ") to bind 127.0.0.1:" + sip,
						() -> !process.isAlive() || Ports.isUdpBound(sip));
			} catch (RuntimeException | Error e) {
				s.close();
				throw e;
			}
			return s;
		}

		private static int positive(int n, String what) {
			if (n <= 0) {
				throw new IllegalArgumentException(what + " must be positive: " + n);
			}
			return n;
		}
	}

	/**
	 * sipp's outcome.
	 *
	 * @param exitCode   0 when every call succeeded, 1 when some failed, 97/99 on other ends, 255 on errors
	 * @param successful successful calls from the last screen, -1 if there was none
	 * @param failed     failed calls from the last screen, -1 if there was none
	 * @param errors     the error log
	 * @param screen     the screen log
	 */
	public record Result(int exitCode, long successful, long failed, String errors, String screen) {
		/** @return whether sipp exited with 0 and reported {@code calls} successful and no failed calls */
		public boolean allSucceeded(long calls) {
			return exitCode == 0 && successful == calls && failed == 0;
		}

		@Override
		public String toString() {
			return "sipp exit " + exitCode + ", " + successful + " successful, " + failed + " failed calls; errors: "
					+ PeerProcess.tail(errors, 3000);
		}
	}

	/**
	 * Waits for sipp to exit.
	 *
	 * @throws AssertionError if it is still running after {@code timeout} (it is stopped then)
	 */
	public Result await(Duration timeout) {
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				close();
				throw new AssertionError("sipp (pid " + process.pid() + ") still running after " + timeout.toSeconds()
						+ " s; screen: " + PeerProcess.tail(screen(), 3000));
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			close();
			throw new AssertionError("interrupted waiting for sipp", e);
		}
		String screen = screen();
		return new Result(process.exitValue(), lastCount(SUCCESSFUL, screen), lastCount(FAILED, screen), errors(),
				screen);
	}

	/**
	 * Waits for sipp to exit and requires {@code calls} successful calls and none failed.
	 *
	 * @throws AssertionError with sipp's errors and the messages' tail otherwise
	 */
	public Result awaitSuccess(long calls, Duration timeout) {
		Result r = await(timeout);
		if (!r.allSucceeded(calls)) {
			throw new AssertionError("expected " + calls + " successful calls: " + r + "\ncommand: "
					+ String.join(" ", command) + "\nmessages: " + PeerProcess.tail(messages(), 4000));
		}
		return r;
	}

	private static long lastCount(Pattern p, String screen) {
		Matcher m = p.matcher(screen);
		long last = -1;
		while (m.find()) {
			last = Long.parseLong(m.group(1));
		}
		return last;
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** sipp's SIP port on 127.0.0.1. */
	public int localPort() {
		return localPort;
	}

	/** The media port in sipp's SDP on 127.0.0.1. */
	public int mediaPort() {
		return mediaPort;
	}

	public Path dir() {
		return dir;
	}

	public List<String> command() {
		return command;
	}

	public String errors() {
		return PeerProcess.read(dir.resolve("errors.log"));
	}

	public String screen() {
		return PeerProcess.read(dir.resolve("screen.log"));
	}

	/** Every SIP message sent and received (when traced). */
	public String messages() {
		return PeerProcess.read(dir.resolve("messages.log"));
	}

	/** sipp's standard output and error. */
	public String output() {
		return PeerProcess.read(dir.resolve("sipp.out"));
	}

	/** Stops sipp by pid (SIGTERM, then SIGKILL after 5 s); harmless after it exited. */
	@Override
	public void close() {
		PeerProcess.stop(process.toHandle(), Duration.ofSeconds(5));
	}
}
