package org.webcallcenter.commentary.ui.internal;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.webcallcenter.commentary.api.chart.TrendLine;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.PriceConvention;

/**
 * The K-line chart drawn with SWT: candlesticks with MA 5/10/20/60 (and the average-price line intraday), volume,
 * MACD and RSI panes, session and day breaks intraday, the expert's trend lines, a crosshair with the values of the
 * bar under the mouse. Mouse wheel zooms around the mouse, dragging pans (or draws a trend line in drawing mode),
 * arrow keys pan, +/- zoom. Indicators are computed when data changes ({@link ChartModel}), never per frame; a frame
 * draws only the visible bars.
 */
final class ChartCanvas extends Canvas {
	static final int AXIS_WIDTH = 64;
	static final int HEADER = 18;
	static final int BOTTOM = 16;
	private static final Color[] MA_COLOURS = { new Color(0x44, 0x44, 0x44), new Color(0xe0, 0xa0, 0x00),
			new Color(0xc0, 0x30, 0xc0), new Color(0x20, 0x80, 0xc0) };
	private static final Color AVERAGE = new Color(0x00, 0x99, 0x99);
	private static final Color GRID = new Color(0xe4, 0xe4, 0xe4);
	private static final Color BREAK = new Color(0xb0, 0xb0, 0xc8);
	private static final Color CROSS = new Color(0x60, 0x60, 0x60);

	private ChartModel model;
	private PriceConvention convention = PriceConvention.GREEN_UP;
	private String banner = "";
	private int first;
	private int count = 120;
	private int cross = -1;
	private int crossY = -1;
	private boolean drawing;
	private int dragX = -1;
	private int dragFirst;
	private double[] lineStart;
	private double[] lineEnd;
	private final List<TrendLine> lines = new ArrayList<>();
	private Consumer<Map<String, String>> crosshairListener = m -> {
	};
	private Runnable linesChanged = () -> {
	};

	ChartCanvas(Composite parent) {
		super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
		setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
		addListener(SWT.Paint, e -> paint(e.gc, getClientArea()));
		addListener(SWT.MouseMove, this::mouseMove);
		addListener(SWT.MouseExit, e -> {
			if (dragX < 0 && lineStart == null) {
				setCross(-1, -1);
			}
		});
		addListener(SWT.MouseDown, this::mouseDown);
		addListener(SWT.MouseUp, this::mouseUp);
		addListener(SWT.MouseVerticalWheel, e -> zoom(e.count > 0 ? 0.8 : 1.25, e.x));
		addListener(SWT.KeyDown, this::key);
		addListener(SWT.Resize, e -> clamp());
	}

	void setData(ChartModel m, PriceConvention c, String bannerText, boolean keepView) {
		boolean atEnd = model == null || first + count >= model.size();
		int oldSize = model == null ? 0 : model.size();
		model = m;
		convention = c;
		banner = bannerText;
		if (!keepView || oldSize == 0) {
			count = Math.min(120, Math.max(20, m.size()));
			first = Math.max(0, m.size() - count);
			cross = -1;
			crosshairListener.accept(Map.of());
		} else if (atEnd) {
			first += m.size() - oldSize;
		}
		clamp();
		redraw();
	}

	void setTrendLines(List<TrendLine> l) {
		lines.clear();
		lines.addAll(l);
		redraw();
	}

	List<TrendLine> trendLines() {
		return List.copyOf(lines);
	}

	void onCrosshair(Consumer<Map<String, String>> l) {
		crosshairListener = l;
	}

	void onLinesChanged(Runnable r) {
		linesChanged = r;
	}

	void setDrawing(boolean on) {
		drawing = on;
		setCursor(getDisplay().getSystemCursor(on ? SWT.CURSOR_CROSS : SWT.CURSOR_ARROW));
	}

	ChartModel model() {
		return model;
	}

	int firstVisible() {
		return first;
	}

	int visibleCount() {
		return count;
	}

	void setView(int firstBar, int bars) {
		count = bars;
		first = firstBar;
		clamp();
		redraw();
	}

