package org.webcallcenter.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium driven by npm playwright-core through this bundle's {@code node/driver.mjs}: a child process
 * started here and stopped by its pid, with its descendants (Chromium's own processes), never by name. Commands
 * and answers are lines on the child's standard input and output (see driver.mjs); its standard error goes to
 * {@code target/peers/chromium-N/stderr.txt}. The test module names the node folder (where its build ran
 * {@code npm ci}) in the system property {@value #NODE_DIR}.
 */
public final class Chromium implements AutoCloseable {
	public static final String NODE_DIR = "wcc.test.nodeDir";
	private static final Duration ANSWER = Duration.ofSeconds(40);
	/** Put in the answers when the driver's output ends: a wait then ends at once, not after {@link #ANSWER}. */
	private static final String ENDED = "\u0000ended";

	private final Process process;
	private final Writer in;
	private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
	private final Path dir;
	private int next = 1;

	/** Starts headless Chromium with one page of 1024 x 700. */
	public Chromium() throws IOException, InterruptedException {
		if (System.getenv("WCC_CHROMIUM") == null) {
			PeerProcess.executable("chromium", "chromium");
		}
		String node = System.getProperty(NODE_DIR);
		if (node == null || !new File(node, "node_modules/playwright-core").isDirectory()) {
			throw new AssertionError("playwright-core is not installed in " + node + " (the test module's build runs "
					+ "npm ci in org.webcallcenter.testing/node and names it in -D" + NODE_DIR + ")");
		}
		dir = PeerDirs.create("chromium");
		process = new ProcessBuilder(PeerProcess.executable("node", "nodejs").getPath(), "driver.mjs")
				.directory(new File(node)).redirectError(dir.resolve("stderr.txt").toFile()).start();
		in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(() -> {
			try (BufferedReader r = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = r.readLine()) != null) {
					answers.add(line);
				}
			} catch (IOException e) {
				// the process ended: reported below
			}
			answers.add(ENDED);
		}, "chromium driver output");
		reader.setDaemon(true);
		reader.start();
		String ready = answers.poll(ANSWER.toSeconds(), TimeUnit.SECONDS);
		if (ready == null || ENDED.equals(ready) || !ready.startsWith("0\tok\t")) {
			close();
			throw new AssertionError("Chromium did not start: " + ready + "; see " + dir.resolve("stderr.txt") + ": "
					+ PeerProcess.tail(PeerProcess.read(dir.resolve("stderr.txt")), 2000));
		}
	}

	/**
	 * Runs one operation of driver.mjs.
	 *
	 * @return its value as text
	 * @throws AssertionError when the operation failed in the browser, with the browser's message
	 */
	public String call(String op, String... args) throws IOException, InterruptedException {
		int id = next++;
		StringBuilder line = new StringBuilder().append(id).append('\t').append(op);
		for (String a : args) {
			line.append('\t').append(Base64.getEncoder().encodeToString(a.getBytes(StandardCharsets.UTF_8)));
		}
		in.write(line.append('\n').toString());
		in.flush();
		while (true) {
			String answer = answers.poll(ANSWER.toSeconds(), TimeUnit.SECONDS);
			if (answer == null) {
				throw new AssertionError("Chromium: no answer to " + op + " within " + ANSWER.toSeconds() + " s");
			}
			if (ENDED.equals(answer)) {
				answers.add(ENDED); // every later call fails at once too
				throw new AssertionError("Chromium's driver ended before it answered " + op + "; see "
						+ dir.resolve("stderr.txt") + ": " + PeerProcess.tail(PeerProcess.read(dir.resolve("stderr.txt")),
								2000));
			}
			String[] parts = answer.split("\t", 3);
			if (parts.length == 3 && parts[0].equals(Integer.toString(id))) {
				String value = new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8);
				if (!parts[1].equals("ok")) {
					throw new AssertionError("Chromium: " + op + " failed: " + value);
				}
				return value;
			}
		}
	}

	/** @return the value of a JavaScript expression in the page, as text */
	public String eval(String expression) throws IOException, InterruptedException {
		return call("eval", expression);
	}

	@Override
	public void close() {
		try {
			in.write(next++ + "\tclose\n");
			in.flush();
			process.waitFor(5, TimeUnit.SECONDS);
		} catch (IOException | InterruptedException e) {
			// stopped below
		}
		PeerProcess.stop(process.toHandle(), Duration.ofSeconds(3));
	}
}
