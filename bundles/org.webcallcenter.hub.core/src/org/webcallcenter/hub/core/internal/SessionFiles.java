package org.webcallcenter.hub.core.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.core.runtime.ILog;
import org.webcallcenter.hub.api.SessionRecordStore;

/**
 * The session records in the hub's data directory: one file {@code <id>.cobrowse} per session, one line per
 * message: {@code <millis> <from> <json>} (the JSON is one line: the protocol rewrites messages that are not).
 * A failing disk is logged and never stops the relay.
 * <p>
 * Retention: a record whose last message is older than the retention period (setting {@code recordRetentionDays},
 * default 7) and whose session is not open is deleted, at start and then once a day, each purge logged. The
 * hub's files are a short-term store: the workstation keeps the stream it received with the call's interaction in
 * its encrypted recordings database, for the recordings' retention.
 */
final class SessionFiles implements SessionRecordStore {
	private static final ILog LOG = ILog.of(SessionFiles.class);
	static final String SUFFIX = ".cobrowse";

	/** How often the retention purge runs after the one at start. */
	static final Duration PURGE_INTERVAL = Duration.ofDays(1);

	private final Path dir;
	private final Duration retention;
	private final Clock clock;
	private final Map<String, BufferedWriter> open = new ConcurrentHashMap<>();
	private ScheduledExecutorService purger;

	/**
	 * @param retention how long a closed record is kept after its last message
	 * @param clock     the time a purge compares with (tests: a simulated one)
	 */
	SessionFiles(Path dir, Duration retention, Clock clock) throws IOException {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("recordRetentionDays: the retention must be positive: " + retention);
		}
		this.dir = Files.createDirectories(dir);
		this.retention = retention;
		this.clock = clock;
	}

	/** Purges now and then every {@link #PURGE_INTERVAL} on a thread of its own, until {@link #closeAll()}. */
	synchronized void startRetention() {
		if (purger != null) {
			return;
		}
		purger = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "hub session record retention");
			t.setDaemon(true);
			return t;
		});
		purger.scheduleWithFixedDelay(this::purge, 0, PURGE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Deletes the records whose last message (the file's modification time) is older than the retention period and
	 * whose session is not open; logs what it deleted. Never throws: a record that cannot be deleted is logged.
	 *
	 * @return the ids of the deleted records
	 */
	List<String> purge() {
		Instant limit = clock.instant().minus(retention);
		List<String> purged = new ArrayList<>();
		try {
			for (String id : sessionIds()) {
				if (open.containsKey(id)) {
					continue;
				}
				try {
					Path f = file(id);
					if (Files.getLastModifiedTime(f).toInstant().isBefore(limit) && Files.deleteIfExists(f)) {
						purged.add(id);
					}
				} catch (IOException | IllegalArgumentException e) {
					LOG.error("Hub: the session record " + id + " cannot be purged: " + e.getMessage(), e);
				}
			}
		} catch (IOException | RuntimeException e) {
			LOG.error("Hub: purging session records in " + dir + ": " + e.getMessage(), e);
		}
		LOG.info("Hub: session record retention " + retention.toDays() + " days: purged " + purged.size()
				+ " records last written before " + limit + (purged.isEmpty() ? "" : ": " + purged));
		return purged;
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
		synchronized (this) {
			if (purger != null) {
				purger.shutdownNow();
				purger = null;
			}
		}
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