	/** @return the x (in canvas coordinates) of the middle of bar i */
	int xOf(int i) {
		double w = barWidth();
		return (int) Math.round((i - first) * w + w / 2);
	}

	private double barWidth() {
		return Math.max(1, getClientArea().width - AXIS_WIDTH) / (double) Math.max(1, count);
	}

	private int indexAt(int x) {
		return first + (int) Math.floor(x / barWidth());
	}

	private void clamp() {
		if (model == null) {
			return;
		}
		count = Math.max(10, Math.min(count, Math.max(10, model.size())));
		first = Math.max(0, Math.min(first, model.size() - count));
		if (first < 0) {
			first = 0;
		}
	}

	void zoom(double factor, int anchorX) {
		if (model == null) {
			return;
		}
		int anchor = indexAt(Math.max(0, anchorX));
		double frac = (anchor - first) / (double) count;
		count = (int) Math.round(count * factor);
		clamp();
		first = anchor - (int) Math.round(frac * count);
		clamp();
		redraw();
	}

	private void pan(int bars) {
		first += bars;
		clamp();
		redraw();
	}

	private void key(Event e) {
		switch (e.keyCode) {
		case SWT.ARROW_LEFT -> pan(-Math.max(1, count / 10));
		case SWT.ARROW_RIGHT -> pan(Math.max(1, count / 10));
		case SWT.ARROW_UP -> zoom(0.8, getClientArea().width / 2);
		case SWT.ARROW_DOWN -> zoom(1.25, getClientArea().width / 2);
		default -> {
			if (e.character == '+') {
				zoom(0.8, getClientArea().width / 2);
			} else if (e.character == '-') {
				zoom(1.25, getClientArea().width / 2);
			}
		}
		}
	}

	/**
	 * Where the pointer is, in canvas coordinates. Button events take it from the display, not from the event: on GTK
	 * under Xvfb, synthetic (XTest) button events arrived at the canvas with the root window's origin as coordinates.
	 */
	private org.eclipse.swt.graphics.Point pointer() {
		return toControl(getDisplay().getCursorLocation());
	}

	private void mouseDown(Event e) {
		org.eclipse.swt.graphics.Point at = pointer();
		e.x = at.x;
		e.y = at.y;
		setFocus();
		if (e.button != 1 || model == null) {
			return;
		}
		if (drawing && inPricePane(e.y)) {
			lineStart = dataAt(e.x, e.y);
			lineEnd = lineStart;
		} else {
			dragX = e.x;
			dragFirst = first;
		}
	}

	private void mouseUp(Event e) {
		org.eclipse.swt.graphics.Point at = pointer();
		e.x = at.x;
		e.y = at.y;
		if (lineStart != null) {
			double[] end = dataAt(e.x, e.y);
			if (end != null && (int) end[0] != (int) lineStart[0]) {
				lines.add(new TrendLine(model.bars.get((int) lineStart[0]).time(), lineStart[1],
						model.bars.get((int) end[0]).time(), end[1], "#1f6fd1"));
				linesChanged.run();
			}
			lineStart = null;
			lineEnd = null;
			redraw();
		}
		dragX = -1;
	}

	private void mouseMove(Event e) {
		if (model == null) {
			return;
		}
		if (dragX >= 0) {
			int moved = (int) Math.round((dragX - e.x) / barWidth());
			first = dragFirst + moved;
			clamp();
		}
		if (lineStart != null) {
			double[] d = dataAt(e.x, e.y);
			if (d != null) {
				lineEnd = d;
			}
		}
		setCross(indexAt(e.x), e.y);
	}

	/** Puts the crosshair on bar i (as the mouse would), or hides it with -1. */
	void setCross(int i, int y) {
		cross = model == null || i < 0 || i >= model.size() ? -1 : i;
		crossY = y;
		crosshairListener.accept(cross < 0 ? Map.of() : model.values(cross));
		redraw();
	}

	int cross() {
		return cross;
	}

	private record Panes(Rectangle price, Rectangle volume, Rectangle macd, Rectangle rsi) {
	}

