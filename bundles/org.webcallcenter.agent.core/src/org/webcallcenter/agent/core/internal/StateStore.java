package org.webcallcenter.agent.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.ILog;

import org.webcallcenter.agent.api.AgentStateEvent;
import org.webcallcenter.agent.api.AgentStatus;
import org.webcallcenter.agent.api.ReasonCode;

/**
 * Files behind the state service: {@code agent-state.txt} holds the current status (replaced atomically), and
 * {@code agent-history-YYYY-MM-DD.log} one line per state change of that day (appended). Damaged lines are skipped
 * with a warning; a damaged state file means "logged out", never a failed start.
 */
public final class StateStore {
	private static final ILog LOG = ILog.of(StateStore.class);
	private static final String STATE_FILE = "agent-state.txt";
	private final Path dir;
	private final ZoneId zone;

	public StateStore(Path dir, ZoneId zone) {
		this.dir = dir;
		this.zone = zone;
	}

	public Path directory() {
		return dir;
	}

	public Optional<AgentStatus> load() {
		Path file = dir.resolve(STATE_FILE);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(StatusCodec.decodeStatus(Files.readString(file, StandardCharsets.UTF_8)));
		} catch (IOException | RuntimeException e) {
			LOG.warn("Agent state file " + file + " is unreadable; starting logged out", e);
			return Optional.empty();
		}
	}

	public void save(AgentStatus status) {
		save(status, Optional.empty());
	}

	/**
	 * Saves the status and, while on a call or in wrap-up, the not-ready reason the agent returns to afterwards, so
	 * that a restart never turns an agent on a break into a ready one.
	 */
	public void save(AgentStatus status, Optional<ReasonCode> returnReason) {
		try {
			Files.createDirectories(dir);
			Path tmp = dir.resolve(STATE_FILE + ".tmp");
			String line = StatusCodec.encode(status) + returnReason
					.map(r -> "&returnReason=" + encode(r.code()) + "&returnReasonLabel=" + encode(r.label())).orElse("");
			Files.writeString(tmp, line + "\n", StandardCharsets.UTF_8);
			try {
				Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING,
						StandardCopyOption.ATOMIC_MOVE);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot save agent state in " + dir, e);
		}
	}

	/** @return the reason saved with the status by {@link #save(AgentStatus, Optional)}, if any */
	public Optional<ReasonCode> loadReturnReason() {
		Path file = dir.resolve(STATE_FILE);
		try {
			if (!Files.isRegularFile(file)) {
				return Optional.empty();
			}
			String code = null;
			String label = null;
			for (String pair : Files.readString(file, StandardCharsets.UTF_8).strip().split("&")) {
				if (pair.startsWith("returnReason=")) {
					code = URLDecoder.decode(pair.substring("returnReason=".length()), StandardCharsets.UTF_8);
				} else if (pair.startsWith("returnReasonLabel=")) {
					label = URLDecoder.decode(pair.substring("returnReasonLabel=".length()), StandardCharsets.UTF_8);
				}
			}
			return code == null ? Optional.empty() : Optional.of(new ReasonCode(code, label == null ? code : label));
		} catch (IOException | RuntimeException e) {
			LOG.warn("Cannot read the return reason from " + file, e);
			return Optional.empty();
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	public void append(AgentStateEvent event) {
		LocalDate day = LocalDate.ofInstant(event.current().since(), zone);
		try {
			Files.createDirectories(dir);
			Files.writeString(historyFile(day), StatusCodec.encode(event) + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot append to the agent state history in " + dir, e);
		}
	}

	public List<AgentStateEvent> history(LocalDate day) {
		Path file = historyFile(day);
		List<AgentStateEvent> events = new ArrayList<>();
		if (!Files.isRegularFile(file)) {
			return events;
		}
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (line.isBlank()) {
					continue;
				}
				try {
					events.add(StatusCodec.decodeEvent(line));
				} catch (RuntimeException e) {
					LOG.warn("Skipping a damaged line in " + file + ": " + e.getMessage());
				}
			}
		} catch (IOException e) {
			LOG.warn("Cannot read " + file, e);
		}
		return events;
	}

	private Path historyFile(LocalDate day) {
		return dir.resolve("agent-history-" + day + ".log");
	}
}
