package org.webcallcenter.commentary.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.ILog;
import org.webcallcenter.commentary.api.internal.Json;
import org.webcallcenter.commentary.api.workflow.Commentary;

/**
 * The commentary log as a file of JSON lines ({@code commentary.jsonl}): one line per revision with the action,
 * appended and forced to disk (fsync) before {@link #append} returns, never rewritten. A last line cut short by a
 * crash is skipped (and reported in the log) when read.
 */
final class JsonLinesCommentaryRepository implements CommentaryRepository {
	private final Path file;

	JsonLinesCommentaryRepository(Path file) {
		this.file = file;
	}

	Path file() {
		return file;
	}

	@Override
	public synchronized void append(String action, Commentary revision) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("action", action);
		line.put("commentary", CommentaryCodec.toMap(revision));
		byte[] bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
		try {
			Files.createDirectories(file.getParent());
			try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND)) {
				ByteBuffer buf = ByteBuffer.wrap(bytes);
				while (buf.hasRemaining()) {
					ch.write(buf);
				}
				ch.force(true);
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot write the commentary log " + file, e);
		}
	}

	@Override
	public synchronized List<Commentary> load() {
		List<Commentary> out = new ArrayList<>();
		if (!Files.exists(file)) {
			return out;
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read the commentary log " + file, e);
		}
		for (int i = 0; i < lines.size(); i++) {
			String text = lines.get(i);
			if (text.isBlank()) {
				continue;
			}
			try {
				Map<?, ?> m = (Map<?, ?>) Json.parse(text);
				out.add(CommentaryCodec.fromMap((Map<?, ?>) m.get("commentary")));
			} catch (RuntimeException e) {
				ILog.of(getClass()).warn("Skipped line " + (i + 1) + " of " + file + ": " + e.getMessage());
			}
		}
		return out;
	}
}
