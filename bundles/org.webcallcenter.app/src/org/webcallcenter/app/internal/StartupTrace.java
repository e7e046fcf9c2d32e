package org.webcallcenter.app.internal;

import java.lang.management.ManagementFactory;

/**
 * With {@code -Dwebcallcenter.startup.trace=true} prints {@code webcallcenter: trace <step> ms=<since JVM start>}
 * for the start-up steps, so the benchmark can say where the time goes. Silent otherwise.
 */
public final class StartupTrace {
	private static final boolean ON = Boolean.getBoolean("webcallcenter.startup.trace");

	private StartupTrace() {
	}

	public static long sinceJvmStart() {
		return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
	}

	public static void mark(String step) {
		if (ON) {
			System.out.println("webcallcenter: trace " + step + " ms=" + sinceJvmStart());
		}
	}
}
