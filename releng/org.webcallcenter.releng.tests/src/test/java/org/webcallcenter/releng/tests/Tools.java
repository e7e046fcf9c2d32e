package org.webcallcenter.releng.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External programs the release tests use, and how to run them briefly. */
final class Tools {
	private Tools() {
	}

	/** Fails (never skips) with the Debian package to install when {@code program} is not on the PATH. */
	static Path require(String program, String debianPackage) {
		String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return fail(program + " is not on the PATH (" + path + "): install the Debian package " + debianPackage
				+ " (apt-get install " + debianPackage + ")");
	}

	record Result(int exitCode, String stdout, String stderr) {
	}

	/** Runs a short command to completion; output goes through files, so a chatty command never blocks. */
	static Result run(List<String> command, java.util.Map<String, String> env, Duration timeout)
			throws IOException, InterruptedException {
		Path out = Files.createTempFile("wcc-tool", ".out");
		Path err = Files.createTempFile("wcc-tool", ".err");
		try {
			ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			pb.environment().putAll(env);
			Process p = pb.start();
			if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				return new Result(-1, new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
						"timed out after " + timeout + ": " + String.join(" ", command));
			}
			return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
					new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
		} finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	/**
	 * Stops a process we started: SIGTERM, up to {@code grace} to exit, then SIGKILL for it and every descendant it
	 * had (collected before the SIGTERM, so children that were re-parented are not forgotten).
	 */
	static void stop(Process process, Duration grace) {
		if (process == null) {
			return;
		}
		List<ProcessHandle> tree = process.descendants().toList();
		process.destroy();
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		for (ProcessHandle child : tree) {
			if (child.isAlive()) {
				child.destroyForcibly();
			}
		}
	}
}
