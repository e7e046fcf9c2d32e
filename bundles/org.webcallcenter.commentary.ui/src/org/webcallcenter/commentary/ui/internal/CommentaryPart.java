package org.webcallcenter.commentary.ui.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.jobs.Job;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.webcallcenter.agent.api.AgentEvents;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.AgentStateService;
import org.webcallcenter.commentary.api.chart.ChartState;
import org.webcallcenter.commentary.api.market.MarketDataRegistry;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryContent;
import org.webcallcenter.commentary.api.workflow.CommentaryQuery;
import org.webcallcenter.commentary.api.workflow.CommentaryRole;
import org.webcallcenter.commentary.api.workflow.CommentaryService;
import org.webcallcenter.hub.api.display.CallerDisplay;
import org.webcallcenter.recording.api.InteractionStore;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;
import org.webcallcenter.commentary.api.workflow.WorkflowException;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Commentary: search (instrument, author, status), read, write and move through the workflow. The buttons follow
 * the signed-in user's roles and the commentary's status, but the service decides: a refused action shows the
 * service's reason. Instrument links ({@code [[SYMBOL]]} in the text, and the instruments field) open the chart;
 * "Attach chart" attaches the chart part's current state (instrument, period, indicators, trend lines).
 * <p>
 * Searching, saving, approving and publishing go to disk (publishing to the archive in the recordings database):
 * they run in a {@link Job}, never on the UI thread, and their outcome comes back through {@link UISynchronize}; the
 * action buttons are off meanwhile.
 */
public class CommentaryPart {
	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

	@Inject
	@Service
	CommentaryService service;
	@Inject
	@Service
	MarketDataRegistry registry;
	@Inject
	@Optional
	@Service
	volatile AgentStateService agents;
	@Inject
	@Optional
	IEventBroker broker;
	@Inject
	UISynchronize sync;
	@Inject
	@Optional
	@Service
	volatile Softphone phone;
	@Inject
	@Optional
	@Service
	volatile InteractionStore interactions;
	private volatile CallerDisplay callerDisplay;
	/**
	 * Which call a show is recorded with: the softphone's connected call. Package-visible as the tests' seam: a live
	 * call needs a SIP peer, so they name the interaction they created instead.
	 */
	volatile Supplier<java.util.Optional<String>> currentCall = () -> CallerShow.connectedCall(phone);
	/** A save, approval or publication is running (UI thread only). */
	private boolean busy;
	/** Counts searches so that only the latest one's results are shown (UI thread only). */
	private int searches;
	private ShowToCallerButton showToCaller;

	private Text searchSymbol;
	private Text searchAuthor;
	private Combo searchStatus;
	private Table results;
	private List<Commentary> shown = List.of();
	private Text title;
	private Text body;
	private Text instruments;
	private Label chartLabel;
	private Link links;
	private Label status;
	private Label message;
	private Button save;
	private Button approve;
	private Button publish;
	private Button attach;
	private Button detach;
	private Commentary current;
	private ChartState attached;
	private ChartState latestChart;

	@PostConstruct
	void create(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		Composite search = new Composite(parent, SWT.NONE);
		search.setLayout(new GridLayout(4, false));
		search.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		new Label(search, SWT.NONE).setText("Instrument");
		searchSymbol = new Text(search, SWT.BORDER);
		searchSymbol.setLayoutData(new GridData(90, SWT.DEFAULT));
		new Label(search, SWT.NONE).setText("Author");
		searchAuthor = new Text(search, SWT.BORDER);
		searchAuthor.setLayoutData(new GridData(70, SWT.DEFAULT));
		Composite searchButtons = new Composite(search, SWT.NONE);
		searchButtons.setLayout(new GridLayout(3, false));
		searchButtons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
		searchStatus = new Combo(searchButtons, SWT.READ_ONLY);
		searchStatus.setItems("Any status", "Draft", "Approved", "Published");
		searchStatus.select(0);
		Button find = new Button(searchButtons, SWT.PUSH);
		find.setText("Search");
		find.addListener(SWT.Selection, e -> refresh());
		Button fresh = new Button(searchButtons, SWT.PUSH);
		fresh.setText("New");
		fresh.setData(Topics.TEST_ID, "commentary.new");
		fresh.addListener(SWT.Selection, e -> edit(null));

		results = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL);
		results.setData(Topics.TEST_ID, "commentary.results");
		results.setHeaderVisible(true);
		GridData rd = new GridData(SWT.FILL, SWT.FILL, true, true);
		rd.heightHint = 110;
		results.setLayoutData(rd);
		String[] cols = { "Title", "Status", "Author", "Created" };
		int[] widths = { 160, 70, 60, 110 };
		for (int i = 0; i < cols.length; i++) {
			TableColumn c = new TableColumn(results, SWT.LEFT);
			c.setText(cols[i]);
			c.setWidth(widths[i]);
		}
		results.addListener(SWT.Selection, e -> {
			int i = results.getSelectionIndex();
			if (i >= 0 && i < shown.size()) {
				edit(shown.get(i));
			}
		});

