package org.webcallcenter.hub.core.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.eclipse.core.runtime.ILog;
import org.webcallcenter.hub.api.SessionRecordStore;

/**
 * The session records in the hub's data directory: one file {@code <id>.cobrowse} per session, one line per
 * message: {@code <millis> <from> <json>} (the JSON is one line: the protocol rewrites messages that are not).
 * A failing disk is logged and never stops the relay.
 */
final class SessionFiles implements SessionRecordStore {
	private static final ILog LOG = ILog.of(SessionFiles.class);
	static final String SUFFIX = ".cobrowse";

	private final Path dir;
	private final Map<String, BufferedWriter> open = new ConcurrentHashMap<>();

	SessionFiles(Path dir) throws IOException {
		this.dir = Files.createDirectories(dir);
	}

	Path dir() {
		return dir;
	}

	void append(String id, String from, String json) {
		try {
			BufferedWriter w = open.computeIfAbsent(id, k -> {
				try {
					return Files.newBufferedWriter(file(k), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
							StandardOpenOption.APPEND);
				} catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			});
			synchronized (w) {
				w.write(Long.toString(System.currentTimeMillis()));
				w.write(' ');
				w.write(from);
				w.write(' ');
				w.write(json);
				w.write('\n');
				w.flush();
			}
		} catch (IOException | java.io.UncheckedIOException e) {
			LOG.error("Co-browsing record of session " + id + " in " + dir + ": " + e.getMessage(), e);
		}
	}

	void close(String id) {
		BufferedWriter w = open.remove(id);
		if (w != null) {
			synchronized (w) {
				try {
					w.close();
				} catch (IOException e) {
					LOG.error("Co-browsing record of session " + id + ": " + e.getMessage(), e);
				}
			}
		}
	}

	void closeAll() {
		for (String id : List.copyOf(open.keySet())) {
			close(id);
		}
	}

	@Override
	public List<String> sessionIds() throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
					.map(n -> n.substring(0, n.length() - SUFFIX.length())).toList();
		}
	}

	@Override
	public List<RecordedMessage> read(String sessionId) throws IOException {
		Path f = file(sessionId);
		List<RecordedMessage> all = new ArrayList<>();
		if (!Files.exists(f)) {
			return all;
		}
		for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
			int a = line.indexOf(' ');
			int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
			if (b < 0) {
				continue; // a line cut short by a crash
			}
			try {
				all.add(new RecordedMessage(Long.parseLong(line.substring(0, a)), line.substring(a + 1, b),
						line.substring(b + 1)));
			} catch (NumberFormatException e) {
				// a line cut short by a crash
			}
		}
		return all;
	}

	private Path file(String id) {
		if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
			throw new IllegalArgumentException("not a session id: " + id);
		}
		return dir.resolve(id + SUFFIX);
	}
}
