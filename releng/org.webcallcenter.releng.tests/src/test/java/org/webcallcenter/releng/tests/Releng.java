package org.webcallcenter.releng.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where things are: the releng folder (set by the pom), this module's target folder. */
final class Releng {
	private Releng() {
	}

	static Path dir() {
		String dir = System.getProperty("webcallcenter.releng.dir");
		return (dir == null ? Path.of("..") : Path.of(dir)).toAbsolutePath().normalize();
	}

	static Path target() {
		return dir().resolve("org.webcallcenter.releng.tests/target");
	}

	static void deleteTree(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The file's text, or a note that it does not exist; at most the last {@code max} characters. */
	static String tail(Path file, int max) {
		try {
			if (!Files.exists(file)) {
				return "(" + file + " does not exist)";
			}
			String s = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
			return s.length() <= max ? s : "[...]" + s.substring(s.length() - max);
		} catch (IOException e) {
			return "(" + file + " cannot be read: " + e + ")";
		}
	}
}