	private Panes panes(Rectangle area) {
		int w = area.width - AXIS_WIDTH;
		int h = area.height - HEADER - BOTTOM;
		int ph = (int) (h * 0.52);
		int vh = (int) (h * 0.14);
		int mh = (int) (h * 0.17);
		int rh = h - ph - vh - mh;
		int y = area.y + HEADER;
		Rectangle price = new Rectangle(area.x, y, w, ph);
		Rectangle vol = new Rectangle(area.x, y + ph, w, vh);
		Rectangle macd = new Rectangle(area.x, y + ph + vh, w, mh);
		Rectangle rsi = new Rectangle(area.x, y + ph + vh + mh, w, rh);
		return new Panes(price, vol, macd, rsi);
	}

	private double[] priceRange() {
		double lo = Double.MAX_VALUE;
		double hi = -Double.MAX_VALUE;
		int end = Math.min(model.size(), first + count);
		for (int i = first; i < end; i++) {
			Bar b = model.bars.get(i);
			lo = Math.min(lo, b.low());
			hi = Math.max(hi, b.high());
			for (double[] m : model.ma) {
				if (!Double.isNaN(m[i])) {
					lo = Math.min(lo, m[i]);
					hi = Math.max(hi, m[i]);
				}
			}
		}
		if (hi <= lo) {
			hi = lo + 1;
		}
		double pad = (hi - lo) * 0.05;
		return new double[] { lo - pad, hi + pad };
	}

	private boolean inPricePane(int y) {
		Panes p = panes(getClientArea());
		return y >= p.price().y && y < p.price().y + p.price().height;
	}

	/** @return {bar index, price} under the point in the price pane, or null elsewhere */
	private double[] dataAt(int x, int y) {
		Panes p = panes(getClientArea());
		if (model == null || model.size() == 0) {
			return null;
		}
		int i = Math.max(0, Math.min(model.size() - 1, indexAt(x)));
		double[] r = priceRange();
		double price = r[1] - (y - p.price().y) / (double) p.price().height * (r[1] - r[0]);
		return new double[] { i, price };
	}

	private static int y(double v, double lo, double hi, Rectangle r) {
		return r.y + (int) Math.round((hi - v) / (hi - lo) * (r.height - 1));
	}

