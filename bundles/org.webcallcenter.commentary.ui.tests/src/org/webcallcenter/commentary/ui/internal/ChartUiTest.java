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
		Display d = Ui.display();
		Point p = Ui.sync(() -> canvas.toDisplay(x, y));
		Ui.run(() -> {
			canvas.getShell().forceActive();
			Event e = new Event();
			e.type = SWT.MouseMove;
			e.x = p.x;
			e.y = p.y;
			d.post(e);
		});
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