		Composite editor = new Composite(parent, SWT.NONE);
		editor.setLayout(new GridLayout(2, false));
		editor.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		new Label(editor, SWT.NONE).setText("Title");
		title = new Text(editor, SWT.BORDER);
		title.setData(Topics.TEST_ID, "commentary.title");
		title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		new Label(editor, SWT.NONE).setText("Text");
		body = new Text(editor, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
		body.setData(Topics.TEST_ID, "commentary.body");
		body.setToolTipText("Link an instrument by writing [[SYMBOL]], for example [[SIM600001.SH]]");
		GridData bd = new GridData(SWT.FILL, SWT.FILL, true, true);
		bd.heightHint = 100;
		body.setLayoutData(bd);
		body.addListener(SWT.Modify, e -> showLinks());
		new Label(editor, SWT.NONE).setText("Instruments");
		instruments = new Text(editor, SWT.BORDER);
		instruments.setToolTipText("Symbols this commentary is about, separated by commas (for search)");
		instruments.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		instruments.addListener(SWT.Modify, e -> showLinks());
		new Label(editor, SWT.NONE).setText("Links");
		links = new Link(editor, SWT.NONE);
		links.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		links.addListener(SWT.Selection, e -> openChart(e.text));
		new Label(editor, SWT.NONE).setText("Chart");
		Composite chartRow = new Composite(editor, SWT.NONE);
		chartRow.setLayout(new GridLayout(2, false));
		chartRow.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		chartLabel = new Label(chartRow, SWT.WRAP);
		chartLabel.setData(Topics.TEST_ID, "commentary.attached");
		chartLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		attach = new Button(chartRow, SWT.PUSH);
		attach.setText("Attach chart");
		attach.setData(Topics.TEST_ID, "commentary.attach");
		attach.setToolTipText("Attach what the Chart part shows now: instrument, period, indicators, trend lines");
		attach.addListener(SWT.Selection, e -> {
			if (latestChart == null) {
				message.setText("Open the Chart part first: the chart it shows is attached.");
			} else {
				attached = latestChart;
				showChart();
			}
		});
		detach = new Button(chartRow, SWT.PUSH);
		detach.setText("Remove");
		detach.addListener(SWT.Selection, e -> {
			attached = null;
			showChart();
		});
		Composite buttons = new Composite(parent, SWT.NONE);
		buttons.setLayout(new GridLayout(4, false));
		save = button(buttons, "Save draft", "commentary.save", this::save);
		approve = button(buttons, "Approve", "commentary.approve",
				() -> act("Approving", (c, u) -> service.approve(c.id(), u)));
		publish = button(buttons, "Publish", "commentary.publish",
				() -> act("Publishing", (c, u) -> service.publish(c.id(), u)));
		showToCaller = new ShowToCallerButton(buttons, "commentary.showToCaller", sync,
				() -> current != null && current.status() == CommentaryStatus.PUBLISHED, this::showToCaller);
		showToCaller.display(callerDisplay);
		status = new Label(parent, SWT.WRAP);
		status.setData(Topics.TEST_ID, "commentary.status");
		status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		message = new Label(parent, SWT.WRAP);
		message.setData(Topics.TEST_ID, "commentary.message");
		message.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		edit(null);
		refresh();
	}

