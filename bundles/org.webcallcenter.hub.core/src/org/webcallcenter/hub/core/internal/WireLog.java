package org.webcallcenter.hub.core.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.eclipse.core.runtime.ILog;

/**
 * Every byte the hub receives, for diagnostics and for the tests that prove no secret reaches the hub: HTTP
 * request lines and headers, and every WebSocket message payload (after the WebSocket unmasking, which is what
 * the hub sees). Off unless the {@code wireLog} setting names a file. Never enable it in production: it keeps
 * what customers' pages send (masked by the script, but still their browsing).
 */
final class WireLog implements AutoCloseable {
	private static final ILog LOG = ILog.of(WireLog.class);
	static final WireLog OFF = new WireLog(null);

	private final OutputStream out;

	private WireLog(OutputStream out) {
		this.out = out;
	}

	static WireLog open(Path file) throws IOException {
		if (file == null) {
			return OFF;
		}
		if (file.getParent() != null) {
			Files.createDirectories(file.getParent());
		}
		LOG.warn("Hub wire log is on: every byte received goes to " + file + " (diagnostics only)");
		return new WireLog(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
	}

	void received(byte[] bytes) {
		if (out == null) {
			return;
		}
		synchronized (this) {
			try {
				out.write(bytes);
				out.write('\n');
				out.flush();
			} catch (IOException e) {
				LOG.error("Hub wire log: " + e.getMessage(), e);
			}
		}
	}

	@Override
	public synchronized void close() {
		if (out != null) {
			try {
				out.close();
			} catch (IOException e) {
				LOG.error("Hub wire log: " + e.getMessage(), e);
			}
		}
	}
}
