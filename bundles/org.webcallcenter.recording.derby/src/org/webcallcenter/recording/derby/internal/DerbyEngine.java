package org.webcallcenter.recording.derby.internal;

import java.nio.file.Path;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingException.Reason;

/**
 * Starts the embedded Derby engine (bundle {@code derby}, whose activator registers the embedded driver) when the
 * recordings database is first needed, never at workstation start-up. Derby's own log ({@code derby.log}) goes to
 * the recordings folder instead of the current directory.
 */
public final class DerbyEngine {
	/** Derby's system property naming its log file. */
	static final String LOG_PROPERTY = "derby.stream.error.file";

	private DerbyEngine() {
	}

	/** Starts Derby if it is not running yet; {@code logFolder} receives derby.log unless it was already set. */
	public static synchronized void start(BundleContext context, Path logFolder) throws RecordingException {
		if (System.getProperty(LOG_PROPERTY) == null) {
			System.setProperty(LOG_PROPERTY, logFolder.resolve("derby.log").toString());
		}
		for (Bundle b : context.getBundles()) {
			if ("derby".equals(b.getSymbolicName())) {
				if (b.getState() != Bundle.ACTIVE) {
					try {
						b.start(Bundle.START_TRANSIENT);
					} catch (BundleException e) {
						throw new RecordingException(Reason.STORAGE_UNAVAILABLE,
								"The Derby database engine does not start: " + e.getMessage(), e);
					}
				}
				return;
			}
		}
		throw new RecordingException(Reason.STORAGE_UNAVAILABLE,
				"The Derby database engine (bundle derby) is not installed: recordings cannot be stored");
	}
}
