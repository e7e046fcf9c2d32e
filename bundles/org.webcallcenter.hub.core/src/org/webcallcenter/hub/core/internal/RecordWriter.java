package org.webcallcenter.hub.core.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.webcallcenter.hub.api.SessionRecordStore;

/**
 * Takes the session records' disk appends off the relay path: the {@link SessionRegistry} queues each line under
 * the session's lock (so lines keep the order of the relay) and one writer thread hands them to
 * {@link SessionFiles} (same file format). The queue is bounded: when the disk falls that far behind, the relay
 * waits for it rather than lose record lines or fill the heap. Reads wait until every line queued before the read
 * is written, so whatever was relayed is in the record when it is read.
 */
final class RecordWriter implements SessionRecordStore {
	private static final ILog LOG = ILog.of(RecordWriter.class);
	/** Lines queued at most (about 10 s of 1,000 busy sessions). */
	static final int CAPACITY = 100_000;

	/** One queued line, or (json null) the end of a session's record. */
	private record Line(String id, String from, String json) {
	}

	private static final Line STOP = new Line(null, null, null);

	private final SessionFiles files;
	private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(CAPACITY);
	private final Thread thread;
	/** Lines queued and lines done; guarded by this. */
	private long queued;
	private long done;

	RecordWriter(SessionFiles files) {
		this.files = files;
		this.thread = new Thread(this::run, "hub session records");
		thread.setDaemon(true);
		thread.start();
	}

	void append(String id, String from, String json) {
		put(new Line(id, from, json));
	}

	/** Closes a session's file once the lines queued before are written. */
	void close(String id) {
		put(new Line(id, null, null));
	}

	private void put(Line line) {
		synchronized (this) {
			queued++;
		}
		try {
			while (!queue.offer(line, 1, TimeUnit.SECONDS)) {
				if (!thread.isAlive()) {
					LOG.error("Co-browsing record of session " + line.id() + ": the writer has stopped, a line is lost");
					finished(1);
					return;
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			LOG.error("Co-browsing record of session " + line.id() + ": interrupted, a line is lost");
			finished(1);
		}
	}

	private void run() {
		while (true) {
			Line line;
			try {
				line = queue.take();
			} catch (InterruptedException e) {
				return;
			}
			if (line == STOP) {
				files.closeAll();
				finished(1);
				return;
			}
			try {
				if (line.json() == null) {
					files.close(line.id());
				} else {
					files.append(line.id(), line.from(), line.json());
				}
			} catch (RuntimeException e) {
				LOG.error("Co-browsing record of session " + line.id() + ": " + e.getMessage(), e);
			}
			finished(1);
		}
	}

	private synchronized void finished(int lines) {
		done += lines;
		notifyAll();
	}

	/** Waits until every line queued so far is written (or the timeout passed). */
	void await(long timeoutMillis) throws InterruptedIOException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		synchronized (this) {
			long target = queued;
			while (done < target) {
				long left = deadline - System.currentTimeMillis();
				if (left <= 0 || !thread.isAlive()) {
					return;
				}
				try {
					wait(left);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException("interrupted while the session records were written");
				}
			}
		}
	}

	/** Writes what is queued, closes every file and ends the writer thread. */
	void stop() {
		put(STOP);
		try {
			thread.join(30_000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public List<String> sessionIds() throws IOException {
		await(10_000);
		return files.sessionIds();
	}

	@Override
	public List<RecordedMessage> read(String sessionId) throws IOException {
		await(10_000);
		return files.read(sessionId);
	}
}
