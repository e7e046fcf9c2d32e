package org.webcallcenter.commentary.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.Test;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.BarImporter;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.testing.ui.Ui;

/** The chart part in the real workbench under Xvfb: it opens, draws, exports PNG, and its crosshair reads the data. */
class ChartUiTest {
	private static final Path TARGET = Path.of(System.getProperty("user.dir"), "target");

	static MWindow window() {
		MApplication app = Ui.application();
		return app.getChildren().get(0);
	}

	/** Shows a part of the agent perspective and returns its object once rendered. */
	static <T> T showPart(String id, Class<T> type) {
		MApplication app = Ui.application();
		MPart part = Ui.sync(() -> (MPart) app.getContext().get(EModelService.class).find(id, app));
		Ui.run(() -> window().getContext().get(EPartService.class).activate(part));
		Ui.waitFor("part " + id + " rendered", () -> Ui.sync(() -> type.isInstance(part.getObject())));
		return type.cast(Ui.sync(part::getObject));
	}

	/** 80 daily bars of a made-up instrument, written as CSV, imported through the real importer. */
	private static List<Bar> importSeries(String symbol) throws Exception {
		List<Bar> bars = new ArrayList<>();
		List<String> lines = new ArrayList<>(List.of("date,open,high,low,close,volume"));
		long state = 99;
		double close = 20;
		LocalDate day = LocalDate.of(2024, 1, 2);
		while (bars.size() < 80) {
			if (day.getDayOfWeek().getValue() <= 5) {
				state = (state * 6364136223846793005L + 1442695040888963407L);
				double r = ((state >>> 11) & 0xffff) / 65536.0;
				double open = Math.round(close * 100) / 100.0;
				close = Math.round(open * (0.97 + r * 0.06) * 100) / 100.0;
				double high = Math.round((Math.max(open, close) + 0.15) * 100) / 100.0;
				double low = Math.round((Math.min(open, close) - 0.12) * 100) / 100.0;
				long vol = 10_000 + (state >>> 40) % 90_000;
				bars.add(new Bar(day.atStartOfDay(), open, high, low, close, vol));
				lines.add(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%d", day, open, high, low, close, vol));
			}
			day = day.plusDays(1);
		}
		Files.createDirectories(TARGET);
		Path file = TARGET.resolve(symbol + ".csv");
		Files.write(file, lines);
		Ui.service(BarImporter.class).importFiles(List.of(file), "SSE");
		return bars;
	}

	private static void moveMouse(ChartCanvas canvas, int x, int y) {
		mouse(canvas, SWT.MouseMove, 0, x, y);
	}

	private static void mouse(ChartCanvas canvas, int type, int button, int x, int y) {
		Display d = Ui.display();
		Point p = Ui.sync(() -> canvas.toDisplay(x, y));
		Ui.run(() -> {
			canvas.getShell().forceActive();
			Event e = new Event();
			e.type = type;
			e.button = button;
			e.x = p.x;
			e.y = p.y;
			d.post(e);
		});
		try {
			Thread.sleep(30); // let X deliver it before the next, as a hand would
		} catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void theExpertDrawsATrendLineThatBecomesChartState() throws Exception {
		List<Bar> bars = importSeries("UITREND1.SH");
		ChartPart part = showPart("org.webcallcenter.commentary.ui.part.chart", ChartPart.class);
		Ui.run(() -> part.show("csv", "UITREND1.SH", Period.DAY));
		ChartCanvas canvas = part.canvas();
		Ui.waitFor("the chart has the imported bars", () -> Ui.sync(() -> canvas.model() != null && canvas.model().size() == 80));
		// coordinates are only meaningful once the canvas has its size (on a loaded machine layout can come later)
		Ui.waitFor("the chart is laid out", () -> Ui.sync(() -> canvas.getClientArea().width > 300 && canvas.getClientArea().height > 200));
		// the toggle is set as a click would (a posted click on it leaves GTK's pointer grab on the button under Xvfb,
		// so the drag below would never reach the chart); the drawing itself is real pointer input
		Ui.run(() -> {
			org.eclipse.swt.widgets.Button b = (org.eclipse.swt.widgets.Button) Ui.find("commentary.chart.draw");
			b.setSelection(true);
			b.notifyListeners(SWT.Selection, new Event());
		});
		java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		Ui.run(() -> {
			for (int type : new int[] { SWT.MouseDown, SWT.MouseUp }) {
				canvas.addListener(type, e -> seen.add(e.type + "@" + e.x + "," + e.y + " b" + e.button));
			}
		});
		int y1 = Ui.sync(() -> canvas.getClientArea().height / 5);
		int y2 = Ui.sync(() -> canvas.getClientArea().height / 3);
		// move in two steps so that X reports a motion even if the pointer already was at the target
		mouse(canvas, SWT.MouseMove, 0, Ui.sync(() -> canvas.xOf(10)), y1);
		mouse(canvas, SWT.MouseMove, 0, Ui.sync(() -> canvas.xOf(20)), y1);
		Ui.waitFor("the pointer on bar 20", () -> Ui.sync(() -> canvas.cross()) == 20);
		mouse(canvas, SWT.MouseDown, 1, Ui.sync(() -> canvas.xOf(20)), y1);
		mouse(canvas, SWT.MouseMove, 0, Ui.sync(() -> canvas.xOf(40)), (y1 + y2) / 2);
		mouse(canvas, SWT.MouseMove, 0, Ui.sync(() -> canvas.xOf(60)), y2);
		Ui.waitFor("the pointer on bar 60", () -> Ui.sync(() -> canvas.cross()) == 60);
		mouse(canvas, SWT.MouseUp, 1, Ui.sync(() -> canvas.xOf(60)), y2);
		try {
			Ui.waitFor("a trend line drawn (button events " + seen + ")", () -> Ui.sync(() -> canvas.trendLines().size() == 1));
		} finally {
			Ui.screenshot("chart-trend-line");
		}
		org.webcallcenter.commentary.api.chart.ChartState state = Ui.sync(part::state);
		org.webcallcenter.commentary.api.chart.TrendLine line = state.trendLines().getFirst();
		assertEquals(bars.get(20).time(), line.time1(), "the line starts at the bar under the mouse");
		assertEquals(bars.get(60).time(), line.time2());
		assertTrue(line.price1() > line.price2(), "drawn from higher to lower on screen: " + line);
		assertEquals(state, org.webcallcenter.commentary.api.chart.ChartState.fromJson(state.toJson()), "the state survives JSON");
		Ui.run(() -> {
			org.eclipse.swt.widgets.Button b = (org.eclipse.swt.widgets.Button) Ui.find("commentary.chart.draw");
			b.setSelection(false);
			b.notifyListeners(SWT.Selection, new Event());
		});
	}

	@Test
	void thePartsAreInBothPerspectives() {
		MApplication app = Ui.application();
		EModelService models = app.getContext().get(EModelService.class);
		for (String id : new String[] { "org.webcallcenter.commentary.ui.part.quotes", "org.webcallcenter.commentary.ui.part.chart",
				"org.webcallcenter.commentary.ui.part.commentary", "org.webcallcenter.commentary.ui.part.quotes.expert",
				"org.webcallcenter.commentary.ui.part.chart.expert", "org.webcallcenter.commentary.ui.part.commentary.expert" }) {
			assertTrue(Ui.sync(() -> models.find(id, app) != null), id + " is in the application model");
		}
	}

	@Test
	void crosshairShowsTheValuesOfTheBarUnderTheMouse() throws Exception {
		List<Bar> bars = importSeries("UICHART1.SH");
		ChartPart part = showPart("org.webcallcenter.commentary.ui.part.chart", ChartPart.class);
		Ui.run(() -> part.show("csv", "UICHART1.SH", Period.DAY));
		ChartCanvas canvas = part.canvas();
		Ui.waitFor("the chart has the imported bars", () -> Ui.sync(() -> canvas.model() != null && canvas.model().size() == 80));
		Ui.waitFor("the chart is laid out", () -> Ui.sync(() -> canvas.getClientArea().width > 300 && canvas.getClientArea().height > 200));
		assertEquals("Source: Imported files", Ui.text("commentary.chart.source"));

		int k = 70;
		int x = Ui.sync(() -> canvas.xOf(k));
		int y = Ui.sync(() -> canvas.getClientArea().height / 3);
		moveMouse(canvas, x, y);
		Ui.waitFor("the crosshair on bar " + k, () -> Ui.sync(() -> canvas.cross()) == k);
		Bar b = bars.get(k);
		double ma5 = 0;
		double ma10 = 0;
		double ma60 = 0;
		for (int i = k - 59; i <= k; i++) {
			ma60 += bars.get(i).close() / 60;
			if (i > k - 10) {
				ma10 += bars.get(i).close() / 10;
			}
			if (i > k - 5) {
				ma5 += bars.get(i).close() / 5;
			}
		}
		String expected = String.format(Locale.ROOT, "Time %s  O %.2f  H %.2f  L %.2f  C %.2f  V %,d  MA5 %.2f  MA10 %.2f  MA20 ",
				b.time().toLocalDate(), b.open(), b.high(), b.low(), b.close(), b.volume(), ma5, ma10);
		String shown = Ui.text("commentary.chart.values");
		assertTrue(shown.startsWith(expected), "crosshair shows\n" + shown + "\nexpected it to start with\n" + expected);
		assertTrue(shown.contains(String.format(Locale.ROOT, "MA60 %.2f  ", ma60)), "MA60 " + ma60 + " in " + shown);
		moveMouse(canvas, Ui.sync(() -> canvas.xOf(30)), y);
		Ui.waitFor("the crosshair on bar 30", () -> Ui.sync(() -> canvas.cross()) == 30);
		assertTrue(Ui.text("commentary.chart.values").contains("MA60 -"), "no MA60 before 60 bars: " + Ui.text("commentary.chart.values"));
		Ui.screenshot("chart-crosshair");

		Path png = TARGET.resolve("chart-export.png");
		Files.deleteIfExists(png);
		Ui.run(() -> canvas.exportPng(png.toString()));
		ImageData image = new ImageLoader().load(png.toString())[0];
		Point size = Ui.sync(() -> new Point(canvas.getClientArea().width, canvas.getClientArea().height));
		assertEquals(size.x, image.width);
		assertEquals(size.y, image.height);
		int red = 0;
		for (int px = 0; px < image.width; px += 2) {
			for (int py = 0; py < image.height; py += 2) {
				RGB rgb = image.palette.getRGB(image.getPixel(px, py));
				if (rgb.red > 180 && rgb.green < 80 && rgb.blue < 80) {
					red++;
				}
			}
		}
		assertTrue(red > 50, "rising candles of a Shanghai instrument are red in the exported image: " + red + " red pixels");
	}

	@Test
	void simulatedDataIsLabelledAndIntradayDraws() {
		ChartPart part = showPart("org.webcallcenter.commentary.ui.part.chart", ChartPart.class);
		Ui.run(() -> part.show("simulated", "SIM600001.SH", Period.MINUTE_1));
		ChartCanvas canvas = part.canvas();
		Ui.waitFor("intraday bars of the simulated feed", () -> Ui.sync(() -> canvas.model() != null && canvas.model().intraday
				&& canvas.model().size() > 200));
		assertTrue(Ui.text("commentary.chart.source").startsWith("Simulated: Simulated feed"), Ui.text("commentary.chart.source"));
		assertTrue(Ui.sync(() -> part.state()).provider().equals("simulated"));
		int breaks = Ui.sync(() -> {
			int n = 0;
			for (int i = 1; i < canvas.model().size(); i++) {
				n += canvas.model().breakBefore(i) ? 1 : 0;
			}
			return n;
		});
		assertTrue(breaks >= 9, "five days with a lunch break each give at least 9 breaks: " + breaks);
		Ui.screenshot("chart-intraday-simulated");
	}
}
