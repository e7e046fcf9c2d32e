package org.webcallcenter.sip.jain.internal;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.webcallcenter.testing.Poll;

/**
 * One sipp process (Debian {@code sip-tester}) on 127.0.0.1, started by a test and stopped by process id. The
 * scenario is either a built-in name ({@code uas}, {@code uac}) or XML text written to the test's folder.
 */
final class SippPeer implements AutoCloseable {
	private final Process process;
	private final Path dir;
	private final Path output;
	final int port;

	private SippPeer(Process process, Path dir, Path output, int port) {
		this.process = process;
		this.dir = dir;
		this.output = output;
		this.port = port;
	}

	/**
	 * @param scenario built-in scenario name, or XML (starting with {@code <?xml})
	 * @param remote   {@code 127.0.0.1:port} to call, or null for a UAS
	 * @param extra    more sipp arguments
	 */
	static SippPeer start(Path dir, String name, String scenario, String remote, String... extra) throws IOException {
		int port = freeUdpPort();
		List<String> command = new ArrayList<>(List.of(sipp().getPath()));
		if (remote != null) {
			command.add(remote);
		}
		if (scenario.startsWith("<?xml")) {
			Path file = dir.resolve(name + ".xml");
			Files.writeString(file, scenario, StandardCharsets.ISO_8859_1);
			command.addAll(List.of("-sf", file.toString()));
		} else {
			command.addAll(List.of("-sn", scenario));
		}
		command.addAll(List.of("-i", "127.0.0.1", "-p", Integer.toString(port), "-m", "1", "-timeout", "30s",
				"-timeout_error", "-nostdin", "-trace_err", "-error_file", dir.resolve(name + "-errors.log").toString(),
				"-mp", Integer.toString(freeUdpPort() & ~1)));
		command.addAll(List.of(extra));
		Path output = dir.resolve(name + ".out");
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
				.redirectOutput(output.toFile()).start();
		return new SippPeer(process, dir, output, port);
	}

	/** Waits for sipp to end and returns its exit code (0: every call succeeded). */
	int await() throws InterruptedException {
		boolean ended = process.waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		if (!ended) {
			throw new AssertionError("sipp (pid " + process.pid() + ") still running after "
					+ Poll.TIMEOUT.toSeconds() + " s; " + report());
		}
		return process.exitValue();
	}

	/** @return the error log and the output's tail, for assertion messages */
	String report() {
		String errors = read(dir.resolve(output.getFileName().toString().replace(".out", "-errors.log")));
		String out = read(output);
		return "errors: " + errors + "\noutput tail: " + (out.length() > 3000 ? out.substring(out.length() - 3000) : out);
	}

	String address() {
		return "127.0.0.1:" + port;
	}

	@Override
	public void close() {
		ProcessHandle.of(process.pid()).ifPresent(p -> {
			p.destroy();
			try {
				p.onExit().get(5, TimeUnit.SECONDS);
			} catch (Exception e) {
				p.destroyForcibly();
			}
		});
	}

	static File sipp() {
		for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
			File f = new File(d, "sipp");
			if (f.canExecute()) {
				return f;
			}
		}
		throw new AssertionError("sipp is not installed: install the Debian package sip-tester "
				+ "(apt-get install -y sip-tester; .ci/run does this on CI)");
	}

	static int freeUdpPort() throws IOException {
		try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(SipUdpClient.LOOPBACK, 0))) {
			return s.getLocalPort();
		}
	}

	static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "(none)";
		} catch (IOException e) {
			return "(unreadable: " + e + ")";
		}
	}
}
