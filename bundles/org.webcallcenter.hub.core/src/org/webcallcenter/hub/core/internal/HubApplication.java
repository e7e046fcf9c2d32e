package org.webcallcenter.hub.core.internal;

import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The hub product's application: waits for the hub component, prints {@code hub: listening http://ADDRESS:PORT/}
 * (or {@code hub: error <reason>} and exits with 1) and runs until it is stopped (SIGTERM).
 */
public final class HubApplication implements IApplication {
	/** The application id (bundle name + extension id). */
	public static final String ID = "org.webcallcenter.hub.core.hub";
	private static final String LINE = "hub: ";

	private final CountDownLatch stop = new CountDownLatch(1);

	@Override
	public Object start(IApplicationContext context) throws Exception {
		PrintStream out = System.out;
		BundleContext bundle = FrameworkUtil.getBundle(getClass()).getBundleContext();
		ServiceTracker<HubComponent, HubComponent> hubs = new ServiceTracker<>(bundle, HubComponent.class, null);
		hubs.open();
		try {
			HubComponent hub = hubs.waitForService(TimeUnit.SECONDS.toMillis(60));
			if (hub == null) {
				out.println(LINE + "error the hub component did not start within 60 s (see the log)");
				return Integer.valueOf(1);
			}
			URI address;
			try {
				address = hub.started().toCompletableFuture().get(60, TimeUnit.SECONDS);
			} catch (ExecutionException e) {
				out.println(LINE + "error " + e.getCause().getMessage());
				return Integer.valueOf(1);
			} catch (TimeoutException e) {
				out.println(LINE + "error the hub did not listen within 60 s");
				return Integer.valueOf(1);
			}
			context.applicationRunning();
			out.println(LINE + "listening " + address);
			out.flush();
			Thread hook = new Thread(stop::countDown, "hub shutdown");
			Runtime.getRuntime().addShutdownHook(hook);
			stop.await();
			out.println(LINE + "stopped");
			out.flush();
			return IApplication.EXIT_OK;
		} finally {
			hubs.close();
		}
	}

	@Override
	public void stop() {
		stop.countDown();
	}
}
