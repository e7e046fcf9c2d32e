package org.webcallcenter.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the peers share: finding their executables, reading their files, stopping them by process id. */
final class PeerProcess {
	private PeerProcess() {
	}

	/** @throws AssertionError naming the Debian package when {@code name} is on no PATH directory */
	static File executable(String name, String debianPackage) {
		String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
		for (String dir : (path + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
			File f = new File(dir, name);
			if (!dir.isEmpty() && f.canExecute()) {
				return f;
			}
		}
		throw new AssertionError(name + " is not installed: install the Debian package " + debianPackage
				+ " (apt-get install -y " + debianPackage + "; .ci/run does this on CI)");
	}

	/**
	 * Stops a process and every descendant by pid: SIGTERM, up to {@code grace}, then SIGKILL of whatever is
	 * still alive. Never by name.
	 */
	static void stop(ProcessHandle handle, Duration grace) {
		List<ProcessHandle> descendants = handle.descendants().toList();
		if (handle.isAlive()) {
			handle.destroy();
			try {
				handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			} catch (Exception e) {
				// still alive: killed below
			}
			if (handle.isAlive()) {
				handle.destroyForcibly();
			}
		}
		for (ProcessHandle child : descendants) {
			if (child.isAlive()) {
				child.destroyForcibly();
			}
		}
	}

	/** @return the file's text (ISO-8859-1, so any byte reads), or a note when it is missing or unreadable */
	static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "(no " + file + ")";
		} catch (IOException e) {
			return "(" + file + " unreadable: " + e + ")";
		}
	}

	/** @return at most the last {@code max} characters */
	static String tail(String s, int max) {
		return s.length() > max ? "..." + s.substring(s.length() - max) : s;
	}
}
