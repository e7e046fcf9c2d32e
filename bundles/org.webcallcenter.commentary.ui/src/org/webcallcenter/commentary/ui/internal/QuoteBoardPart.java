package org.webcallcenter.commentary.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.FrameworkUtil;
import org.webcallcenter.agent.core.storage.DataFolder;
import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.MarketDataProvider;
import org.webcallcenter.commentary.api.market.MarketDataRegistry;
import org.webcallcenter.commentary.api.market.PriceConvention;
import org.webcallcenter.commentary.api.market.Quote;
import org.webcallcenter.commentary.api.market.Subscription;
import org.webcallcenter.commentary.ui.internal.Watchlists.Entry;
import org.webcallcenter.commentary.ui.internal.Watchlists.Watchlist;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Watchlists of live quotes: a fixed tab with every instrument the market data providers offer, and the expert's own
 * watchlists (create, rename, delete, add and remove instruments, move them up and down), kept in
 * {@link WatchlistStore}'s file. Quotes arrive on provider threads and are only stored; at most ten times a second
 * one batch goes to the UI thread (through {@link UISynchronize}) and sets just the cells in sight whose text or
 * colour changed, so nothing flickers. The tables are {@link SWT#VIRTUAL}: GTK then draws them in fixed-height mode
 * and does not measure a row again each time one of its cells changes, and rows never scrolled into view are never
 * filled. Click a column header to sort (rows do not jump while quotes tick); double-click a row to open its chart.
 * Rows from a simulated provider say "Simulated" in the Source column and the banner.
 */
public class QuoteBoardPart {
	static final long FLUSH_MILLIS = 100;
	private static final String[] COLUMNS = { "Symbol", "Name", "Last", "Change", "Change %", "Bid", "Ask", "Volume", "Source" };
	private static final int[] WIDTHS = { 110, 130, 80, 70, 70, 70, 70, 100, 110 };

	@Inject
	UISynchronize sync;
	@Inject
	@Service
	MarketDataRegistry registry;
	@Inject
	@Optional
	IEventBroker broker;

	/** One row of one tab: an instrument of a provider, and the texts shown (to update changed cells only). */
	static final class Row {
		final MarketDataProvider provider;
		final Instrument instrument;
		final Entry entry;
		/** decimals of the prices, from the tick size */
		final int decimals;
		final String source;
		Quote quote;
		/** The quote changed while the row was out of sight: its cells are set when it comes into view. */
		boolean stale;
		final String[] shown = new String[COLUMNS.length];
		final Color[] colours = new Color[COLUMNS.length];

		Row(MarketDataProvider provider, Instrument instrument) {
			this.provider = provider;
			this.instrument = instrument;
			this.entry = new Entry(provider.info().id(), instrument.symbol());
			double t = instrument.tickSize();
			this.decimals = t >= 1 ? 0 : t >= 0.1 ? 1 : t >= 0.01 ? 2 : 3;
			this.source = provider.info().simulated() ? "Simulated" : provider.info().name();
		}

		/** The item was (re)created or cleared: nothing of this row is shown in it any more. */
		void forget() {
			Arrays.fill(shown, null);
			Arrays.fill(colours, null);
			stale = false;
		}
	}

	/** A tab: the fixed list of every instrument ({@code list == null}) or one of the expert's watchlists. */
	static final class Tab {
		final Watchlist list;
		final CTabItem item;
		final Table table;
		List<Row> rows = new ArrayList<>();
		/** instruments of the list that no provider offers now (kept in the list, not shown) */
		int missing;
		/** rows the table shows at its current size (plus two partly shown), -1: to be measured */
		int rowsInSight = -1;

		Tab(Watchlist list, CTabItem item, Table table) {
			this.list = list;
			this.item = item;
			this.table = table;
		}
	}

	private final List<Tab> tabs = new ArrayList<>();
	private final Map<Entry, Quote> pending = new ConcurrentHashMap<>();
	private final AtomicBoolean scheduled = new AtomicBoolean();
	private final List<Subscription> subscriptions = new ArrayList<>();
	/** every instrument of every provider, in the providers' order, by {@link Entry} */
	private final Map<Entry, Row> instruments = new java.util.LinkedHashMap<>();
	private ScheduledExecutorService timer;
	private String colours;
	private Label banner;
	private Label status;
	private CTabFolder folder;
	private Text symbolField;
	private org.eclipse.jface.fieldassist.ContentProposalAdapter proposals;
	private final List<Button> listButtons = new ArrayList<>();
	private WatchlistStore store;
	private Watchlists model;
	private volatile int cellsUpdated;
	private volatile int flushes;

	@PostConstruct
	void create(Composite parent) {
		parent.setLayout(new GridLayout(3, false));
		banner = new Label(parent, SWT.WRAP);
		banner.setData(Topics.TEST_ID, "commentary.quotes.banner");
		banner.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		new Label(parent, SWT.NONE).setText("Price colours:");
		Combo colourCombo = new Combo(parent, SWT.READ_ONLY);
		colourCombo.setData(Topics.TEST_ID, "commentary.quotes.colours");
		colourCombo.setItems("By market", "Red up, green down", "Green up, red down");
		String[] settings = { PriceColours.AUTO, PriceColours.RED_UP, PriceColours.GREEN_UP };
		colours = PriceColours.setting();
		colourCombo.select(Math.max(0, List.of(settings).indexOf(colours)));
		colourCombo.setToolTipText("By market: red up in mainland China (SSE, SZSE), green up elsewhere");
		colourCombo.addListener(SWT.Selection, e -> {
			colours = settings[colourCombo.getSelectionIndex()];
			PriceColours.set(colours);
			tabs.forEach(this::refill);
		});
		toolbar(parent);
		folder = new CTabFolder(parent, SWT.BORDER | SWT.BOTTOM);
		folder.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));

		boolean simulated = false;
		for (MarketDataProvider p : registry.providers()) {
			for (Instrument i : p.instruments()) {
				Row r = new Row(p, i);
				instruments.putIfAbsent(r.entry, r);
				simulated |= p.info().simulated();
			}
		}
		store = new WatchlistStore(dataFolder());
		WatchlistStore.Loaded loaded = store.load(() -> Watchlists.defaults(registry.providers()));
		model = loaded.lists();
		if (loaded.problem() != null) {
			ILog.of(getClass()).warn(loaded.problem());
			say(loaded.problem(), true);
		}
		tab(null);
		for (Watchlist w : model.lists()) {
			tab(w);
		}
		folder.setSelection(0);
		folder.addListener(SWT.Selection, e -> {
			tabs.forEach(this::refreshVisible);
			enableListButtons();
		});
		enableListButtons();
		banner.setText(instruments.isEmpty() ? "No instruments: import CSV files or install a market data provider."
				: simulated ? "Simulated prices from the Simulated feed are marked \"Simulated\": they are not market data." : "");
		if (simulated) {
			banner.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		}
		timer = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "Quote board batching");
			t.setDaemon(true);
			return t;
		});
		// every instrument is on the All tab, so every one is subscribed (watchlists only hold offered instruments)
		Map<MarketDataProvider, List<String>> bySource = new HashMap<>();
		for (Row r : instruments.values()) {
			bySource.computeIfAbsent(r.provider, k -> new ArrayList<>()).add(r.instrument.symbol());
		}
		bySource.forEach((p, symbols) -> {
			String provider = p.info().id();
			subscriptions.add(p.subscribe(symbols, quotes -> {
				for (Quote q : quotes) {
					pending.put(new Entry(provider, q.symbol()), q);
				}
				if (scheduled.compareAndSet(false, true)) {
					timer.schedule(() -> sync.asyncExec(this::flush), FLUSH_MILLIS, TimeUnit.MILLISECONDS);
				}
			}));
		});
	}

	private Path dataFolder() {
		return DataFolder.of(FrameworkUtil.getBundle(QuoteBoardPart.class));
	}

	private void toolbar(Composite parent) {
		Composite bar = new Composite(parent, SWT.NONE);
		bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
		GridLayout layout = new GridLayout(10, false);
		layout.marginWidth = 0;
		layout.marginHeight = 0;
		bar.setLayout(layout);
		button(bar, "New list...", "new", "Create an empty watchlist", false, this::newList);
		button(bar, "Rename...", "rename", "Rename this watchlist", true, this::renameList);
		button(bar, "Delete list", "delete", "Delete this watchlist (the instruments stay available)", true, this::deleteList);
		symbolField = new Text(bar, SWT.BORDER);
		symbolField.setData(Topics.TEST_ID, "commentary.quotes.symbol");
		symbolField.setMessage("Symbol to add");
		symbolField.setToolTipText("Type a symbol or name; Ctrl+Space or typing shows the instruments the providers offer");
		GridData gd = new GridData(SWT.FILL, SWT.CENTER, false, false);
		gd.widthHint = 160;
		symbolField.setLayoutData(gd);
		symbolField.addListener(SWT.DefaultSelection, e -> addTyped());
		proposals = InstrumentProposals.attach(symbolField, () -> instruments.values().stream().map(r -> r.instrument.symbol() + "\t"
				+ r.instrument.name() + "\t" + r.provider.info().label()).toList());
		button(bar, "Add", "add", "Add the typed instrument to this watchlist", true, this::addTyped);
		button(bar, "Add from list...", "pick", "Choose instruments to add from everything the providers offer", true,
				this::addPicked);
		button(bar, "Remove", "remove", "Remove the selected instruments from this watchlist", true, this::removeSelected);
		button(bar, "Up", "up", "Move the selected instrument up", true, () -> moveSelected(-1));
		button(bar, "Down", "down", "Move the selected instrument down", true, () -> moveSelected(1));
		status = new Label(bar, SWT.WRAP);
		status.setData(Topics.TEST_ID, "commentary.quotes.status");
		// a row of its own, so that a long message wraps instead of pushing the buttons out of sight
		GridData sd = new GridData(SWT.FILL, SWT.CENTER, true, false, 10, 1);
		sd.widthHint = 200;
		status.setLayoutData(sd);
	}

	private void button(Composite bar, String text, String id, String tip, boolean needsList, Runnable action) {
		Button b = new Button(bar, SWT.PUSH);
		b.setText(text);
		b.setToolTipText(tip);
		b.setData(Topics.TEST_ID, "commentary.quotes." + id);
		b.addListener(SWT.Selection, e -> action.run());
		if (needsList) {
			listButtons.add(b);
		}
	}

	private void enableListButtons() {
		boolean list = selectedList() != null;
		for (Button b : listButtons) {
			b.setEnabled(list);
		}
		symbolField.setEnabled(list);
	}

	private Tab selectedTab() {
		CTabItem item = folder.getSelection();
		for (Tab t : tabs) {
			if (t.item == item) {
				return t;
			}
		}
		return null;
	}

	private Watchlist selectedList() {
		Tab t = selectedTab();
		return t == null ? null : t.list;
	}

	/** A message under the toolbar; problems in red, and logged by the caller when they matter to support. */
	private void say(String message, boolean problem) {
		status.setText(message);
		status.setForeground(problem ? status.getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null);
		status.setToolTipText(message);
		status.getParent().layout();
	}

	/** Saves after each change; a failure is said, and the change stays on screen (it is saved with the next one). */
	/**
	 * Saves the lists as they are now, off the UI thread (the save forces the file to disk). One job writes; a save
	 * asked for while it runs makes it run once more, with the newest lists, so the file always ends with the last
	 * change.
	 */
	private void save() {
		unsaved.set(model.toJson());
		saver.schedule();
	}

	private final AtomicReference<String> unsaved = new AtomicReference<>();
	private final Job saver = Job.create("Saving the watchlists", monitor -> {
		String json = unsaved.getAndSet(null);
		if (json != null) {
			try {
				store.save(json);
			} catch (IOException e) {
				String m = "The watchlists could not be saved to " + store.file() + ": " + e.getMessage();
				ILog.of(QuoteBoardPart.class).error(m, e);
				sync.asyncExec(() -> {
					if (!status.isDisposed()) {
						say(m, true);
					}
				});
			}
		}
	});

	private static String testId(String name) {
		return "commentary.quotes." + (name == null ? "all" : "list." + name.toLowerCase(Locale.ROOT).replace(' ', '-'));
	}

	private Tab tab(Watchlist list) {
		CTabItem item = new CTabItem(folder, SWT.NONE);
		Table table = new Table(folder, SWT.VIRTUAL | SWT.FULL_SELECTION | (list == null ? SWT.SINGLE : SWT.MULTI) | SWT.V_SCROLL);
		Tab tab = new Tab(list, item, table);
		item.setControl(table);
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		for (int c = 0; c < COLUMNS.length; c++) {
			TableColumn col = new TableColumn(table, c >= 2 && c <= 7 ? SWT.RIGHT : SWT.LEFT);
			col.setText(COLUMNS[c]);
			col.setWidth(WIDTHS[c]);
			int column = c;
			col.addListener(SWT.Selection, e -> sort(tab, col, column));
		}
		// a virtual table asks for a row when it first shows it (or after clear): fill the whole row then
		table.addListener(SWT.SetData, e -> {
			if (e.index < tab.rows.size()) {
				Row r = tab.rows.get(e.index);
				r.forget();
				update((TableItem) e.item, r);
			}
		});
		// rows scrolled into view get the quotes they missed at once
		table.getVerticalBar().addListener(SWT.Selection, e -> refreshVisible(tab));
		table.addListener(SWT.Resize, e -> {
			tab.rowsInSight = -1;
			refreshVisible(tab);
		});
		table.addListener(SWT.MouseWheel, e -> table.getDisplay().asyncExec(() -> refreshVisible(tab)));
		table.addListener(SWT.DefaultSelection, e -> {
			int i = table.getSelectionIndex();
			if (i >= 0 && broker != null) {
				Row r = tab.rows.get(i);
				broker.post(Topics.SHOW_CHART, r.entry.key());
			}
		});
		if (list != null) {
			table.addListener(SWT.KeyDown, e -> {
				if (e.keyCode == SWT.DEL) {
					removeSelected();
				}
			});
		}
		tabs.add(tab);
		rebuild(tab);
		return tab;
	}

	/** Takes the tab's rows from its list again (after a change), keeping the column it is sorted by. */
	private void rebuild(Tab tab) {
		Map<Entry, Row> old = new HashMap<>();
		tab.rows.forEach(r -> old.put(r.entry, r));
		List<Row> rows = new ArrayList<>();
		int missing = 0;
		if (tab.list == null) {
			for (Row all : instruments.values()) {
				rows.add(old.containsKey(all.entry) ? old.get(all.entry) : fresh(all));
			}
		} else {
			for (Entry e : tab.list.entries()) {
				Row all = instruments.get(e);
				if (all == null) {
					missing++;
				} else {
					rows.add(old.containsKey(e) ? old.get(e) : fresh(all));
				}
			}
		}
		tab.rows = rows;
		tab.missing = missing;
		String name = tab.list == null ? Watchlists.ALL : tab.list.name();
		tab.item.setText(name + " (" + rows.size() + ")");
		tab.item.setToolTipText(missing == 0 ? null
				: missing + " instrument(s) of this list are not offered by any market data provider now; they stay in the list.");
		tab.table.setData(Topics.TEST_ID, testId(tab.list == null ? null : name));
		TableColumn sortedBy = tab.table.getSortColumn();
		if (sortedBy != null) {
			rows.sort(comparator(tab.table.indexOf(sortedBy), tab.table.getSortDirection()));
		}
		refill(tab);
	}

	private Row fresh(Row all) {
		Row r = new Row(all.provider, all.instrument);
		r.quote = all.quote != null ? all.quote : all.provider.quote(all.instrument.symbol()).orElse(null);
		return r;
	}

	/** Every row of the tab is asked for again (SetData) when it is next drawn. */
	private void refill(Tab tab) {
		tab.rows.forEach(Row::forget);
		tab.table.setItemCount(tab.rows.size());
		tab.table.clearAll();
	}

	private String[] texts(Row r) {
		Quote q = r.quote;
		if (q == null) {
			return new String[] { r.instrument.symbol(), r.instrument.name(), "", "", "", "", "", "", r.source };
		}
		int d = r.decimals;
		return new String[] { r.instrument.symbol(), r.instrument.name(), Numbers.fixed(q.last(), d),
				(q.change() > 0 ? "+" : "") + Numbers.fixed(q.change(), d), Numbers.signedPercent(q.changePercent()),
				Numbers.fixed(q.bid(), d), Numbers.fixed(q.ask(), d), Numbers.grouped(q.volume()), r.source };
	}

	/** Sets only the cells whose text or colour differs from what is shown. */
	private void update(TableItem item, Row r) {
		String[] t = texts(r);
		PriceConvention c = PriceColours.convention(r.instrument, colours);
		Color colour = r.quote == null ? null : PriceColours.of(r.quote.change(), c);
		for (int col = 0; col < t.length; col++) {
			if (!t[col].equals(r.shown[col])) {
				item.setText(col, t[col]);
				r.shown[col] = t[col];
				cellsUpdated++;
			}
			Color want = col >= 2 && col <= 4 ? colour : null;
			if (want != r.colours[col]) {
				item.setForeground(col, want);
				r.colours[col] = want;
			}
		}
	}

	/**
	 * On the UI thread: applies the quotes that arrived since the last flush. Only rows in sight are set (a table
	 * of 500 shows some 25); the others are marked stale and set when they are scrolled or switched into view.
	 */
	private void flush() {
		scheduled.set(false);
		flushes++;
		if (tabs.isEmpty() || folder.isDisposed()) {
			return;
		}
		Map<Entry, Quote> batch = new HashMap<>();
		for (Entry k : pending.keySet()) {
			Quote q = pending.remove(k);
			if (q != null) {
				batch.put(k, q);
			}
		}
		for (Row r : instruments.values()) {
			Quote q = batch.get(r.entry);
			if (q != null) {
				r.quote = q;
			}
		}
		for (Tab tab : tabs) {
			for (Row r : tab.rows) {
				Quote q = batch.get(r.entry);
				if (q != null) {
					r.quote = q;
					r.stale = true;
				}
			}
			refreshVisible(tab);
		}
	}

	/** Sets the stale rows that are in sight now. */
	private void refreshVisible(Tab tab) {
		Table t = tab.table;
		if (t.isDisposed() || !t.isVisible()) {
			return;
		}
		if (tab.rowsInSight < 0) {
			// asks X for the window's origin: once per size, not once per batch
			tab.rowsInSight = t.getClientArea().height / Math.max(1, t.getItemHeight()) + 2;
		}
		int top = t.getTopIndex();
		int end = Math.min(tab.rows.size(), top + tab.rowsInSight);
		for (int i = Math.max(0, top); i < end; i++) {
			Row r = tab.rows.get(i);
			if (r.stale) {
				r.stale = false;
				update(t.getItem(i), r);
			}
		}
	}

	private void sort(Tab tab, TableColumn col, int column) {
		Table table = tab.table;
		int dir = table.getSortColumn() == col && table.getSortDirection() == SWT.UP ? SWT.DOWN : SWT.UP;
		tab.rows.sort(comparator(column, dir));
		table.setSortColumn(col);
		table.setSortDirection(dir);
		// items are reused by position: every row is asked for again (only those in sight at once)
		refill(tab);
	}

	private static Comparator<Row> comparator(int column, int dir) {
		Comparator<Row> cmp = switch (column) {
		case 0 -> Comparator.comparing(r -> r.instrument.symbol());
		case 1 -> Comparator.comparing(r -> r.instrument.name());
		case 8 -> Comparator.comparing(r -> r.source);
		default -> Comparator.comparingDouble(r -> value(r, column));
		};
		return dir == SWT.DOWN ? cmp.reversed() : cmp;
	}

	private static double value(Row r, int column) {
		Quote q = r.quote;
		if (q == null) {
			return Double.NEGATIVE_INFINITY;
		}
		double v = switch (column) {
		case 2 -> q.last();
		case 3 -> q.change();
		case 4 -> q.changePercent();
		case 5 -> q.bid();
		case 6 -> q.ask();
		default -> q.volume();
		};
		return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
	}

	// ---- editing the watchlists (UI thread) ----

	private String askName(String title, String message, String initial, Watchlist renamed) {
		InputDialog d = new InputDialog(folder.getShell(), title, message, initial, text -> {
			String n = text.strip();
			Watchlist other = model.get(n);
			if (n.isEmpty()) {
				return "A watchlist needs a name.";
			} else if (n.length() > Watchlists.MAX_NAME) {
				return "At most " + Watchlists.MAX_NAME + " characters.";
			} else if (n.equalsIgnoreCase(Watchlists.ALL)) {
				return "\"" + Watchlists.ALL + "\" is the list of every instrument.";
			} else if (other != null && other != renamed) {
				return "There is already a watchlist named \"" + other.name() + "\".";
			}
			return null;
		});
		return d.open() == Window.OK ? d.getValue() : null;
	}

	void newList() {
		String name = askName("New watchlist", "Name of the new watchlist:", "", null);
		if (name != null) {
			createList(name);
		}
	}

	/** Creates the list and shows its tab. */
	void createList(String name) {
		try {
			Watchlist w = model.create(name);
			Tab tab = tab(w);
			folder.setSelection(tab.item);
			enableListButtons();
			save();
			say("Watchlist \"" + w.name() + "\" created: add instruments by symbol or from the list.", false);
		} catch (IllegalArgumentException e) {
			say(e.getMessage(), true);
		}
	}

	void renameList() {
		Tab tab = selectedTab();
		if (tab == null || tab.list == null) {
			return;
		}
		String name = askName("Rename watchlist", "New name of \"" + tab.list.name() + "\":", tab.list.name(), tab.list);
		if (name == null) {
			return;
		}
		try {
			model.rename(tab.list, name);
			rebuild(tab);
			save();
			say("Renamed to \"" + tab.list.name() + "\".", false);
		} catch (IllegalArgumentException e) {
			say(e.getMessage(), true);
		}
	}

	void deleteList() {
		Tab tab = selectedTab();
		if (tab == null || tab.list == null) {
			return;
		}
		MessageDialog confirm = new MessageDialog(folder.getShell(), "Delete watchlist", null,
				"Delete the watchlist \"" + tab.list.name() + "\" with its " + tab.list.entries().size()
						+ " instrument(s)? The instruments stay available in " + Watchlists.ALL + ".",
				MessageDialog.QUESTION, 0, "Delete", IDialogConstants.CANCEL_LABEL);
		if (confirm.open() != 0) {
			return;
		}
		String name = tab.list.name();
		model.delete(tab.list);
		tabs.remove(tab);
		tab.item.dispose();
		tab.table.dispose();
		folder.setSelection(0);
		enableListButtons();
		save();
		say("Watchlist \"" + name + "\" deleted.", false);
	}

	/** Resolves the typed text: an exact symbol, else the one symbol starting with it (case does not matter). */
	Entry resolve(String typed) {
		String t = typed.strip().split("\t")[0].strip();
		if (t.isEmpty()) {
			throw new IllegalArgumentException("Type a symbol first (typing shows the instruments the providers offer).");
		}
		List<Entry> prefix = new ArrayList<>();
		for (Row r : instruments.values()) {
			if (r.instrument.symbol().equalsIgnoreCase(t)) {
				return r.entry;
			}
			if (r.instrument.symbol().toLowerCase(Locale.ROOT).startsWith(t.toLowerCase(Locale.ROOT))) {
				prefix.add(r.entry);
			}
		}
		if (prefix.size() == 1) {
			return prefix.getFirst();
		}
		throw new IllegalArgumentException(prefix.isEmpty() ? "No market data provider offers \"" + t + "\"."
				: "\"" + t + "\" matches " + prefix.size() + " symbols: type more of it or choose from the list.");
	}

	private void addTyped() {
		Watchlist w = selectedList();
		if (w == null) {
			return;
		}
		try {
			Entry e = resolve(symbolField.getText());
			add(w, List.of(e));
			symbolField.setText("");
		} catch (IllegalArgumentException ex) {
			say(ex.getMessage(), true);
		}
	}

	private void addPicked() {
		Watchlist w = selectedList();
		if (w == null) {
			return;
		}
		List<Row> offered = instruments.values().stream().filter(r -> !w.entries().contains(r.entry)).toList();
		List<String> labels = offered.stream()
				.map(r -> r.instrument.symbol() + "  " + r.instrument.name() + "  (" + r.provider.info().label() + ")").toList();
		List<Integer> chosen = InstrumentPickerDialog.pick(folder.getShell(), "Add to \"" + w.name() + "\"", labels);
		add(w, chosen.stream().map(i -> offered.get(i).entry).toList());
	}

	private void add(Watchlist w, List<Entry> entries) {
		int added = 0;
		for (Entry e : entries) {
			if (model.add(w, e)) {
				added++;
			}
		}
		Tab tab = tabOf(w);
		if (added > 0) {
			rebuild(tab);
			save();
		}
		say(added == 0 ? (entries.isEmpty() ? "Nothing chosen." : "Already in \"" + w.name() + "\".")
				: added + " instrument(s) added to \"" + w.name() + "\".", false);
	}

	private Tab tabOf(Watchlist w) {
		return tabs.stream().filter(t -> t.list == w).findFirst().orElseThrow();
	}

	private void removeSelected() {
		Tab tab = selectedTab();
		if (tab == null || tab.list == null) {
			return;
		}
		int[] selected = tab.table.getSelectionIndices();
		if (selected.length == 0) {
			say("Select the instruments to remove first.", true);
			return;
		}
		for (int i : selected) {
			model.remove(tab.list, tab.rows.get(i).entry);
		}
		tab.table.deselectAll();
		rebuild(tab);
		save();
		say(selected.length + " instrument(s) removed from \"" + tab.list.name() + "\".", false);
	}

	private void moveSelected(int delta) {
		Tab tab = selectedTab();
		if (tab == null || tab.list == null || tab.table.getSelectionCount() != 1) {
			say("Select one instrument to move.", true);
			return;
		}
		Entry e = tab.rows.get(tab.table.getSelectionIndex()).entry;
		// moving shows the list's own order: a sorted view would put the row straight back
		tab.table.setSortColumn(null);
		tab.table.setSortDirection(SWT.NONE);
		model.move(tab.list, e, delta);
		rebuild(tab);
		int at = tab.list.entries().indexOf(e);
		if (at >= 0 && at < tab.rows.size() && tab.rows.get(at).entry.equals(e)) {
			tab.table.setSelection(at);
		}
		save();
	}

	@Focus
	void focus() {
		if (!tabs.isEmpty()) {
			Tab t = selectedTab();
			(t == null ? tabs.getFirst() : t).table.setFocus();
		}
	}

	@PreDestroy
	void dispose() {
		subscriptions.forEach(Subscription::close);
		if (timer != null) {
			timer.shutdownNow();
		}
		// the last change must reach the file before the workbench (and its job manager) goes away
		try {
			saver.join(5_000, null);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** For tests and the benchmark: how many cells changed text, and how many batches reached the UI thread. */
	int[] counters() {
		return new int[] { cellsUpdated, flushes };
	}

	/** For tests: the lists as the part holds them, and where it keeps them. */
	Watchlists model() {
		return model;
	}

	WatchlistStore store() {
		return store;
	}

	/** For tests: whether the completion list of the symbol field is showing. */
	boolean proposalsOpen() {
		return proposals.isProposalPopupOpen();
	}

	/** For tests: the table of a watchlist's tab (null: the All tab), or null when there is no such list. */
	Table table(String list) {
		for (Tab t : tabs) {
			if (list == null ? t.list == null : t.list != null && t.list.name().equals(list)) {
				return t.table;
			}
		}
		return null;
	}

	/** For tests: selects the tab of a watchlist (null: All), as a click on it would. */
	void select(String list) {
		Table t = table(list);
		for (Tab tab : tabs) {
			if (tab.table == t) {
				folder.setSelection(tab.item);
				tabs.forEach(this::refreshVisible);
				enableListButtons();
			}
		}
	}
}