	/** Draws the whole chart into the GC (the screen, or an image for export). */
	void paint(GC gc, Rectangle area) {
		gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
		gc.fillRectangle(area);
		gc.setAntialias(SWT.OFF);
		gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
		if (model == null || model.size() == 0) {
			gc.drawText(banner.isEmpty() ? "No data" : banner, area.x + 6, area.y + 4, true);
			return;
		}
		Panes p = panes(area);
		int end = Math.min(model.size(), first + count);
		double w = barWidth();
		int body = Math.max(1, (int) (w * 0.7));
		// grid, pane borders and breaks
		gc.setForeground(GRID);
		for (Rectangle r : new Rectangle[] { p.price(), p.volume(), p.macd(), p.rsi() }) {
			gc.drawRectangle(r.x, r.y, r.width - 1, r.height - 1);
		}
		gc.setForeground(BREAK);
		gc.setLineStyle(SWT.LINE_DOT);
		for (int i = first + 1; i < end; i++) {
			boolean brk = model.intraday ? model.breakBefore(i)
					: model.bars.get(i).time().getMonthValue() != model.bars.get(i - 1).time().getMonthValue();
			if (brk) {
				int x = (int) Math.round((i - first) * w);
				gc.drawLine(x, p.price().y, x, p.rsi().y + p.rsi().height);
			}
		}
		gc.setLineStyle(SWT.LINE_SOLID);
		// candles
		double[] r = priceRange();
		double lo = r[0];
		double hi = r[1];
		long maxVol = 1;
		for (int i = first; i < end; i++) {
			maxVol = Math.max(maxVol, model.bars.get(i).volume());
		}
		for (int i = first; i < end; i++) {
			Bar b = model.bars.get(i);
			int x = xOf(i);
			Color c = b.close() > b.open() ? PriceColours.of(1, convention)
					: b.close() < b.open() ? PriceColours.of(-1, convention) : getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
			gc.setForeground(c);
			gc.setBackground(c);
			gc.drawLine(x, y(b.high(), lo, hi, p.price()), x, y(b.low(), lo, hi, p.price()));
			int yo = y(b.open(), lo, hi, p.price());
			int yc = y(b.close(), lo, hi, p.price());
			gc.fillRectangle(x - body / 2, Math.min(yo, yc), body, Math.max(1, Math.abs(yo - yc)));
			int vh = (int) Math.round(b.volume() / (double) maxVol * (p.volume().height - 4));
			gc.fillRectangle(x - body / 2, p.volume().y + p.volume().height - 1 - vh, body, Math.max(vh, 0));
		}
		gc.setAntialias(SWT.ON);
		for (int k = 0; k < 4; k++) {
			line(gc, model.ma[k], lo, hi, p.price(), MA_COLOURS[k], end);
		}
		if (model.average != null) {
			line(gc, model.average, lo, hi, p.price(), AVERAGE, end);
		}
		// MACD
		double mlo = 0;
		double mhi = 0;
		for (int i = first; i < end; i++) {
			for (double v : new double[] { model.macd.dif()[i], model.macd.dea()[i], model.macd.histogram()[i] }) {
				if (!Double.isNaN(v)) {
					mlo = Math.min(mlo, v);
					mhi = Math.max(mhi, v);
				}
			}
		}
		if (mhi - mlo < 1e-9) {
			mhi = mlo + 1;
		}
		int zero = y(0, mlo, mhi, p.macd());
		gc.setAntialias(SWT.OFF);
		for (int i = first; i < end; i++) {
			double h = model.macd.histogram()[i];
			if (!Double.isNaN(h)) {
				gc.setForeground(PriceColours.of(h >= 0 ? 1 : -1, convention));
				gc.drawLine(xOf(i), zero, xOf(i), y(h, mlo, mhi, p.macd()));
			}
		}
		gc.setAntialias(SWT.ON);
		line(gc, model.macd.dif(), mlo, mhi, p.macd(), MA_COLOURS[0], end);
		line(gc, model.macd.dea(), mlo, mhi, p.macd(), MA_COLOURS[1], end);
		// RSI with its 30/70 guides
		gc.setForeground(GRID);
		gc.drawLine(p.rsi().x, y(70, 0, 100, p.rsi()), p.rsi().x + p.rsi().width, y(70, 0, 100, p.rsi()));
		gc.drawLine(p.rsi().x, y(30, 0, 100, p.rsi()), p.rsi().x + p.rsi().width, y(30, 0, 100, p.rsi()));
		line(gc, model.rsi, 0, 100, p.rsi(), MA_COLOURS[2], end);
		// trend lines, in data coordinates
		gc.setLineWidth(2);
		for (TrendLine t : lines) {
			trend(gc, model.indexOf(t.time1()), t.price1(), model.indexOf(t.time2()), t.price2(), lo, hi, p.price(),
					new Color(Integer.parseInt(t.colour().substring(1, 3), 16), Integer.parseInt(t.colour().substring(3, 5), 16),
							Integer.parseInt(t.colour().substring(5, 7), 16)));
		}
		if (lineStart != null && lineEnd != null) {
			trend(gc, (int) lineStart[0], lineStart[1], (int) lineEnd[0], lineEnd[1], lo, hi, p.price(), CROSS);
		}
		gc.setLineWidth(1);
		gc.setAntialias(SWT.OFF);
		axes(gc, area, p, lo, hi, end);
		headers(gc, p, area);
		if (cross >= first && cross < end) {
			gc.setForeground(CROSS);
			gc.setLineStyle(SWT.LINE_DASH);
			int x = xOf(cross);
			gc.drawLine(x, p.price().y, x, p.rsi().y + p.rsi().height);
			if (crossY >= p.price().y && crossY < p.rsi().y + p.rsi().height) {
				gc.drawLine(area.x, crossY, area.x + p.price().width, crossY);
			}
			gc.setLineStyle(SWT.LINE_SOLID);
		}
	}

