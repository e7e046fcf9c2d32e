package org.webcallcenter.commentary.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.webcallcenter.testing.Poll;

/** Looks up the real DS services of the running framework, waiting until SCR has registered them. */
final class Services {
	private Services() {
	}

	static <T> T get(Class<T> type) {
		return get(type, null);
	}

	static <T> T get(Class<T> type, java.util.function.Predicate<T> which) {
		BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
		AtomicReference<T> found = new AtomicReference<>();
		Poll.until("service " + type.getSimpleName(), Duration.ofSeconds(30), () -> {
			try {
				for (ServiceReference<T> ref : context.getServiceReferences(type, null)) {
					T s = context.getService(ref);
					if (s != null && (which == null || which.test(s))) {
						found.set(s);
						return true;
					}
				}
			} catch (org.osgi.framework.InvalidSyntaxException e) {
				throw new IllegalStateException(e);
			}
			return false;
		});
		return found.get();
	}
}
