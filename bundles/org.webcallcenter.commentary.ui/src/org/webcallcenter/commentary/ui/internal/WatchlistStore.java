package org.webcallcenter.commentary.ui.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * The watchlists file of the workstation user: {@code watchlists.json} in the commentary UI's folder of the
 * workstation's data area ({@code <data>/.metadata/.plugins/org.webcallcenter.commentary.ui/}). Saved whole to a
 * temporary file in the same folder, forced to disk, then moved over the old file in one step, so a crash leaves
 * the old or the new lists, never half a file. A file that cannot be read is moved aside (kept for support, never
 * overwritten by the next save) and the default lists are used, with a message saying so.
 */
final class WatchlistStore {
	static final String FILE = "watchlists.json";
	/** Larger than any real set of watchlists; a bigger file is not read (and not kept in memory). */
	static final long MAX_BYTES = 4L * 1024 * 1024;

	/** The lists read (or the defaults), and a message for the expert when the file could not be used. */
	record Loaded(Watchlists lists, String problem) {
	}

	private final Path file;

	WatchlistStore(Path folder) {
		this.file = folder.resolve(FILE);
	}

	Path file() {
		return file;
	}

	/** Reads the file; when it is missing, the defaults (not saved until the expert changes something). */
	Loaded load(Supplier<Watchlists> defaults) {
		String text;
		try {
			if (Files.size(file) > MAX_BYTES) {
				return aside(defaults, "it is larger than " + MAX_BYTES / 1024 / 1024 + " MB");
			}
			text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
		} catch (NoSuchFileException e) {
			return new Loaded(defaults.get(), null);
		} catch (CharacterCodingException e) {
			return aside(defaults, "it is not UTF-8 text");
		} catch (IOException e) {
			return new Loaded(defaults.get(), "The watchlists file " + file + " could not be read (" + e
					+ "); the default watchlists are shown, and your changes will replace the file.");
		}
		try {
			return new Loaded(Watchlists.fromJson(text), null);
		} catch (IllegalArgumentException e) {
			return aside(defaults, e.getMessage());
		}
	}

	private Loaded aside(Supplier<Watchlists> defaults, String why) {
		Path kept = file.resolveSibling(FILE + ".unreadable");
		String where;
		try {
			Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
			where = "it was kept as " + kept;
		} catch (IOException e) {
			where = "it could not be moved aside (" + e.getMessage() + ")";
		}
		return new Loaded(defaults.get(),
				"The watchlists file " + file + " is damaged (" + why + "): " + where + ", and the default watchlists are shown.");
	}

	/** Writes the lists atomically. @throws IOException when the folder is not writable or the disk is full */
	void save(Watchlists lists) throws IOException {
		save(lists.toJson());
	}

	/** Writes lists already turned into JSON ({@link Watchlists#toJson()}) atomically. */
	void save(String json) throws IOException {
		Files.createDirectories(file.getParent());
		Path temp = Files.createTempFile(file.getParent(), FILE, ".tmp");
		try {
			Files.writeString(temp, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
			try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				c.force(true);
			}
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		} finally {
			Files.deleteIfExists(temp);
		}
	}
}