	@Focus
	void focus() {
		if (title.getEditable()) {
			title.setFocus();
		} else {
			results.setFocus();
		}
	}

	private static Button button(Composite parent, String text, String testId, Runnable r) {
		Button b = new Button(parent, SWT.PUSH);
		b.setText(text);
		b.setData(Topics.TEST_ID, testId);
		b.addListener(SWT.Selection, e -> r.run());
		return b;
	}

	@Inject
	@Optional
	void chartChanged(@UIEventTopic(Topics.CHART_STATE) ChartState s) {
		latestChart = s;
	}

	@Inject
	@Optional
	void commentaryChanged(@UIEventTopic(CommentaryService.TOPIC_CHANGED) org.osgi.service.event.Event e) {
		if (results != null && !results.isDisposed()) {
			refresh();
		}
	}

	@Inject
	@Optional
	void agentChanged(@UIEventTopic(AgentEvents.STATE_CHANGED) org.osgi.service.event.Event e) {
		if (save != null && !save.isDisposed()) {
			enable();
		}
	}

	private String user() {
		AgentStateService a = agents;
		return a == null ? null : a.current().agent().map(AgentIdentity::agentId).orElse(null);
	}

	/** Searches in the background (published commentary comes from the archive's database), then lists. */
	private void refresh() {
		String sym = searchSymbol.getText().strip();
		String author = searchAuthor.getText().strip();
		CommentaryStatus st = searchStatus.getSelectionIndex() <= 0 ? null : CommentaryStatus.values()[searchStatus.getSelectionIndex() - 1];
		CommentaryQuery query = new CommentaryQuery(sym.isEmpty() ? null : sym, author.isEmpty() ? null : author, null, null, st);
		int search = ++searches;
		background("Searching commentary", () -> service.search(query), found -> {
			if (search != searches) {
				return; // a newer search is under way
			}
			shown = found;
			results.removeAll();
			for (Commentary c : shown) {
				TableItem item = new TableItem(results, SWT.NONE);
				item.setText(new String[] { c.content().title(), label(c.status()), c.author(), WHEN.format(c.created()) });
			}
		}, problem -> message.setText(problem));
	}

	/**
	 * Runs {@code work} in a {@link Job}; on the UI thread afterwards (unless the part is gone) {@code done} gets its
	 * result, or {@code failed} the reason it was refused or failed.
	 */
	private <T> void background(String name, Callable<T> work, Consumer<T> done, Consumer<String> failed) {
		Job job = Job.create(name, monitor -> {
			T result = null;
			String problem = null;
			try {
				result = work.call();
			} catch (IllegalArgumentException | WorkflowException e) {
				problem = e.getMessage();
			} catch (Exception e) {
				ILog.of(CommentaryPart.class).error(name + " failed", e);
				problem = name + " failed: " + e.getMessage();
			}
			T r = result;
			String p = problem;
			sync.asyncExec(() -> {
				if (message.isDisposed()) {
					return;
				}
				if (p != null) {
					failed.accept(p);
				} else {
					done.accept(r);
				}
			});
		});
		job.setSystem(true);
		job.schedule();
	}

	private static String label(CommentaryStatus s) {
		String n = s.name().toLowerCase();
		return Character.toUpperCase(n.charAt(0)) + n.substring(1);
	}

	@Inject
	@Optional
	void callerDisplay(@Optional @Service CallerDisplay d) {
		callerDisplay = d;
		if (showToCaller != null) {
			showToCaller.display(d);
		}
	}

	/** Shows the published commentary on the customer's co-browsed page. */
	void showToCaller() {
		CallerDisplay d = showToCaller.display();
		if (d == null || current == null || current.status() != CommentaryStatus.PUBLISHED) {
			message.setText("Only published commentary is shown to the caller, during a co-browsing session.");
			return;
		}
		String id = CallerShow.newId();
		String json = CallerShow.commentary(id, current);
		CallerShow.send(d, id, json, CallerShow.reference(current), currentCall, interactions,
				showToCaller.reportIn(message));
	}

