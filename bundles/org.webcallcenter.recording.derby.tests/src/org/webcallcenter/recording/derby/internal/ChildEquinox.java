package org.webcallcenter.recording.derby.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.webcallcenter.testing.Poll;

/**
 * Another Equinox process with exactly the bundles of this test runtime (its config.ini, copied), running one
 * Equinox application: the headless softphone with the recorder, or the verify application. A separate process so
 * that a test can kill it with SIGKILL and start it again on the same data folder. Its output goes to a file; it is
 * stopped by its pid only.
 */
final class ChildEquinox implements AutoCloseable {
	private final Process process;
	private final Path output;

	private ChildEquinox(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * @param dir         the child's folder: configuration, data ({@code dir/data}), output
	 * @param application Equinox application id
	 * @param keyFile     the secure storage master key file the child uses
	 */
	static ChildEquinox start(Path dir, String name, String application, Path keyFile, String... arguments)
			throws IOException {
		return start(dir, name, List.of(), application, keyFile, arguments);
	}

	/**
	 * @param wrapper a command the Java command line is appended to (for example a shell that mounts a small file
	 *                system first); empty to run Java directly. Java is then a child of the wrapper: {@link #kill()}
	 *                and {@link #terminate()} signal Java itself, so that the wrapper can finish its own work.
	 */
	static ChildEquinox start(Path dir, String name, List<String> wrapper, String application, Path keyFile,
			String... arguments) throws IOException {
		String area = System.getProperty("osgi.configuration.area");
		Path parentConfig = Path.of(URI.create(area)).resolve("config.ini");
		Properties config = new Properties();
		try (InputStream in = Files.newInputStream(parentConfig)) {
			config.load(in);
		}
		Path configuration = dir.resolve(name + "-configuration");
		Files.createDirectories(configuration);
		config.remove("osgi.dev"); // the test classes of this runtime are not needed by the child
		try (OutputStream out = Files.newOutputStream(configuration.resolve("config.ini"))) {
			config.store(out, "copied from " + parentConfig + " for a child process of a test");
		}
		// the Equinox launcher, as the product's launcher script uses it: it returns the application's exit code
		Path launcher = null;
		for (String entry : config.getProperty("osgi.bundles").split(",")) {
			String location = entry.replaceFirst("^reference:", "").replaceFirst("@.*$", "");
			if (location.matches(".*/org\\.eclipse\\.equinox\\.launcher[-_][0-9][^/]*\\.jar")) {
				launcher = Path.of(URI.create(location));
			}
		}
		if (launcher == null) {
			throw new AssertionError("The test runtime has no org.eclipse.equinox.launcher bundle: " + parentConfig);
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(wrapper);
		command.addAll(List.of(java, "-Xmx256m",
				"-D" + SecureBootPassword.KEY_FILE_PROPERTY + "=" + keyFile,
				"-Dorg.webcallcenter.sip.stack.port=0", "-Dwebcallcenter.test=true",
				"-jar", launcher.toString(), "-configuration", configuration.toUri().toString(), "-nosplash",
				"-data", dir.resolve("data").toString(), "-consoleLog", "-application", application));
		command.addAll(List.of(arguments));
		Path output = dir.resolve(name + ".out");
		Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		return new ChildEquinox(p, output);
	}

	String output() {
		try {
			return Files.exists(output) ? Files.readString(output, StandardCharsets.ISO_8859_1) : "";
		} catch (IOException e) {
			return "(unreadable: " + e + ")";
		}
	}

	/** Waits until the output contains {@code text}; fails with the output when the process ends first. */
	void await(String text) {
		Poll.until("the child process to print \"" + text + "\"", Duration.ofSeconds(90), () -> {
			if (output().contains(text)) {
				return true;
			}
			if (!process.isAlive()) {
				throw new AssertionError("The child process ended (" + process.exitValue() + ") before printing \""
						+ text + "\":\n" + output());
			}
			return false;
		});
	}

	/** SIGKILL: the process gets no chance to finish anything. */
	void kill() throws InterruptedException {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM to Java (the wrapper, if any, goes on to its end), then waits for the exit code. */
	int terminate() throws InterruptedException {
		java().destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			kill();
		}
		return process.exitValue();
	}

	/** The Java process: this process, or the wrapper's child running Java. */
	ProcessHandle java() {
		return process.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
				.findFirst().orElse(process.toHandle());
	}

	int awaitExit() throws InterruptedException {
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			throw new AssertionError("The child process did not end:\n" + output());
		}
		return process.exitValue();
	}

	long pid() {
		return process.pid();
	}

	boolean isAlive() {
		return process.isAlive() && java().isAlive();
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			kill();
		}
	}
}
