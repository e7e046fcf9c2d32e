package org.webcallcenter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Directories for the configuration and logs of test peers, under the module's {@code target/peers/} (kept after
 * the run, for reading when a test failed; {@code mvn clean} removes them). The module is found from the working
 * directory of the test JVM, which Tycho puts inside the module's {@code target/}.
 */
public final class PeerDirs {
	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private PeerDirs() {
	}

	/** @return a new, empty directory {@code target/peers/<name>-<n>} */
	public static Path create(String name) {
		if (!name.matches("[A-Za-z0-9._-]+")) {
			throw new IllegalArgumentException("name must be a plain file name: " + name);
		}
		Path dir = target().resolve("peers").resolve(name + "-" + ProcessHandle.current().pid() + "-"
				+ SEQUENCE.incrementAndGet());
		try {
			return Files.createDirectories(dir);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Path target() {
		Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
		for (Path p = cwd; p != null; p = p.getParent()) {
			if (p.getFileName() != null && p.getFileName().toString().equals("target")) {
				return p;
			}
		}
		return cwd.resolve("target");
	}
}
