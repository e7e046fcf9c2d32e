package org.webcallcenter.commentary.ui.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.Indicators;
import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.MarketDataProvider;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.market.ProviderInfo;
import org.webcallcenter.commentary.api.market.Quote;
import org.webcallcenter.commentary.api.market.QuoteListener;
import org.webcallcenter.commentary.api.market.Subscription;
import org.webcallcenter.commentary.api.market.TradingSession;
import org.webcallcenter.testing.ui.Ui;

/**
 * Issue 6's benchmarks, run by {@code releng/benchmarks/commentary-benchmark.sh} (environment WCC_BENCHMARK=1;
 * skipped in the normal build). Prints lines starting with {@code benchmark:} and writes them to
 * {@code target/commentary-benchmark.txt}. No assertion on speed: the numbers go to docs/benchmarks.md.
 */
@EnabledIfEnvironmentVariable(named = "WCC_BENCHMARK", matches = "1")
class CommentaryBenchmark {
	private static final int INSTRUMENTS = 500;
	private static final int UPDATES_PER_SECOND = 10;
	private final List<String> results = new ArrayList<>();

	/** A load provider: 500 instruments, each quote changing 10 times a second, delivered in 10 batches a second. */
	static final class LoadProvider implements MarketDataProvider {
		final List<Instrument> instruments = new ArrayList<>();
		final List<QuoteListener> listeners = new CopyOnWriteArrayList<>();
		final double[] prices = new double[INSTRUMENTS];
		final long[] volumes = new long[INSTRUMENTS];
		final SplittableRandom random = new SplittableRandom(1);
		long delivered;

		LoadProvider() {
			for (int i = 0; i < INSTRUMENTS; i++) {
				instruments.add(new Instrument(String.format("LOAD%03d.SZ", i), "Load " + i, "SZSE", "CNY", 0.01,
						ZoneId.of("Asia/Shanghai"), List.of(new TradingSession(java.time.LocalTime.of(9, 30), java.time.LocalTime.of(15, 0)))));
				prices[i] = 10 + i % 90;
			}
		}

		@Override
		public ProviderInfo info() {
			return new ProviderInfo("benchmark-load", "Benchmark load (Simulated)", true, true, "made-up load for the benchmark");
		}

		@Override
		public List<Instrument> instruments() {
			return instruments;
		}

		@Override
		public Optional<Quote> quote(String symbol) {
			int i = Integer.parseInt(symbol.substring(4, 7));
			return Optional.of(new Quote(symbol, prices[i], 10 + i % 90, prices[i] - 0.01, prices[i] + 0.01, volumes[i], Instant.now()));
		}

		@Override
		public List<Bar> bars(String symbol, Period period, LocalDate from, LocalDate to) {
			return List.of();
		}

		@Override
		public Subscription subscribe(Collection<String> symbols, QuoteListener listener) {
			listeners.add(listener);
			return () -> listeners.remove(listener);
		}

		/** One tick: every instrument changes (the 10 ticks a second each instrument gets). */
		void tick() {
			List<Quote> batch = new ArrayList<>(INSTRUMENTS);
			for (int i = 0; i < INSTRUMENTS; i++) {
				prices[i] = Math.max(0.01, Math.round((prices[i] + (random.nextInt(5) - 2) * 0.01) * 100) / 100.0);
				volumes[i] += 100 * (1 + random.nextInt(20));
				batch.add(new Quote(instruments.get(i).symbol(), prices[i], 10 + i % 90, prices[i] - 0.01, prices[i] + 0.01,
						volumes[i], Instant.now()));
			}
			delivered += batch.size();
			for (QuoteListener l : listeners) {
				l.quotes(batch);
			}
		}
	}

	private void report(String line) {
		System.out.println("benchmark: " + line);
		results.add(line);
	}

	private static Thread uiThread() {
		return Ui.sync(Thread::currentThread);
	}

