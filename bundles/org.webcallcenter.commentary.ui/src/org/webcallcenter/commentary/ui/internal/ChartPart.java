package org.webcallcenter.commentary.ui.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

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
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.webcallcenter.commentary.api.chart.ChartState;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.BarImporter;
import org.webcallcenter.commentary.api.market.ImportException;
import org.webcallcenter.commentary.api.market.Indicators;
import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.MarketDataException;
import org.webcallcenter.commentary.api.market.MarketDataProvider;
import org.webcallcenter.commentary.api.market.MarketDataRegistry;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.market.Subscription;
import org.webcallcenter.hub.api.display.CallerDisplay;
import org.webcallcenter.recording.api.InteractionStore;
import org.webcallcenter.sip.api.Softphone;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The K-line chart part: pick an instrument and a period, read the crosshair, zoom and pan, draw trend lines, export
 * PNG. Data from a simulated provider is labelled "Simulated" above the chart and in the chart itself (so it is on
 * every exported image). The chart's state is posted on {@link Topics#CHART_STATE} for the commentary editor.
 */
public class ChartPart {
	private static final LocalDate FROM = LocalDate.of(1990, 1, 1);
	private static final LocalDate TO = LocalDate.of(2100, 1, 1);
	private static final Period[] PERIODS = { Period.DAY, Period.MINUTE_1, Period.MINUTE_5, Period.MINUTE_15, Period.MINUTE_60 };

	@Inject
	UISynchronize sync;
	@Inject
	@Service
	MarketDataRegistry registry;
	@Inject
	@Service
	Indicators indicators;
	@Inject
	@Optional
	IEventBroker broker;
	@Inject
	@Optional
	@Service
	volatile BarImporter importer;
	@Inject
	@Optional
	@Service
	volatile Softphone phone;
	@Inject
	@Optional
	@Service
	volatile InteractionStore interactions;
	private volatile CallerDisplay callerDisplay;
	private ShowToCallerButton showToCaller;

	private Combo instrumentCombo;
	private Combo periodCombo;
	private Label source;
	private Label values;
	private Label message;
	private Button draw;
	private ChartCanvas canvas;
	private final List<String[]> choices = new ArrayList<>();
	private MarketDataProvider provider;
	private Instrument instrument;
	private Period period = Period.DAY;
	private Subscription subscription;
	private final AtomicBoolean reloadPending = new AtomicBoolean();

	@PostConstruct
	void create(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		Composite bar = new Composite(parent, SWT.NONE);
		bar.setLayout(new GridLayout(10, false));
		bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		instrumentCombo = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
		instrumentCombo.setData(Topics.TEST_ID, "commentary.chart.instrument");
		instrumentCombo.setLayoutData(new GridData(260, SWT.DEFAULT));
		instrumentCombo.addListener(SWT.Selection, e -> {
			int i = instrumentCombo.getSelectionIndex();
			if (i >= 0) {
				show(choices.get(i)[0], choices.get(i)[1], period);
			}
		});
		periodCombo = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
		periodCombo.setData(Topics.TEST_ID, "commentary.chart.period");
		for (Period p : PERIODS) {
			periodCombo.add(p.label());
		}
		periodCombo.select(0);
		periodCombo.addListener(SWT.Selection, e -> {
			if (provider != null && instrument != null) {
				show(provider.info().id(), instrument.symbol(), PERIODS[periodCombo.getSelectionIndex()]);
			}
		});
		draw = new Button(bar, SWT.TOGGLE);
		draw.setText("Draw trend line");
		draw.setData(Topics.TEST_ID, "commentary.chart.draw");
		draw.setToolTipText("Drag in the price pane to draw a line; it is kept with the chart state");
		draw.addListener(SWT.Selection, e -> canvas.setDrawing(draw.getSelection()));
		Button clear = new Button(bar, SWT.PUSH);
		clear.setText("Clear lines");
		clear.addListener(SWT.Selection, e -> {
			canvas.setTrendLines(List.of());
			postState();
		});
		Button export = new Button(bar, SWT.PUSH);
		export.setText("Export PNG\u2026");
		export.addListener(SWT.Selection, e -> exportDialog());
		Button importCsv = new Button(bar, SWT.PUSH);
		importCsv.setText("Import CSV\u2026");
		importCsv.setToolTipText("Import OHLCV files: date[, time], open, high, low, close, volume; one file per instrument or one file with a symbol column");
		importCsv.addListener(SWT.Selection, e -> importDialog());
		showToCaller = new ShowToCallerButton(bar, "commentary.chart.showToCaller", sync,
				() -> canvas != null && canvas.model() != null && canvas.model().size() > 0, this::showToCaller);
		showToCaller.display(callerDisplay);
		source = new Label(bar, SWT.NONE);
		source.setData(Topics.TEST_ID, "commentary.chart.source");
		source.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
		values = new Label(parent, SWT.NONE);
		values.setData(Topics.TEST_ID, "commentary.chart.values");
		values.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		canvas = new ChartCanvas(parent);
		canvas.setData(Topics.TEST_ID, "commentary.chart");
		canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		canvas.onCrosshair(this::crosshair);
		canvas.onLinesChanged(this::postState);
		message = new Label(parent, SWT.WRAP);
		message.setData(Topics.TEST_ID, "commentary.chart.message");
		message.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		fillInstruments();
		if (!choices.isEmpty()) {
			show(choices.get(0)[0], choices.get(0)[1], Period.DAY);
		} else {
			message.setText("No market data: import CSV files or install a market data provider.");
		}
	}

