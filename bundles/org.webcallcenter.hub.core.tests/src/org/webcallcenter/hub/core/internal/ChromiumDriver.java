package org.webcallcenter.hub.core.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.webcallcenter.testing.PeerDirs;

/**
 * Debian's Chromium driven by npm playwright-core through {@code node/driver.mjs} (a child process started here
 * and stopped by its pid, with its descendants: Chromium's processes). One JSON command per line on the child's
 * standard input, one JSON answer per line on its standard output; its standard error goes to
 * {@code target/peers/chromium-N/stderr.txt}. The node folder (with node_modules from {@code npm ci}, run by this
 * module's build) is named by the system property {@value #NODE_DIR}.
 */
final class ChromiumDriver implements AutoCloseable {
	static final String NODE_DIR = "wcc.test.nodeDir";
	private static final Duration ANSWER = Duration.ofSeconds(40);

	private final Process process;
	private final Writer in;
	private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
	private final Path dir;
	private int next = 1;

	ChromiumDriver() throws IOException, InterruptedException {
		if (!new File("/usr/bin/chromium").canExecute() && System.getenv("WCC_CHROMIUM") == null) {
			throw new AssertionError("chromium is not installed: apt-get install -y chromium (.ci/run does this)");
		}
		String node = System.getProperty(NODE_DIR);
		if (node == null || !new File(node, "node_modules/playwright-core").isDirectory()) {
			throw new AssertionError("playwright-core is not installed in " + node
					+ " (this module's build runs npm ci there)");
		}
		dir = PeerDirs.create("chromium");
		ProcessBuilder pb = new ProcessBuilder("node", "driver.mjs").directory(new File(node))
				.redirectError(dir.resolve("stderr.txt").toFile());
		process = pb.start();
		in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(() -> {
			try (BufferedReader r = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = r.readLine()) != null) {
					answers.add(line);
				}
			} catch (IOException e) {
				answers.add("{\"id\":-1,\"ok\":false,\"error\":\"driver output: " + e + "\"}");
			}
		}, "chromium driver output");
		reader.setDaemon(true);
		reader.start();
		String ready = answers.poll(ANSWER.toSeconds(), TimeUnit.SECONDS);
		if (ready == null || !ready.contains("ready")) {
			close();
			throw new AssertionError("Chromium driver did not start: " + ready + "; see " + dir);
		}
	}

	/** Runs one command; returns its value (Map, List, String, Double, Boolean or null). */
	Object call(String op, Object... keyValues) throws IOException, InterruptedException {
		Map<String, Object> cmd = SessionRegistry.map(keyValues);
		int id = next++;
		cmd.put("id", Double.valueOf(id));
		cmd.put("op", op);
		in.write(Json.write(cmd) + "\n");
		in.flush();
		while (true) {
			String line = answers.poll(ANSWER.toSeconds(), TimeUnit.SECONDS);
			if (line == null) {
				throw new AssertionError("Chromium driver: no answer to " + op + " within " + ANSWER.toSeconds() + " s");
			}
			Map<?, ?> a;
			try {
				a = (Map<?, ?>) Json.parse(line);
			} catch (Json.Malformed e) {
				continue; // not an answer (a stray line)
			}
			if (a.get("id") instanceof Double d && d.intValue() == id) {
				if (!Boolean.TRUE.equals(a.get("ok"))) {
					throw new AssertionError("Chromium: " + op + " " + cmd + " failed: " + a.get("error"));
				}
				return a.get("value");
			}
		}
	}

	/** @return the value of a JavaScript expression in the page, as a string */
	String eval(String expression) throws IOException, InterruptedException {
		return String.valueOf(call("eval", "expr", expression));
	}

	/** @return the page's console lines since the last call */
	List<?> consoleLog() throws IOException, InterruptedException {
		return (List<?>) call("log");
	}

	@Override
	public void close() {
		try {
			in.write("{\"id\":999999,\"op\":\"close\"}\n");
			in.flush();
			process.waitFor(5, TimeUnit.SECONDS);
		} catch (IOException | InterruptedException e) {
			// stopped below
		}
		List<ProcessHandle> children = process.toHandle().descendants().toList();
		if (process.isAlive()) {
			process.destroy();
			try {
				process.waitFor(3, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			process.destroyForcibly();
		}
		for (ProcessHandle child : children) {
			if (child.isAlive()) {
				child.destroyForcibly();
			}
		}
	}
}
