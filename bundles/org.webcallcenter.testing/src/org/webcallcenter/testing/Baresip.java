package org.webcallcenter.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * baresip (Debian package {@code baresip-core} 1.0) as the far-end phone of a test, with a private configuration
 * directory it generates ({@code baresip -f <dir>}): SIP on UDP 127.0.0.1 only ({@code sip_listen},
 * {@code net_interface 127.0.0.1}), one local account without registration, G.711 µ-law and A-law only, the
 * {@code ausine} module as its microphone, the ALSA {@code null} device as its speaker (no sound card needed), and
 * the {@code sndfile} module writing what it sends and what it decodes to WAV files in {@link #audioDir()}.
 *
 * <p>Facts about baresip 1.0 that shaped this class (found by trying):
 * <ul>
 * <li>{@code ausine} takes its frequency from the device name ({@code audio_source ausine,<Hz>}; default here
 * 440 Hz) and only runs at 48 kHz ({@code ausrc_srate 48000}, stereo); baresip resamples it to the codec's
 * 8 kHz mono. Over G.711 the decoded tone reads about -9 to -10.5 dBFS RMS on {@link Tones}' scale.</li>
 * <li>{@code sndfile} writes {@code dump-<yyyy-mm-dd-hh-mm-ss>-enc.wav} (sent) and {@code -dec.wav}
 * (received, decoded), 16-bit mono at the codec's rate, named by the second the call's audio starts: two calls
 * starting in the same second share a name. The header is final once the call ended. It cuts the whole path at
 * 127 characters, so it writes through a short link in the temporary directory.</li>
 * <li>Its console output is block-buffered when it is not a terminal: it runs under {@code stdbuf -oL}.</li>
 * <li>The ALSA {@code null} speaker never blocks, so its player thread spins: about 65 % of a core per active call
 * on the project's machines. Keep calls few and short.</li>
 * <li>It logs no "Call ... terminated" line for a call it ends after a blind transfer.</li>
 * <li>Commands go to its standard input through the {@code stdio} UI module (which accepts a pipe) and the
 * {@code menu} module: {@code /dial <uri>}, {@code /accept}, {@code /hangup} (rejects a ringing call with
 * 486), {@code /transfer <uri>} (REFER), {@code /quit}.</li>
 * </ul>
 * Started and stopped by pid; {@link #close} sends SIGTERM (baresip hangs up its calls and closes its files),
 * then SIGKILL after 5 s.
 */
public final class Baresip implements AutoCloseable {
	/** How an incoming call is answered. */
	public enum Answer {
		/** At once (account parameter {@code answermode=auto}). */
		AUTO,
		/** Rings (180) until {@link #accept()} or {@link #hangup()}. */
		MANUAL
	}

	/** A port chosen free was taken by someone else before baresip bound it: chosen again. */
	private static final class PortTaken extends RuntimeException {
		private static final long serialVersionUID = 1L;

		PortTaken(String message) {
			super(message, null, false, false);
		}
	}

	/** The only rate the ausine tone generator runs at. */
	public static final int AUSINE_SAMPLE_RATE = 48000;
	private static final Pattern READY = Pattern.compile("baresip is ready\\.");
	private static final Pattern ESTABLISHED = Pattern.compile("Call established");
	private static final Pattern TERMINATED = Pattern.compile("Call with \\S+ terminated");

	private final Process process;
	private final Path dir;
	private final int sipPort;
	private final String user;
	private final OutputStream stdin;
	private final Path shortAudio;

	private Baresip(Process process, Path dir, int sipPort, String user, Path shortAudio) {
		this.process = process;
		this.dir = dir;
		this.sipPort = sipPort;
		this.user = user;
		this.stdin = process.getOutputStream();
		this.shortAudio = shortAudio;
	}

	/** Fails the test, naming the Debian package, when baresip is not installed. */
	public static void requireInstalled() {
		PeerProcess.executable("baresip", "baresip-core");
	}

	/** A baresip whose configuration, log and WAV files go to {@code dir}. */
	public static Builder builder(Path dir) {
		return new Builder(dir);
	}

	/** How baresip is configured. Defaults: user "baresip", free ports, 440 Hz, auto-answer, PCMU and PCMA. */
	public static final class Builder {
		private final Path dir;
		private String user = "baresip";
		private int sipPort;
		private int rtpPort;
		private int toneHz = 440;
		private Answer answer = Answer.AUTO;
		private String codecs = "pcmu,pcma";
		private int maxCalls = 4;
		private final List<String> extraConfig = new ArrayList<>();

		private Builder(Path dir) {
			this.dir = Objects.requireNonNull(dir, "dir");
		}

		/** The user of its account: it answers sip:user@127.0.0.1:port. */
		public Builder user(String user) {
			this.user = Objects.requireNonNull(user);
			return this;
		}

		/** Its SIP port on 127.0.0.1 (default a free one). */
		public Builder sipPort(int port) {
			this.sipPort = port;
			return this;
		}

		/** The first of the 100 RTP ports it may use (default a free even port). */
		public Builder rtpPort(int port) {
			this.rtpPort = port;
			return this;
		}

		/** The frequency of its ausine microphone. */
		public Builder toneHz(int hz) {
			if (hz < 10 || hz > 20000) {
				throw new IllegalArgumentException("tone " + hz + " Hz outside 10..20000");
			}
			this.toneHz = hz;
			return this;
		}

		public Builder answer(Answer answer) {
			this.answer = Objects.requireNonNull(answer);
			return this;
		}

		/** The account's {@code audio_codecs}, for example "pcma" to force A-law. */
		public Builder codecs(String codecs) {
			this.codecs = Objects.requireNonNull(codecs);
			return this;
		}

		/** {@code call_max_calls} (default 4). */
		public Builder maxCalls(int calls) {
			this.maxCalls = calls;
			return this;
		}

		/** More configuration lines, appended as they are. */
		public Builder config(String line) {
			extraConfig.add(line);
			return this;
		}

		/**
		 * Starts baresip and waits until it says it is ready and its SIP port is bound.
		 *
		 * @throws AssertionError if baresip is missing, exits, or is not ready within {@link Poll#TIMEOUT}
		 */
		public Baresip start() throws IOException {
			for (int attempt = 1;; attempt++) {
				try {
					return startOnce();
				} catch (PortTaken e) {
					if (sipPort > 0 || rtpPort > 0 || attempt == 3) {
						throw new AssertionError(e.getMessage());
					}
				}
			}
		}

		private Baresip startOnce() throws IOException {
			String exe = PeerProcess.executable("baresip", "baresip-core").getPath();
			Path audio = Files.createDirectories(dir.resolve("audio")).toAbsolutePath();
			// baresip 1.0's sndfile cuts file names at 127 characters (the .wav suffix goes first): give it a short
			// path, a symbolic link in the temporary directory to the audio directory, removed by close()
			Path shortAudio = Files.createTempDirectory("wcc-baresip-").resolve("a");
			Files.createSymbolicLink(shortAudio, audio);
			int sip = sipPort > 0 ? sipPort : Ports.freeUdpPort();
			int rtp = rtpPort > 0 ? rtpPort : Ports.freeUdpPortPair();
			Files.writeString(dir.resolve("config"), config(sip, rtp, shortAudio), StandardCharsets.US_ASCII);
			Files.writeString(dir.resolve("accounts"), "<sip:" + user + "@127.0.0.1:" + sip + ">;regint=0;answermode="
					+ answer.name().toLowerCase(Locale.ROOT) + ";audio_codecs=" + codecs + "\n",
					StandardCharsets.US_ASCII);
			// stdbuf: baresip's stdout is a file here, which stdio would buffer in 4 KiB blocks, hiding the lines
			// the waits look for; stdbuf execs baresip, so the pid is baresip's
			String stdbuf = PeerProcess.executable("stdbuf", "coreutils").getPath();
			Process process = new ProcessBuilder(stdbuf, "-oL", "-eL", exe, "-f", dir.toAbsolutePath().toString())
					.directory(dir.toFile()).redirectErrorStream(true)
					.redirectOutput(dir.resolve("baresip.log").toFile()).start();
			Baresip b = new Baresip(process, dir, sip, user, shortAudio);
			try {
				Poll.until("baresip (pid " + process.pid() + ") to be ready on 127.0.0.1:" + sip,
						() -> !process.isAlive() || (READY.matcher(b.log()).find() && Ports.isUdpBound(sip)));
				if (!process.isAlive()) {
					String message = "baresip exited with " + process.exitValue() + ": " + PeerProcess.tail(b.log(), 3000);
					if (b.log().contains("Address already in use")) {
						throw new PortTaken(message);
					}
					throw new AssertionError(message);
				}
			} catch (RuntimeException | Error e) {
				b.close();
				throw e;
			}
			return b;
		}

		private String config(int sip, int rtp, Path audio) {
			StringBuilder s = new StringBuilder();
			s.append("poll_method epoll\n");
			s.append("sip_listen 127.0.0.1:").append(sip).append('\n');
			s.append("net_interface 127.0.0.1\n");
			s.append("call_local_timeout 120\n");
			s.append("call_max_calls ").append(maxCalls).append('\n');
			s.append("audio_player alsa,null\n");
			s.append("audio_alert alsa,null\n");
			s.append("audio_source ausine,").append(toneHz).append('\n');
			s.append("ausrc_srate ").append(AUSINE_SAMPLE_RATE).append('\n');
			s.append("ausrc_channels 2\n");
			s.append("audio_level no\n");
			s.append("rtp_ports ").append(rtp).append('-').append(Math.min(65535, rtp + 99)).append('\n');
			s.append("rtcp_mux no\n");
			s.append("jitter_buffer_delay 5-10\n");
			s.append("module_path /usr/lib/baresip/modules\n");
			s.append("module stdio.so\n");
			s.append("module g711.so\n");
			s.append("module sndfile.so\n");
			s.append("module ausine.so\n");
			s.append("module alsa.so\n");
			s.append("module_tmp account.so\n");
			s.append("module_app menu.so\n");
			s.append("snd_path ").append(audio).append('\n');
			extraConfig.forEach(line -> s.append(line).append('\n'));
			return s.toString();
		}
	}

	/** Sends one command line to baresip's console (for example {@code "/dial sip:agent@127.0.0.1:5070"}). */
	public void command(String line) {
		if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
			throw new IllegalArgumentException("one line only: " + line);
		}
		try {
			stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
			stdin.flush();
		} catch (IOException e) {
			throw new AssertionError("cannot send '" + line + "' to baresip (pid " + process.pid() + "): "
					+ PeerProcess.tail(log(), 2000), e);
		}
	}

	/** Calls {@code uri} (a sip: URI with an IP literal). */
	public void dial(String uri) {
		command("/dial " + uri);
	}

	/** Answers the ringing call (answer mode MANUAL). */
	public void accept() {
		command("/accept");
	}

	/** Hangs up the current call, or rejects a ringing one with 486. */
	public void hangup() {
		command("/hangup");
	}

	/** Blind transfer of the current call to {@code uri}: baresip sends REFER. */
	public void transfer(String uri) {
		command("/transfer " + uri);
	}

	/** @return how many calls baresip reported established so far */
	public int established() {
		return count(ESTABLISHED);
	}

	/** @return how many calls baresip reported terminated so far */
	public int terminated() {
		return count(TERMINATED);
	}

	/** @return how often {@code p} occurs in the log so far */
	public int count(Pattern p) {
		return (int) p.matcher(log()).results().count();
	}

	/** Waits until {@code p} occurs at least {@code times} times in the log. */
	public void awaitLog(Pattern p, int times, Duration timeout) {
		Poll.until("baresip log to show '" + p + "' " + times + " times; log: " + PeerProcess.tail(log(), 1500),
				timeout, () -> count(p) >= times);
	}

	/** Waits until {@link #established()} reaches {@code calls}. */
	public void awaitEstablished(int calls) {
		awaitLog(ESTABLISHED, calls, Poll.TIMEOUT);
	}

	/** Waits until {@link #terminated()} reaches {@code calls}. */
	public void awaitTerminated(int calls) {
		awaitLog(TERMINATED, calls, Poll.TIMEOUT);
	}

	/** @return the WAV files of decoded received audio so far, oldest first */
	public List<Path> receivedAudio() {
		return dumps("-dec.wav");
	}

	/** @return the WAV files of sent audio so far, oldest first */
	public List<Path> sentAudio() {
		return dumps("-enc.wav");
	}

	private List<Path> dumps(String suffix) {
		try (Stream<Path> files = Files.list(audioDir())) {
			return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
		} catch (IOException e) {
			return List.of();
		}
	}

	/** baresip's standard output and error so far. */
	public String log() {
		return PeerProcess.read(dir.resolve("baresip.log"));
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	public int sipPort() {
		return sipPort;
	}

	/** @return its address of record, sip:user@127.0.0.1:port */
	public String uri() {
		return "sip:" + user + "@127.0.0.1:" + sipPort;
	}

	public Path dir() {
		return dir;
	}

	/** Where sndfile writes the WAV files. */
	public Path audioDir() {
		return dir.resolve("audio");
	}

	/** Stops baresip by pid: SIGTERM (it hangs up and closes its WAV files), SIGKILL after 5 s. */
	@Override
	public void close() {
		PeerProcess.stop(process.toHandle(), Duration.ofSeconds(5));
		try {
			stdin.close();
		} catch (IOException e) {
			// the pipe is gone with the process
		}
		try {
			Files.deleteIfExists(shortAudio);
			Files.deleteIfExists(shortAudio.getParent());
		} catch (IOException e) {
			// a leftover link in the temporary directory is harmless
		}
	}
}