	private void fillInstruments() {
		choices.clear();
		instrumentCombo.removeAll();
		for (MarketDataProvider p : registry.providers()) {
			for (Instrument i : p.instruments()) {
				choices.add(new String[] { p.info().id(), i.symbol() });
				instrumentCombo.add(i.symbol() + "  " + i.name() + (p.info().simulated() ? "  [Simulated]" : ""));
			}
		}
	}

	@Focus
	void focus() {
		canvas.setFocus();
	}

	@Inject
	@Optional
	void callerDisplay(@Optional @Service CallerDisplay d) {
		callerDisplay = d;
		if (showToCaller != null) {
			showToCaller.display(d);
		}
	}

	/** Shows the visible part of the chart on the customer's co-browsed page. */
	void showToCaller() {
		CallerDisplay d = showToCaller.display();
		ChartState s = state();
		ChartModel m = canvas.model();
		if (d == null || s == null || m == null || m.size() == 0) {
			message.setText("Nothing to show: open an instrument and join the caller's co-browsing session.");
			return;
		}
		int from = Math.max(0, canvas.firstVisible());
		int to = Math.min(m.size(), from + canvas.visibleCount());
		String id = CallerShow.newId();
		String title = instrument.symbol() + " " + instrument.name() + " \u00b7 " + period.label()
				+ (provider.info().simulated() ? " \u00b7 simulated data" : "");
		String json = CallerShow.chart(id, title, s, m.bars.subList(from, to));
		CallerShow.send(d, id, json, "chart:" + s.symbol() + ":" + s.period().name() + ":" + id, phone, interactions,
				showToCaller.reportIn(message));
	}

	@PreDestroy
	void dispose() {
		if (subscription != null) {
			subscription.close();
		}
	}

	@Inject
	@Optional
	void showRequested(@UIEventTopic(Topics.SHOW_CHART) String providerAndSymbol) {
		if (canvas == null || canvas.isDisposed() || providerAndSymbol == null) {
			return;
		}
		String[] p = providerAndSymbol.split("\\|", 2);
		if (p.length == 2) {
			show(p[0], p[1], period);
		}
	}

	/** Shows an instrument; on the UI thread. */
	void show(String providerId, String symbol, Period newPeriod) {
		MarketDataProvider p = registry.provider(providerId).orElse(null);
		if (p == null || p.instrument(symbol).isEmpty()) {
			message.setText("No instrument " + symbol + " from " + providerId);
			return;
		}
		boolean sameInstrument = p == provider && instrument != null && instrument.symbol().equals(symbol);
		if (!sameInstrument && subscription != null) {
			subscription.close();
			subscription = null;
		}
		provider = p;
		instrument = p.instrument(symbol).get();
		boolean samePeriod = sameInstrument && newPeriod == period;
		period = p.periods().contains(newPeriod) ? newPeriod : Period.DAY;
		for (int i = 0; i < choices.size(); i++) {
			if (choices.get(i)[0].equals(providerId) && choices.get(i)[1].equals(symbol)) {
				instrumentCombo.select(i);
			}
		}
		periodCombo.select(List.of(PERIODS).indexOf(period));
		if (!samePeriod) {
			canvas.setTrendLines(List.of());
		}
		reload(samePeriod);
		if (subscription == null && p.info().live()) {
			subscription = p.subscribe(List.of(symbol), q -> {
				if (reloadPending.compareAndSet(false, true)) {
					// at most one reload a second: bars change slowly, the quote board shows every tick
					sync.asyncExec(() -> {
						if (canvas.isDisposed()) {
							return;
						}
						canvas.getDisplay().timerExec(1000, () -> {
							reloadPending.set(false);
							if (!canvas.isDisposed()) {
								reload(true);
							}
						});
					});
				}
			});
		}
		postState();
	}

