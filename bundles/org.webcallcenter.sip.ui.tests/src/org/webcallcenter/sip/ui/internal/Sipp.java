package org.webcallcenter.sip.ui.internal;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * sipp (Debian package {@code sip-tester}) as the far end, on 127.0.0.1 only, started as a process and stopped by
 * its process id.
 */
final class Sipp implements AutoCloseable {
	final int port;
	private final Process process;
	private final Path output;

	private Sipp(int port, Process process, Path output) {
		this.port = port;
		this.process = process;
		this.output = output;
	}

	/** Starts sipp's built-in UAS: it answers one call with 180 and 200 and waits for the BYE. */
	static Sipp uas(Path dir) throws IOException {
		int port = freeUdpPort();
		Path output = dir.resolve("sipp-uas.out");
		List<String> command = List.of(executable().getPath(), "-sn", "uas", "-i", "127.0.0.1", "-p",
				Integer.toString(port), "-m", "1", "-nostdin", "-timeout", "120s", "-trace_err", "-error_file",
				dir.resolve("sipp-errors.log").toString());
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
				.redirectOutput(output.toFile()).start();
		return new Sipp(port, p, output);
	}

	/** Starts sipp as a UAS that plays the given scenario file for one call. */
	static Sipp uas(Path dir, Path scenario) throws IOException {
		int port = freeUdpPort();
		Path output = dir.resolve("sipp-scenario.out");
		List<String> command = List.of(executable().getPath(), "-sf", scenario.toString(), "-i", "127.0.0.1", "-p",
				Integer.toString(port), "-m", "1", "-nostdin", "-timeout", "120s", "-trace_err", "-error_file",
				dir.resolve("sipp-scenario-errors.log").toString());
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
				.redirectOutput(output.toFile()).start();
		return new Sipp(port, p, output);
	}

	/**
	 * Starts sipp's built-in UAC: one call to {@code user} at the softphone, which it keeps for {@code holdMillis}
	 * after the answer and then ends with a BYE.
	 */
	static Sipp uac(Path dir, String name, int softphonePort, String user, long holdMillis) throws IOException {
		int port = freeUdpPort();
		Path output = dir.resolve("sipp-" + name + ".out");
		List<String> command = List.of(executable().getPath(), "127.0.0.1:" + softphonePort, "-sn", "uac", "-s", user,
				"-i", "127.0.0.1", "-p", Integer.toString(port), "-m", "1", "-d", Long.toString(holdMillis), "-nostdin",
				"-timeout", "120s", "-trace_err", "-error_file", dir.resolve("sipp-" + name + "-errors.log").toString());
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
				.redirectOutput(output.toFile()).start();
		return new Sipp(port, p, output);
	}

	/** @return sipp's exit code once it ended (0: the call succeeded), or -1 if it is still running */
	int awaitExit(long seconds) throws InterruptedException {
		return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
	}

	String output() {
		try {
			String s = Files.exists(output) ? Files.readString(output, StandardCharsets.ISO_8859_1) : "(none)";
			return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
		} catch (IOException e) {
			return "(unreadable: " + e + ")";
		}
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

	private static File executable() {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
			File f = new File(dir, "sipp");
			if (f.canExecute()) {
				return f;
			}
		}
		throw new AssertionError("sipp is not installed: install the Debian package sip-tester");
	}

	private static int freeUdpPort() throws IOException {
		try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			return s.getLocalPort();
		}
	}
}