	@Test
	void quoteBoardAndChart() throws Exception {
		ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		report("started " + Instant.now() + ", load average " + Files.readString(Path.of("/proc/loadavg")).strip());
		LoadProvider load = new LoadProvider();
		ServiceRegistration<MarketDataProvider> reg = FrameworkUtil.getBundle(getClass()).getBundleContext()
				.registerService(MarketDataProvider.class, load, new Hashtable<>());
		long ui = uiThread().threadId();
		try {
			// the chart part shows the simulated feed; close it out of the way so only the board works
			QuoteBoardPart board = ChartUiTest.showPart("org.webcallcenter.commentary.ui.part.quotes", QuoteBoardPart.class);
			Ui.waitFor("the board subscribed to the load", () -> !load.listeners.isEmpty());
			Thread.sleep(2000);
			double idle = busy(mx, ui, 5);
			report(String.format(Locale.ROOT, "quote board idle (simulated feed only): UI thread busy %.1f %%", idle * 100));
			ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
			ticker.scheduleAtFixedRate(load::tick, 0, 1000 / UPDATES_PER_SECOND, TimeUnit.MILLISECONDS);
			Thread.sleep(3000);
			int[] before = board.counters();
			long deliveredBefore = load.delivered;
			double loaded = busy(mx, ui, 20);
			int[] after = board.counters();
			ticker.shutdownNow();
			report(String.format(Locale.ROOT,
					"quote board %d instruments x %d updates/s (%d quotes/s delivered): UI thread busy %.1f %% over 20 s; %d batches, %d cells set",
					INSTRUMENTS, UPDATES_PER_SECOND, (load.delivered - deliveredBefore) / 20, loaded * 100, after[1] - before[1],
					after[0] - before[0]));
		} finally {
			reg.unregister();
		}

		ChartPart chart = ChartUiTest.showPart("org.webcallcenter.commentary.ui.part.chart", ChartPart.class);
		ChartCanvas canvas = chart.canvas();
		List<Bar> bars = new ArrayList<>();
		SplittableRandom r = new SplittableRandom(5);
		double c = 50;
		LocalDateTime t = LocalDateTime.of(2000, 1, 3, 0, 0);
		for (int i = 0; i < 5000; i++) {
			double o = c;
			c = Math.max(1, Math.round(c * (1 + r.nextGaussian() * 0.02) * 100) / 100.0);
			bars.add(new Bar(t, o, Math.max(o, c) + 0.1, Math.max(0.01, Math.min(o, c) - 0.1), c, 1000 + r.nextInt(100000)));
			t = t.plusDays(1);
		}
		Instrument inst = new Instrument("BENCH", "Benchmark 5000", "SSE", "CNY", 0.01, ZoneId.of("Asia/Shanghai"), List.of());
		Indicators ind = Ui.service(Indicators.class);
		long m0 = System.nanoTime();
		ChartModel model = new ChartModel(inst, bars, false, ind);
		double modelMs = (System.nanoTime() - m0) / 1e6;
		Ui.run(() -> {
			canvas.setData(model, inst.convention(), "Benchmark", false);
			canvas.setView(0, 5000);
		});
		String size = Ui.sync(() -> canvas.getClientArea().width + "x" + canvas.getClientArea().height);
		double[] frames = new double[60];
		org.eclipse.swt.graphics.Rectangle area = Ui.sync(canvas::getClientArea);
		for (int i = 0; i < frames.length; i++) {
			int k = i;
			// one frame: the chart's whole drawing code into an image of the canvas's size (what a paint event runs;
			// GTK's own compositing of the double buffer to the screen is not included)
			frames[i] = Ui.sync(() -> {
				canvas.setCross(k * 80, 100);
				org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(canvas.getDisplay(), area.width, area.height);
				org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(image);
				long s = System.nanoTime();
				canvas.paint(gc, new org.eclipse.swt.graphics.Rectangle(0, 0, area.width, area.height));
				double ms = (System.nanoTime() - s) / 1e6;
				gc.dispose();
				image.dispose();
				return ms;
			});
		}
		Arrays.sort(frames);
		report(String.format(Locale.ROOT,
				"chart 5000 bars all visible (%s px) with MA5/10/20/60, volume, MACD, RSI: median %.1f ms/frame, p90 %.1f ms, max %.1f ms over %d frames; indicators computed once in %.1f ms",
				size, frames[frames.length / 2], frames[(int) (frames.length * 0.9)], frames[frames.length - 1], frames.length, modelMs));
		Ui.screenshot("benchmark-chart-5000");
		Path out = Path.of(System.getProperty("user.dir"), "target", "commentary-benchmark.txt");
		Files.write(out, results);
	}

	/** UI thread CPU time / wall time over the window. */
	private static double busy(ThreadMXBean mx, long thread, int seconds) throws InterruptedException {
		long cpu0 = mx.getThreadCpuTime(thread);
		long wall0 = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		long cpu1 = mx.getThreadCpuTime(thread);
		long wall1 = System.nanoTime();
		return (cpu1 - cpu0) / (double) (wall1 - wall0);
	}
}