	private void reload(boolean keepView) {
		List<Bar> bars;
		try {
			bars = provider.bars(instrument.symbol(), period, FROM, TO);
			message.setText("");
		} catch (MarketDataException e) {
			message.setText(e.getMessage());
			bars = List.of();
		}
		ChartModel m = new ChartModel(instrument, bars, period.intraday(), indicators);
		String banner = instrument.symbol() + " " + instrument.name() + " \u00b7 " + period.label()
				+ (provider.info().simulated() ? " \u00b7 SIMULATED DATA" : "");
		canvas.setData(m, PriceColours.convention(instrument, PriceColours.setting()), banner, keepView);
		if (showToCaller != null) {
			showToCaller.update();
		}
		source.setText(provider.info().simulated() ? "Simulated: " + provider.info().name() + ", not market data"
				: "Source: " + provider.info().label());
		source.setForeground(provider.info().simulated() ? source.getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null);
		source.getParent().layout(true);
		if (canvas.cross() >= 0) {
			crosshair(m.values(canvas.cross()));
		}
	}

	private void crosshair(Map<String, String> v) {
		if (values.isDisposed()) {
			return;
		}
		values.setText(v.isEmpty() ? "" : v.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("  ")));
	}

	/** @return the chart's state now: instrument, period, indicators, trend lines and the visible range */
	ChartState state() {
		if (provider == null || instrument == null) {
			return null;
		}
		ChartState s = ChartState.of(provider.info().id(), instrument.symbol(), period).withTrendLines(canvas.trendLines());
		ChartModel m = canvas.model();
		if (m != null && m.size() > 0) {
			int last = Math.min(m.size(), canvas.firstVisible() + canvas.visibleCount()) - 1;
			s = s.withRange(m.bars.get(canvas.firstVisible()).time(), last == m.size() - 1 ? null : m.bars.get(last).time());
		}
		return s;
	}

	private void postState() {
		ChartState s = state();
		if (broker != null && s != null) {
			broker.post(Topics.CHART_STATE, s);
		}
	}

	private void exportDialog() {
		FileDialog d = new FileDialog(canvas.getShell(), SWT.SAVE);
		d.setFilterExtensions(new String[] { "*.png" });
		d.setFileName(instrument == null ? "chart.png" : instrument.symbol() + "-" + period.name().toLowerCase() + ".png");
		d.setOverwrite(true);
		String f = d.open();
		if (f != null) {
			try {
				canvas.exportPng(f);
				message.setText("");
			} catch (org.eclipse.swt.SWTException e) {
				message.setText("Could not write " + f + ": " + e.getMessage());
			}
		}
	}

	private void importDialog() {
		BarImporter imp = importer;
		if (imp == null) {
			message.setText("The CSV importer is not available.");
			return;
		}
		FileDialog d = new FileDialog(canvas.getShell(), SWT.OPEN | SWT.MULTI);
		d.setFilterExtensions(new String[] { "*.csv;*.txt", "*" });
		if (d.open() == null) {
			return;
		}
		List<java.nio.file.Path> files = java.util.Arrays.stream(d.getFileNames())
				.map(n -> java.nio.file.Path.of(d.getFilterPath(), n)).toList();
		message.setText("Importing " + files.size() + " file(s)\u2026");
		org.eclipse.core.runtime.jobs.Job.create("Import CSV bars", monitor -> {
			try {
				BarImporter.Imported r = imp.importFiles(files, "");
				sync.asyncExec(() -> {
					if (!canvas.isDisposed()) {
						fillInstruments();
						message.setText("Imported " + r.bars() + " bars of " + String.join(", ", r.symbols()) + ".");
						show("csv", r.symbols().getFirst(), period);
					}
				});
			} catch (ImportException e) {
				sync.asyncExec(() -> {
					if (!message.isDisposed()) {
						message.setText("Nothing was imported:\n" + e.getMessage());
						message.getParent().layout(true);
					}
				});
			}
		}).schedule();
	}

	ChartCanvas canvas() {
		return canvas;
	}
}
