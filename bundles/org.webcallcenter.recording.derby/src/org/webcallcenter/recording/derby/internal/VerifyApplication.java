package org.webcallcenter.recording.derby.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingService;
import org.webcallcenter.recording.api.VerifyResult;

/**
 * Checks every recording's chain and seal from the command line:
 *
 * <pre>
 * webcallcenter -application org.webcallcenter.recording.derby.verify [-data FOLDER]
 * </pre>
 *
 * prints one line per broken recording ({@code BROKEN <id> <interaction>: <problem>; ...}), then a summary
 * ({@code verified N recordings, M broken}), and exits with 0 when all are intact, 1 when any is broken, 2 when the
 * database cannot be opened.
 */
public final class VerifyApplication implements IApplication {
	public static final String ID = "org.webcallcenter.recording.derby.verify";
	static final int BROKEN = 1;
	static final int UNAVAILABLE = 2;

	@Override
	public Object start(IApplicationContext context) throws Exception {
		context.applicationRunning();
		BundleContext bundles = FrameworkUtil.getBundle(VerifyApplication.class).getBundleContext();
		ServiceTracker<RecordingService, RecordingService> tracker = new ServiceTracker<>(bundles,
				RecordingService.class, null);
		tracker.open();
		try {
			RecordingService service = tracker.waitForService(TimeUnit.SECONDS.toMillis(60));
			if (service == null) {
				System.err.println("verify: the recording service did not start");
				return UNAVAILABLE;
			}
			return run(service, System.out, System.err);
		} finally {
			tracker.close();
		}
	}

	static int run(RecordingService service, PrintStream out, PrintStream err) {
		return run(() -> service.verifyAll(p -> {
		}), out, err);
	}

	/** Verifies every recording of a store (the service's, or a test's). */
	@FunctionalInterface
	interface AllRecordings {
		List<VerifyResult> verify() throws RecordingException;
	}

	/**
	 * A database Derby cannot boot (damaged where it starts from, locked, wrong password) is reported on stderr with
	 * the reason and exit code 2: it is not "0 broken", and nothing about single recordings can be said.
	 */
	static int run(AllRecordings recordings, PrintStream out, PrintStream err) {
		List<VerifyResult> results;
		try {
			results = recordings.verify();
		} catch (RecordingException e) {
			err.println("verify: " + e.getMessage());
			return UNAVAILABLE;
		}
		int broken = 0;
		for (VerifyResult r : results) {
			if (!r.intact()) {
				broken++;
				out.println("BROKEN " + r.recordingId() + " " + r.interactionId() + ": "
						+ String.join("; ", r.problems()));
			}
		}
		out.println("verified " + results.size() + " recordings, " + broken + " broken");
		out.flush();
		return broken == 0 ? IApplication.EXIT_OK : BROKEN;
	}

	@Override
	public void stop() {
		// verification ends by itself
	}
}
