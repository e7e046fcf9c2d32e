package org.webcallcenter.recording.derby.internal;

import java.util.List;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingException;

/**
 * Purges recordings whose retention period has ended and that are on no legal hold, with progress, logging each
 * recording it deleted (and the purge log table keeps the seal of each). Runs a few minutes after start-up, then
 * once a day. Time comes from the store's clock, so a test can run it on a simulated clock.
 */
public final class RetentionJob extends Job {
	static final long FIRST_RUN_DELAY_MILLIS = 5 * 60_000L;
	static final long INTERVAL_MILLIS = 24 * 3600_000L;
	private static final ILog LOG = ILog.of(RetentionJob.class);

	private final RecordingStore store;
	private volatile boolean repeat = true;
	private volatile List<Long> lastPurged = List.of();

	public RetentionJob(RecordingStore store) {
		super("Purging recordings past their retention period");
		this.store = store;
		setSystem(false);
		setPriority(Job.DECORATE);
	}

	/** Runs once only (tests, the admin's "purge now"). */
	public RetentionJob once() {
		repeat = false;
		return this;
	}

	/** @return the recordings the last run deleted */
	public List<Long> lastPurged() {
		return lastPurged;
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		try {
			List<Long> candidates = store.purgeCandidates();
			SubMonitor progress = SubMonitor.convert(monitor, "Purging " + candidates.size() + " recordings",
					Math.max(1, candidates.size()));
			List<Long> purged = new java.util.ArrayList<>();
			for (long id : candidates) {
				if (progress.isCanceled()) {
					break;
				}
				progress.subTask("Recording " + id);
				try {
					Recording r = store.delete(id, "Retention period of " + store.retention() + " ended");
					purged.add(id);
					LOG.info("Purged recording " + id + " of interaction " + r.interactionId() + " started "
							+ r.startedAt() + " (retention " + store.retention() + " ended; seal "
							+ r.sealHash().orElse("none") + ")");
				} catch (RecordingException e) {
					LOG.warn("Recording " + id + " was not purged: " + e.getMessage());
				}
				progress.worked(1);
			}
			lastPurged = List.copyOf(purged);
			if (!candidates.isEmpty()) {
				LOG.info("Retention: " + purged.size() + " of " + candidates.size() + " recordings purged");
			}
			return progress.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
		} catch (RecordingException e) {
			return Status.warning("Recordings could not be purged: " + e.getMessage(), e);
		} finally {
			if (repeat && !monitor.isCanceled()) {
				schedule(INTERVAL_MILLIS);
			}
		}
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == RetentionJob.class;
	}
}
