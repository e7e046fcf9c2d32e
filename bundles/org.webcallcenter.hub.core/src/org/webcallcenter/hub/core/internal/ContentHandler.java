package org.webcallcenter.hub.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;
import org.webcallcenter.hub.api.CobrowseProtocol;

/**
 * Serves the static files of bundles that ask for it (an extender): a bundle with the manifest header
 * {@value #HEADER}{@code : /cobrowse=web/cobrowse, /demo=web/demo} gets its folder {@code web/cobrowse} served
 * under {@code /cobrowse/}. GET and HEAD only, no directory listings, no {@code ..}; {@code /} redirects to the
 * demo site.
 */
final class ContentHandler extends Handler.Abstract.NonBlocking {
	static final String HEADER = "WebCallCenter-Hub-Content";
	private static final ILog LOG = ILog.of(ContentHandler.class);

	private record Mount(Bundle bundle, String folder) {
	}

	private final Map<String, Mount> mounts = new ConcurrentHashMap<>();
	private final BundleTracker<Bundle> tracker;

	ContentHandler(BundleContext context) {
		tracker = new BundleTracker<>(context, Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE, null) {
			@Override
			public Bundle addingBundle(Bundle bundle, BundleEvent event) {
				String header = bundle.getHeaders("").get(HEADER);
				if (header == null) {
					return null;
				}
				for (String entry : header.split(",")) {
					String[] kv = entry.trim().split("=", 2);
					if (kv.length == 2 && kv[0].matches("/[a-z0-9-]+") && !kv[1].contains("..")) {
						mounts.put(kv[0].trim(), new Mount(bundle, kv[1].trim().replaceAll("/+$", "")));
					} else {
						LOG.warn(bundle.getSymbolicName() + ": bad " + HEADER + " entry ignored: " + entry);
					}
				}
				return bundle;
			}

			@Override
			public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
				mounts.values().removeIf(m -> m.bundle().equals(bundle));
			}
		};
	}

	void open() {
		tracker.open();
	}

	void close() {
		tracker.close();
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) {
		String method = request.getMethod();
		boolean head = "HEAD".equals(method);
		if (!head && !"GET".equals(method)) {
			Response.writeError(request, response, callback, 405, "only GET and HEAD");
			return true;
		}
		String path = Request.getPathInContext(request);
		if (path.equals("/")) {
			Response.sendRedirect(request, response, callback, CobrowseProtocol.DEMO_PAGE);
			return true;
		}
		int slash = path.indexOf('/', 1);
		Mount mount = slash < 0 ? null : mounts.get(path.substring(0, slash));
		String rest = slash < 0 ? "" : path.substring(slash);
		if (rest.endsWith("/")) {
			rest += "index.html";
		}
		URL entry = mount == null || rest.contains("..") || rest.contains("//") ? null
				: mount.bundle().getEntry(mount.folder() + rest);
		if (entry == null || rest.equals("/")) {
			Response.writeError(request, response, callback, 404, "not found");
			return true;
		}
		byte[] body;
		try (InputStream in = entry.openStream()) {
			body = in.readAllBytes();
		} catch (IOException e) {
			Response.writeError(request, response, callback, 404, "not found");
			return true;
		}
		response.setStatus(200);
		response.getHeaders().put(HttpHeader.CONTENT_TYPE.asString(), type(rest));
		response.getHeaders().put(HttpHeader.CACHE_CONTROL.asString(), "no-cache");
		response.getHeaders().put("X-Content-Type-Options", "nosniff");
		response.getHeaders().put(HttpHeader.CONTENT_LENGTH.asString(), Integer.toString(body.length));
		response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
		return true;
	}

	static String type(String path) {
		String p = path.toLowerCase(Locale.ROOT);
		if (p.endsWith(".html")) {
			return "text/html; charset=utf-8";
		}
		if (p.endsWith(".js")) {
			return "text/javascript; charset=utf-8";
		}
		if (p.endsWith(".css")) {
			return "text/css; charset=utf-8";
		}
		if (p.endsWith(".svg")) {
			return "image/svg+xml";
		}
		if (p.endsWith(".png")) {
			return "image/png";
		}
		if (p.endsWith(".json")) {
			return "application/json";
		}
		return "application/octet-stream";
	}
}