	void edit(Commentary c) {
		current = c;
		message.setText("");
		title.setText(c == null ? "" : c.content().title());
		body.setText(c == null ? "" : c.content().body());
		instruments.setText(c == null ? "" : String.join(", ", c.content().instruments()));
		attached = c == null ? null : c.content().chart().orElse(null);
		showChart();
		enable();
	}

	private void enable() {
		String u = user();
		Set<CommentaryRole> roles = u == null ? Set.of() : service.roles(u);
		boolean published = current != null && current.status() == CommentaryStatus.PUBLISHED;
		boolean mine = current == null || current.author().equals(u);
		title.setEditable(!published && mine);
		body.setEditable(!published && mine);
		instruments.setEditable(!published && mine);
		save.setEnabled(!busy && u != null && !published && mine);
		attach.setEnabled(!published && mine);
		detach.setEnabled(!published && mine);
		approve.setEnabled(!busy && current != null && current.status() == CommentaryStatus.DRAFT
				&& roles.contains(CommentaryRole.APPROVER) && !current.author().equals(u));
		publish.setEnabled(!busy && current != null && current.status() == CommentaryStatus.APPROVED
				&& (current.author().equals(u) || roles.contains(CommentaryRole.APPROVER)));
		if (showToCaller != null) {
			showToCaller.update();
		}
		status.setText(current == null ? (u == null ? "Sign in to write commentary" : "New commentary by " + u) : describe(current));
		status.getParent().layout(true);
	}

	private static String describe(Commentary c) {
		StringBuilder sb = new StringBuilder(label(c.status())).append(" \u00b7 by ").append(c.author()).append(' ')
				.append(WHEN.format(c.created()));
		if (c.approver() != null) {
			sb.append(" \u00b7 approved by ").append(c.approver()).append(' ').append(WHEN.format(c.approved()));
		}
		if (c.publisher() != null) {
			sb.append(" \u00b7 published by ").append(c.publisher()).append(' ').append(WHEN.format(c.published()));
		}
		return sb.toString();
	}

	private void showChart() {
		chartLabel.setText(attached == null ? "none"
				: attached.symbol() + " \u00b7 " + attached.period().label() + " \u00b7 " + attached.trendLines().size()
						+ " trend line(s)" + (registry.provider(attached.provider()).map(p -> p.info().simulated()).orElse(false)
								? " \u00b7 Simulated data" : ""));
		chartLabel.getParent().layout(true);
	}

	private List<String> listedInstruments() {
		return Arrays.stream(instruments.getText().split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private void showLinks() {
		List<String> all;
		try {
			all = new CommentaryContent("x", body.getText(), listedInstruments(), java.util.Optional.empty()).allInstruments();
		} catch (IllegalArgumentException e) {
			all = List.of();
		}
		links.setText(all.stream().map(s -> "<a href=\"" + s + "\">" + s + "</a>").collect(Collectors.joining("  ")));
		links.getParent().layout(true);
	}

	private void openChart(String symbol) {
		registry.providerOf(symbol).ifPresentOrElse(p -> {
			if (broker != null) {
				broker.post(Topics.SHOW_CHART, p.info().id() + "|" + symbol);
			}
		}, () -> message.setText("No market data for " + symbol));
	}

	private void save() {
		CommentaryContent content;
		try {
			content = new CommentaryContent(title.getText(), body.getText(), listedInstruments(),
					java.util.Optional.ofNullable(attached));
		} catch (IllegalArgumentException e) {
			message.setText(e.getMessage());
			return;
		}
		run("Saving", (c, u) -> c == null ? service.create(u, content) : service.edit(c.id(), u, content));
	}

	private void act(String doing, BiFunction<Commentary, String, Commentary> action) {
		if (current != null) {
			run(doing, action);
		}
	}

	/** Runs a workflow action in the background, the buttons off; its result becomes the commentary shown. */
	private void run(String doing, BiFunction<Commentary, String, Commentary> action) {
		Commentary base = current;
		String u = user();
		busy = true;
		enable();
		message.setText(doing + "...");
		background(doing + " the commentary", () -> action.apply(base, u), result -> {
			busy = false;
			message.setText("");
			if (current == base) { // still the one the action was for
				current = result;
			}
			refresh();
			enable();
		}, problem -> {
			busy = false;
			message.setText(problem);
			enable();
		});
	}
}
