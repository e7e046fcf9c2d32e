package org.webcallcenter.app.api;

/** EventAdmin topics posted by the desktop shell. */
public final class WorkstationEvents {
	/**
	 * Posted once when the workstation is ready: the main window is shown and every {@link StartupParticipant}
	 * finished. The {@code org.eclipse.e4.data} property holds a {@link Readiness}.
	 */
	public static final String READY = "org/webcallcenter/app/READY";

	/**
	 * What "ready" found.
	 *
	 * @param millisSinceJvmStart time from JVM start to ready
	 * @param bundles             Web Call Center bundles active or resolved
	 * @param components          Declarative Services components of those bundles that are satisfied or active
	 * @param problems            participants that failed and components that are not satisfied, for the log
	 */
	public record Readiness(long millisSinceJvmStart, int bundles, int components, java.util.List<String> problems) {
	}

	private WorkstationEvents() {
	}
}
