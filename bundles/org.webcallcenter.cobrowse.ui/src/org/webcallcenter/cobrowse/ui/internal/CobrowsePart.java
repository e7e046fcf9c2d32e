package org.webcallcenter.cobrowse.ui.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.browser.ProgressAdapter;
import org.eclipse.swt.browser.ProgressEvent;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.webcallcenter.hub.api.CobrowseProtocol;
import org.webcallcenter.hub.api.display.CallerDisplay;
import org.webcallcenter.recording.api.session.SessionRecords;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.sip.api.SoftphoneEvents;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The agent's view of the customer's web page, live: join with the code the customer reads out, watch the page
 * (an SWT Browser showing the hub's replay page), and guide the customer (highlight an element, point at a spot,
 * suggest a page of the same site). This part holds the connection to the hub ({@link AgentConnection}) and feeds
 * the page with {@link Browser#execute(String)} from the UI thread; the page holds no connection and no
 * credentials. The status line shows the session state and the lag from the customer's event to the agent's view
 * (measured against the customer's clock).
 * <p>
 * While the view is open it registers a {@link CallerDisplay} service, so that other views (the commentary tools)
 * can show a chart or a commentary on the customer's page through this view's connection.
 * <p>
 * The hub's address comes from the workstation preference (Preferences > Service center hub) and can be changed
 * in the view for one session.
 * <p>
 * What the view receives is kept with the call's interaction ({@link StreamRecording}) when the workstation has
 * the recording store.
 */
public class CobrowsePart {
	static final String TEST_ID = "org.webcallcenter.testId";
	private static final Pattern LAG = Pattern.compile("\"lagMs\":(-?[0-9.]+)");
	private static final Pattern HREF = Pattern.compile("\"href\":\"([^\"]*)\"");

	@Inject
	UISynchronize sync;
	@Inject
	@Optional
	@Service
	volatile SessionRecords records;
	@Inject
	@Optional
	@Service
	volatile Softphone phone;

	private Text hub;
	private Text code;
	private Label status;
	private Label lag;
	private Browser browser;
	private Text selector;
	private Text point;
	private Text page;
	private AgentConnection connection;
	private final CallerDisplayService display = new CallerDisplayService();
	private ServiceRegistration<CallerDisplay> displayRegistration;
	private final Queue<String> pending = new ConcurrentLinkedQueue<>();
	private boolean pageReady;
	private final StreamRecording recording = new StreamRecording(() -> records, () -> phone,
			text -> sync.asyncExec(() -> setState(text)));
	private String state = "Not connected. Ask the customer for the six-digit code on their screen.";

	@PostConstruct
	void create(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		Composite join = row(parent, 7);
		new Label(join, SWT.NONE).setText("Hub");
		hub = new Text(join, SWT.BORDER);
		hub.setText(InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE).get(WorkstationPreferences.HUB_ADDRESS,
				WorkstationPreferences.HUB_ADDRESS_DEFAULT));
		hub.setData(TEST_ID, "cobrowse.hub");
		hub.setLayoutData(new GridData(200, SWT.DEFAULT));
		new Label(join, SWT.NONE).setText("Code");
		code = new Text(join, SWT.BORDER);
		code.setTextLimit(6);
		code.setMessage("6 digits");
		code.setData(TEST_ID, "cobrowse.code");
		code.setLayoutData(new GridData(80, SWT.DEFAULT));
		code.addListener(SWT.DefaultSelection, e -> join());
		button(join, "Join", "cobrowse.join", this::join);
		button(join, "Leave", "cobrowse.leave", this::leave);
		lag = new Label(join, SWT.NONE);
		lag.setData(TEST_ID, "cobrowse.lag");
		lag.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false));
		status = new Label(parent, SWT.WRAP);
		status.setData(TEST_ID, "cobrowse.status");
		status.setText(state);
		status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		try {
			browser = new Browser(parent, SWT.NONE);
			browser.setData(TEST_ID, "cobrowse.browser");
			browser.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
			browser.addProgressListener(new ProgressAdapter() {
				@Override
				public void completed(ProgressEvent event) {
					// never run scripts from inside a browser callback: feed the page after it returns
					sync.asyncExec(() -> {
						pageReady = true;
						flush();
					});
				}
			});
		} catch (SWTError e) {
			Label none = new Label(parent, SWT.WRAP);
			none.setText("No web browser is available to show the customer's page (" + e.getMessage()
					+ "). On Linux, install libwebkit2gtk-4.1-0.");
			none.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		}
		Composite guide = row(parent, 9);
		new Label(guide, SWT.NONE).setText("Element");
		selector = new Text(guide, SWT.BORDER);
		selector.setMessage("CSS selector, e.g. #quantity");
		selector.setData(TEST_ID, "cobrowse.selector");
		selector.setLayoutData(new GridData(160, SWT.DEFAULT));
		button(guide, "Highlight", "cobrowse.highlight", this::highlight);
		point = new Text(guide, SWT.BORDER);
		point.setMessage("x,y");
		point.setData(TEST_ID, "cobrowse.point");
		point.setLayoutData(new GridData(70, SWT.DEFAULT));
		button(guide, "Point", "cobrowse.pointer", this::pointer);
		page = new Text(guide, SWT.BORDER);
		page.setMessage("/path on the customer's site");
		page.setData(TEST_ID, "cobrowse.page");
		page.setLayoutData(new GridData(170, SWT.DEFAULT));
		button(guide, "Suggest page", "cobrowse.suggest", this::suggest);
		button(guide, "Clear", "cobrowse.clear", () -> guide("{\"t\":\"guide\",\"kind\":\"clear\"}"));
		parent.getDisplay().timerExec(1000, this::showLag);
		displayRegistration = FrameworkUtil.getBundle(CobrowsePart.class).getBundleContext()
				.registerService(CallerDisplay.class, display, null);
	}

	private static Composite row(Composite parent, int columns) {
		Composite c = new Composite(parent, SWT.NONE);
		GridLayout l = new GridLayout(columns, false);
		l.marginWidth = 0;
		l.marginHeight = 0;
		c.setLayout(l);
		c.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		return c;
	}

	private static void button(Composite parent, String label, String testId, Runnable action) {
		Button b = new Button(parent, SWT.PUSH);
		b.setText(label);
		b.setData(TEST_ID, testId);
		b.addListener(SWT.Selection, e -> action.run());
	}

	@Focus
	void focus() {
		code.setFocus();
	}

	private void join() {
		String c = code.getText().trim();
		if (!c.matches("[0-9]{6}")) {
			setState("The code has six digits: ask the customer to read it from the banner on their page.");
			return;
		}
		URI base = hubAddress();
		if (base == null) {
			return;
		}
		leave();
		pending.clear();
		pageReady = false;
		if (browser != null) {
			browser.setUrl(base.resolve(CobrowseProtocol.REPLAY_PAGE).toString());
		}
		AgentConnection[] self = new AgentConnection[1];
		connection = new AgentConnection(base, new AgentConnection.Listener() {
			@Override
			public void message(String json) {
				recording.message(self[0].session().orElse(null), json);
				pending.add(json);
				sync.asyncExec(CobrowsePart.this::flush);
			}

			@Override
			public void state(String text) {
				sync.asyncExec(() -> setState(text));
			}

			@Override
			public void changed() {
				if (self[0].session().isEmpty()) {
					recording.end();
				}
				display.changed();
			}
		});
		self[0] = connection;
		display.connection(connection);
		connection.join(c);
	}

	private URI hubAddress() {
		String text = hub.getText().trim();
		try {
			URI u = new URI(text.endsWith("/") ? text : text + "/");
			String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
			if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
				return u;
			}
		} catch (java.net.URISyntaxException e) {
			// said below
		}
		setState("The hub address must look like http://127.0.0.1:8480/ (not: " + text + ")");
		return null;
	}

	private void leave() {
		if (connection != null) {
			display.connection(null);
			connection.close();
			recording.end();
			connection = null;
			setState("Left the session.");
		}
	}

	private void flush() {
		if (browser == null || browser.isDisposed() || !pageReady || pending.isEmpty()) {
			// nothing to push: an earlier flush drained the messages this one was posted for
			return;
		}
		if (!Boolean.TRUE.equals(browser.evaluate("return !!window.wccReplay;"))) {
			// loaded but its scripts not yet run: try again shortly, the messages wait in order
			browser.getDisplay().timerExec(100, this::flush);
			return;
		}
		String json;
		while ((json = pending.poll()) != null) {
			browser.execute("window.wccReplay && wccReplay.pushText(" + Js.quote(json) + ");");
		}
	}

	private void showLag() {
		if (browser == null || browser.isDisposed()) {
			return;
		}
		if (pageReady && connection != null) {
			Object stats = browser.evaluate("return window.wccReplay ? JSON.stringify(wccReplay.stats()) : null;");
			if (stats instanceof String s) {
				Matcher m = LAG.matcher(s);
				Matcher h = HREF.matcher(s);
				lag.setText((m.find() ? "lag " + Math.round(Double.parseDouble(m.group(1))) + " ms" : "")
						+ (h.find() ? "  " + h.group(1) : ""));
				lag.getParent().layout();
			}
		}
		browser.getDisplay().timerExec(1000, this::showLag);
	}

	private void highlight() {
		String s = selector.getText().trim();
		if (s.isEmpty() || s.length() > 300) {
			setState("Type a CSS selector of the element to highlight, for example #quantity.");
			return;
		}
		guide("{\"t\":\"guide\",\"kind\":\"highlight\",\"selector\":" + Js.quote(s) + "}");
	}

	private void pointer() {
		Matcher m = Pattern.compile("\\s*([0-9]{1,5})\\s*,\\s*([0-9]{1,5})\\s*").matcher(point.getText());
		if (!m.matches()) {
			setState("Type where to point as x,y in page pixels, for example 200,300.");
			return;
		}
		guide("{\"t\":\"guide\",\"kind\":\"pointer\",\"x\":" + m.group(1) + ",\"y\":" + m.group(2) + "}");
	}

	private void suggest() {
		String p = page.getText().trim();
		if (!p.startsWith("/") || p.startsWith("//") || p.contains("\\") || p.chars().anyMatch(c -> c <= ' ')) {
			setState("Suggest a page of the customer's site as a path, for example /demo/account.html.");
			return;
		}
		guide("{\"t\":\"guide\",\"kind\":\"navigate\",\"url\":" + Js.quote(p) + "}");
	}

	private void guide(String json) {
		if (connection == null) {
			setState("Join a session first.");
			return;
		}
		connection.send(json);
	}

	private void setState(String text) {
		state = text;
		if (status != null && !status.isDisposed()) {
			status.setText(text);
			status.getParent().layout();
		}
	}

	/** A call changed state (EventAdmin's thread): a call connected during the session is linked to it. */
	@Inject
	@Optional
	void callChanged(@EventTopic(SoftphoneEvents.CALL) CallEvent event) {
		if (event != null) {
			recording.callChanged(event.call());
		}
	}

	/** @return the recorder of the view's stream (tests) */
	StreamRecording recording() {
		return recording;
	}

	@PreDestroy
	void dispose() {
		leave();
		recording.dispose();
		if (displayRegistration != null) {
			displayRegistration.unregister();
			displayRegistration = null;
		}
	}
}