	private void trend(GC gc, int i1, double p1, int i2, double p2, double lo, double hi, Rectangle r, Color c) {
		gc.setForeground(c);
		gc.setClipping(r);
		gc.drawLine(xOf(i1), y(p1, lo, hi, r), xOf(i2), y(p2, lo, hi, r));
		gc.setClipping((Rectangle) null);
	}

	private void line(GC gc, double[] v, double lo, double hi, Rectangle r, Color c, int end) {
		gc.setForeground(c);
		int px = -1;
		int py = 0;
		for (int i = first; i < end; i++) {
			if (Double.isNaN(v[i]) || (model.intraday && model.breakBefore(i))) {
				px = -1;
				if (Double.isNaN(v[i])) {
					continue;
				}
			}
			int x = xOf(i);
			int y = y(v[i], lo, hi, r);
			if (px >= 0) {
				gc.drawLine(px, py, x, y);
			}
			px = x;
			py = y;
		}
	}

	private void axes(GC gc, Rectangle area, Panes p, double lo, double hi, int end) {
		gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
		int ax = p.price().x + p.price().width + 4;
		for (int k = 0; k <= 4; k++) {
			double v = lo + (hi - lo) * k / 4;
			int yy = y(v, lo, hi, p.price());
			gc.drawText(model.price(v), ax, yy - 7, true);
		}
		gc.drawText("RSI", ax, p.rsi().y + 2, true);
		gc.drawText("MACD", ax, p.macd().y + 2, true);
		gc.drawText("VOL", ax, p.volume().y + 2, true);
		int lastLabel = -1000;
		for (int i = first; i < end; i++) {
			boolean mark = i == first || (model.intraday ? model.breakBefore(i)
					: model.bars.get(i).time().getMonthValue() != model.bars.get(i - 1).time().getMonthValue());
			int x = xOf(i);
			if (mark && x - lastLabel > 90) {
				LocalDateTime t = model.bars.get(i).time();
				String s = model.intraday ? t.toLocalDate().toString().substring(5) + " " + t.toLocalTime() : t.toLocalDate().toString();
				gc.drawText(s, x, area.y + area.height - BOTTOM + 1, true);
				lastLabel = x;
			}
		}
	}

	private void headers(GC gc, Panes p, Rectangle area) {
		int i = cross >= 0 ? cross : Math.min(model.size(), first + count) - 1;
		Map<String, String> v = model.values(i);
		gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
		String head = banner + "   " + v.get("Time") + "  O " + v.get("O") + "  H " + v.get("H") + "  L " + v.get("L") + "  C "
				+ v.get("C") + "  V " + v.get("V");
		gc.drawText(head, area.x + 4, area.y + 2, true);
		int x = p.price().x + 4;
		String[] ma = { "MA5", "MA10", "MA20", "MA60" };
		for (int k = 0; k < 4; k++) {
			gc.setForeground(MA_COLOURS[k]);
			String s = ma[k] + " " + v.get(ma[k]);
			gc.drawText(s, x, p.price().y + 2, true);
			x += gc.textExtent(s).x + 10;
		}
		if (v.containsKey("AVG")) {
			gc.setForeground(AVERAGE);
			gc.drawText("AVG " + v.get("AVG"), x, p.price().y + 2, true);
		}
		gc.setForeground(MA_COLOURS[0]);
		gc.drawText("DIF " + v.get("DIF") + "   DEA " + v.get("DEA") + "   MACD " + v.get("MACD") + "  (12,26,9)",
				p.macd().x + 4, p.macd().y + 2, true);
		gc.setForeground(MA_COLOURS[2]);
		gc.drawText("RSI14 " + v.get("RSI14"), p.rsi().x + 4, p.rsi().y + 2, true);
	}

	/** Writes the chart as it is now, at its current size, as a PNG file. */
	void exportPng(String file) {
		Rectangle area = getClientArea();
		Image image = new Image(getDisplay(), Math.max(1, area.width), Math.max(1, area.height));
		GC gc = new GC(image);
		try {
			paint(gc, new Rectangle(0, 0, area.width, area.height));
		} finally {
			gc.dispose();
		}
		try {
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { image.getImageData() };
			loader.save(file, SWT.IMAGE_PNG);
		} finally {
			image.dispose();
		}
	}
}
