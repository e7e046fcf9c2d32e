package org.webcallcenter.hub.core.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.webcallcenter.hub.api.CobrowseHub;
import org.webcallcenter.hub.api.CobrowseProtocol;
import org.webcallcenter.hub.api.CobrowseSessionInfo;
import org.webcallcenter.hub.api.SessionRecordStore;

/**
 * The service center hub: Jetty 12 (core, no servlets) on a loopback address by default, serving the bundles'
 * web content and relaying co-browsing sessions over WebSocket. Configuration: see {@link HubSettings}. A bad
 * setting or a port in use fails {@link #started()} with the reason (the hub application prints it) and the
 * service reports no address.
 */
@Component(service = { CobrowseHub.class, HubComponent.class }, configurationPid = HubSettings.PID, immediate = true)
public class HubComponent implements CobrowseHub {
	private static final ILog LOG = ILog.of(HubComponent.class);

	private final CompletableFuture<URI> started = new CompletableFuture<>();
	private Server server;
	private ContentHandler content;
	private SessionRegistry registry;
	private SessionFiles records;
	private RecordWriter recordWriter;
	private WireLog wire = WireLog.OFF;
	private ScheduledExecutorService timer;

	@Activate
	void activate(BundleContext context, Map<String, Object> properties) {
		try {
			HubSettings settings = HubSettings.from(key -> {
				Object v = properties.get(key);
				return v != null ? v.toString() : context.getProperty(HubSettings.PID + "." + key);
			}, defaultDataDir(context));
			start(context, settings);
		} catch (Exception e) {
			LOG.error("Hub not started: " + e.getMessage(), e);
			stop();
			started.completeExceptionally(e);
		}
	}

	/** @return {@code hub-sessions} in the instance area (-data), else in the bundle's own storage area */
	static Path defaultDataDir(BundleContext context) {
		String instance = context.getProperty("osgi.instance.area");
		if (instance != null && instance.startsWith("file:")) {
			try {
				return Path.of(new URI(instance.replace(" ", "%20"))).resolve("hub-sessions");
			} catch (URISyntaxException | IllegalArgumentException e) {
				LOG.warn("Hub: instance area " + instance + " is not a folder; sessions go to the bundle's storage");
			}
		}
		return context.getDataFile("sessions").toPath();
	}

	private void start(BundleContext context, HubSettings settings) throws Exception {
		records = new SessionFiles(settings.dataDir(), settings.recordRetention(), Clock.systemUTC());
		records.startRetention();
		wire = WireLog.open(settings.wireLog());
		recordWriter = new RecordWriter(records);
		registry = new SessionRegistry(recordWriter, Clock.systemUTC(), settings.sessionTimeout());
		QueuedThreadPool threads = new QueuedThreadPool(200, 4);
		threads.setName("hub");
		threads.setDaemon(true);
		server = new Server(threads);
		ServerConnector connector = new ServerConnector(server);
		connector.setHost(settings.address().getHostAddress());
		connector.setPort(settings.port());
		connector.setIdleTimeout(settings.idleTimeout().toMillis());
		server.addConnector(connector);
		GateHandler gate = new GateHandler(wire);
		content = new ContentHandler(context);
		WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
			container.setIdleTimeout(settings.idleTimeout());
			container.setMaxTextMessageSize(settings.maxMessageBytes());
			container.setMaxBinaryMessageSize(settings.maxMessageBytes());
			container.setMaxFrameSize(settings.maxMessageBytes());
			container.addMapping(CobrowseProtocol.CUSTOMER_PATH,
					(rq, rs, cb) -> new HubSocket(Protocol.Role.CUSTOMER, registry, wire));
			container.addMapping(CobrowseProtocol.AGENT_PATH,
					(rq, rs, cb) -> new HubSocket(Protocol.Role.AGENT, registry, wire));
		});
		ws.setHandler(content);
		gate.setHandler(ws);
		server.setHandler(gate);
		content.open();
		server.start();
		int port = connector.getLocalPort();
		gate.allow(settings.originsFor(port));
		timer = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "hub session expiry");
			t.setDaemon(true);
			return t;
		});
		timer.scheduleWithFixedDelay(registry::expire, 1, 1, TimeUnit.SECONDS);
		String host = settings.address().getHostAddress();
		URI address = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
		LOG.info("Hub listening on " + address + "; session records in " + records.dir());
		started.complete(address);
	}

	@Deactivate
	void deactivate() {
		started.completeExceptionally(new IOException("hub stopped"));
		stop();
	}

	private void stop() {
		if (registry != null) {
			registry.endAll("the hub is stopping");
		}
		if (timer != null) {
			timer.shutdownNow();
		}
		if (server != null) {
			try {
				server.stop();
			} catch (Exception e) {
				LOG.error("Hub: stopping Jetty: " + e.getMessage(), e);
			}
		}
		if (content != null) {
			content.close();
		}
		if (recordWriter != null) {
			recordWriter.stop();
		} else if (records != null) {
			records.closeAll();
		}
		wire.close();
	}

	/** @return completes with the address once the hub listens, or exceptionally with why it does not */
	public CompletionStage<URI> started() {
		return started.minimalCompletionStage();
	}

	@Override
	public Optional<URI> address() {
		return started.isDone() && !started.isCompletedExceptionally() ? Optional.of(started.join())
				: Optional.empty();
	}

	@Override
	public List<CobrowseSessionInfo> sessions() {
		return registry == null ? List.of() : registry.sessions();
	}

	@Override
	public String admitAgent(String sessionId) {
		if (registry == null) {
			throw new IllegalArgumentException("the hub is not running");
		}
		return registry.admitAgent(sessionId);
	}

	@Override
	public SessionRecordStore records() {
		return recordWriter;
	}
}
