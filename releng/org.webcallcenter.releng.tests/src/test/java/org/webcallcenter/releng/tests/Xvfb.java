package org.webcallcenter.releng.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private X server. {@code -displayfd 1} makes Xvfb choose a free display number itself and write it to its
 * standard output once it accepts connections, so there is no guessing and no race with other X servers.
 */
final class Xvfb implements AutoCloseable {
	static final String SCREEN = "1400x900x24";
	private final Process process;
	final String display;

	private Xvfb(Process process, String display) {
		this.process = process;
		this.display = display;
	}

	static Xvfb start(Path log, Duration timeout) throws IOException, InterruptedException {
		Path xvfb = Tools.require("Xvfb", "xvfb");
		Process p = new ProcessBuilder(xvfb.toString(), "-displayfd", "1", "-screen", "0", SCREEN, "-nolisten", "tcp")
				.redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
		CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
			try {
				return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
						.readLine();
			} catch (IOException e) {
				return null;
			}
		});
		try {
			String n = number.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (n == null || !n.trim().matches("\\d+")) {
				Tools.stop(p, Duration.ofSeconds(5));
				return fail("Xvfb did not report a display number (got " + n + "); its log:\n" + Releng.tail(log, 4000));
			}
			return new Xvfb(p, ":" + n.trim());
		} catch (ExecutionException | TimeoutException e) {
			Tools.stop(p, Duration.ofSeconds(5));
			return fail("Xvfb was not ready within " + timeout + "; its log:\n" + Releng.tail(log, 4000));
		}
	}

	long pid() {
		return process.pid();
	}

	boolean isAlive() {
		return process.isAlive();
	}

	@Override
	public void close() {
		Tools.stop(process, Duration.ofSeconds(10));
	}
}
