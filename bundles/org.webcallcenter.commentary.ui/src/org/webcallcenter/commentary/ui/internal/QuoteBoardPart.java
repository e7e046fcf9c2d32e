package org.webcallcenter.commentary.ui.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.MarketDataProvider;
import org.webcallcenter.commentary.api.market.MarketDataRegistry;
import org.webcallcenter.commentary.api.market.PriceConvention;
import org.webcallcenter.commentary.api.market.Quote;
import org.webcallcenter.commentary.api.market.Subscription;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Watchlists of live quotes. Quotes arrive on provider threads and are only stored; at most ten times a second one
 * batch goes to the UI thread (through {@link UISynchronize}) and updates just the cells whose text or colour
 * changed, so nothing flickers. Click a column header to sort (rows do not jump while quotes tick); double-click a
 * row to open its chart. Rows from a simulated provider say "Simulated" in the Source column and the banner.
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

	/** One row: an instrument of a provider, and the texts shown (to update changed cells only). */
	static final class Row {
		final MarketDataProvider provider;
		final Instrument instrument;
		Quote quote;
		/** The quote changed while the row was out of sight: its cells are set when it comes into view. */
		boolean stale;
		final String[] shown = new String[COLUMNS.length];
		final Color[] colours = new Color[COLUMNS.length];

		/** provider id | symbol, the key of the pending quotes */
		final String key;

		Row(MarketDataProvider provider, Instrument instrument) {
			this.provider = provider;
			this.instrument = instrument;
			this.key = provider.info().id() + "|" + instrument.symbol();
		}
	}

	private record Watchlist(String name, List<Row> rows, Table table) {
	}

	private final List<Watchlist> watchlists = new ArrayList<>();
	private final Map<String, Quote> pending = new ConcurrentHashMap<>();
	private final AtomicBoolean scheduled = new AtomicBoolean();
	private final List<Subscription> subscriptions = new ArrayList<>();
	private ScheduledExecutorService timer;
	private String colours;
	private Label banner;
	private volatile int cellsUpdated;
	private volatile int flushes;

	@PostConstruct
	void create(Composite parent) {
		parent.setLayout(new GridLayout(3, false));
		banner = new Label(parent, SWT.WRAP);
		banner.setData(Topics.TEST_ID, "commentary.quotes.banner");
		banner.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		new Label(parent, SWT.NONE).setText("Colours:");
		Combo colourCombo = new Combo(parent, SWT.READ_ONLY);
		colourCombo.setItems("By market", "Red up, green down", "Green up, red down");
		String[] settings = { PriceColours.AUTO, PriceColours.RED_UP, PriceColours.GREEN_UP };
		colours = PriceColours.setting();
		colourCombo.select(Math.max(0, List.of(settings).indexOf(colours)));
		colourCombo.setToolTipText("By market: red up in mainland China (SSE, SZSE), green up elsewhere");
		colourCombo.addListener(SWT.Selection, e -> {
			colours = settings[colourCombo.getSelectionIndex()];
			PriceColours.set(colours);
			for (Watchlist w : watchlists) {
				for (int i = 0; i < w.rows().size(); i++) {
					update(w.table().getItem(i), w.rows().get(i));
				}
			}
		});
		CTabFolder folder = new CTabFolder(parent, SWT.BORDER | SWT.BOTTOM);
		folder.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
		Map<String, List<Row>> lists = new LinkedHashMap<>();
		List<Row> all = new ArrayList<>();
		lists.put("All", all);
		boolean simulated = false;
		for (MarketDataProvider p : registry.providers()) {
			for (Instrument i : p.instruments()) {
				Row r = new Row(p, i);
				all.add(r);
				String list = switch (i.exchange()) {
				case "SSE", "SZSE" -> "China A-shares";
				case "HKEX" -> "Hong Kong";
				default -> "Other markets";
				};
				lists.computeIfAbsent(list, k -> new ArrayList<>()).add(new Row(p, i));
				simulated |= p.info().simulated();
			}
		}
		for (Map.Entry<String, List<Row>> e : lists.entrySet()) {
			CTabItem tab = new CTabItem(folder, SWT.NONE);
			tab.setText(e.getKey());
			Table table = table(folder, e.getValue());
			table.setData(Topics.TEST_ID, "commentary.quotes." + e.getKey().toLowerCase(Locale.ROOT).replace(' ', '-'));
			tab.setControl(table);
			watchlists.add(new Watchlist(e.getKey(), e.getValue(), table));
		}
		folder.setSelection(0);
		folder.addListener(SWT.Selection, e -> watchlists.forEach(this::refreshVisible));
		banner.setText(all.isEmpty() ? "No instruments: import CSV files or install a market data provider."
				: simulated ? "Simulated prices from the Simulated feed are marked \"Simulated\": they are not market data." : "");
		if (simulated) {
			banner.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		}
		timer = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "Quote board batching");
			t.setDaemon(true);
			return t;
		});
		Map<MarketDataProvider, List<String>> bySource = new HashMap<>();
		for (Row r : all) {
			bySource.computeIfAbsent(r.provider, k -> new ArrayList<>()).add(r.instrument.symbol());
		}
		bySource.forEach((p, symbols) -> {
			String prefix = p.info().id() + "|";
			subscriptions.add(p.subscribe(symbols, quotes -> {
			for (Quote q : quotes) {
				pending.put(prefix + q.symbol(), q);
			}
			if (scheduled.compareAndSet(false, true)) {
				timer.schedule(() -> sync.asyncExec(this::flush), FLUSH_MILLIS, TimeUnit.MILLISECONDS);
			}
			}));
		});
	}

	private Table table(Composite parent, List<Row> rows) {
		Table table = new Table(parent, SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL);
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		for (int c = 0; c < COLUMNS.length; c++) {
			TableColumn col = new TableColumn(table, c >= 2 && c <= 7 ? SWT.RIGHT : SWT.LEFT);
			col.setText(COLUMNS[c]);
			col.setWidth(WIDTHS[c]);
			int column = c;
			col.addListener(SWT.Selection, e -> sort(table, rows, col, column));
		}
		for (Row r : rows) {
			r.quote = r.provider.quote(r.instrument.symbol()).orElse(null);
			update(new TableItem(table, SWT.NONE), r);
		}
		// rows scrolled into view get the quotes they missed at once
		table.getVerticalBar().addListener(SWT.Selection, e -> refreshVisible(table));
		table.addListener(SWT.Resize, e -> refreshVisible(table));
		table.addListener(SWT.MouseWheel, e -> table.getDisplay().asyncExec(() -> refreshVisible(table)));
		table.addListener(SWT.DefaultSelection, e -> {
			int i = table.getSelectionIndex();
			if (i >= 0 && broker != null) {
				Row r = rows.get(i);
				broker.post(Topics.SHOW_CHART, r.provider.info().id() + "|" + r.instrument.symbol());
			}
		});
		return table;
	}

	private static String fmt(Row r, double v) {
		if (Double.isNaN(v)) {
			return "";
		}
		double t = r.instrument.tickSize();
		int d = t >= 1 ? 0 : t >= 0.1 ? 1 : t >= 0.01 ? 2 : 3;
		return String.format(Locale.ROOT, "%." + d + "f", v);
	}

	private String[] texts(Row r) {
		Quote q = r.quote;
		String source = r.provider.info().simulated() ? "Simulated" : r.provider.info().name();
		if (q == null) {
			return new String[] { r.instrument.symbol(), r.instrument.name(), "", "", "", "", "", "", source };
		}
		return new String[] { r.instrument.symbol(), r.instrument.name(), fmt(r, q.last()),
				(q.change() > 0 ? "+" : "") + fmt(r, q.change()),
				String.format(Locale.ROOT, "%+.2f%%", q.changePercent()), fmt(r, q.bid()), fmt(r, q.ask()),
				String.format(Locale.ROOT, "%,d", q.volume()), source };
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
		if (watchlists.isEmpty() || watchlists.getFirst().table().isDisposed()) {
			return;
		}
		Map<String, Quote> batch = new HashMap<>();
		for (String k : pending.keySet()) {
			Quote q = pending.remove(k);
			if (q != null) {
				batch.put(k, q);
			}
		}
		for (Watchlist w : watchlists) {
			for (Row r : w.rows()) {
				Quote q = batch.get(r.key);
				if (q != null) {
					r.quote = q;
					r.stale = true;
				}
			}
			refreshVisible(w);
		}
	}

	private void refreshVisible(Table table) {
		for (Watchlist w : watchlists) {
			if (w.table() == table) {
				refreshVisible(w);
			}
		}
	}

	/** Sets the stale rows that are in sight now. */
	private void refreshVisible(Watchlist w) {
		Table t = w.table();
		if (t.isDisposed() || !t.isVisible()) {
			return;
		}
		int top = t.getTopIndex();
		int rowsInSight = t.getClientArea().height / Math.max(1, t.getItemHeight()) + 2;
		int end = Math.min(w.rows().size(), top + rowsInSight);
		for (int i = Math.max(0, top); i < end; i++) {
			Row r = w.rows().get(i);
			if (r.stale) {
				r.stale = false;
				update(t.getItem(i), r);
			}
		}
	}

	private void sort(Table table, List<Row> rows, TableColumn col, int column) {
		int dir = table.getSortColumn() == col && table.getSortDirection() == SWT.UP ? SWT.DOWN : SWT.UP;
		Comparator<Row> cmp = switch (column) {
		case 0 -> Comparator.comparing(r -> r.instrument.symbol());
		case 1 -> Comparator.comparing(r -> r.instrument.name());
		case 8 -> Comparator.comparing(r -> r.provider.info().name());
		default -> Comparator.comparingDouble(r -> value(r, column));
		};
		rows.sort(dir == SWT.UP ? cmp : cmp.reversed());
		for (int i = 0; i < rows.size(); i++) {
			Row r = rows.get(i);
			java.util.Arrays.fill(r.shown, null);
			java.util.Arrays.fill(r.colours, null);
			// items are reused by position, so every one is set now (a click, not a tick)
			r.stale = false;
			update(table.getItem(i), r);
		}
		table.setSortColumn(col);
		table.setSortDirection(dir);
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

	@Focus
	void focus() {
		if (!watchlists.isEmpty()) {
			watchlists.getFirst().table().setFocus();
		}
	}

	@PreDestroy
	void dispose() {
		subscriptions.forEach(Subscription::close);
		if (timer != null) {
			timer.shutdownNow();
		}
	}

	/** For tests and the benchmark: how many cells changed text, and how many batches reached the UI thread. */
	int[] counters() {
		return new int[] { cellsUpdated, flushes };
	}
}
