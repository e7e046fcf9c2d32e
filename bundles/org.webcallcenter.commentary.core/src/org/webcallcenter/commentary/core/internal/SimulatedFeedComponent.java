package org.webcallcenter.commentary.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.webcallcenter.commentary.api.internal.CommentaryPreferences;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.MarketDataException;
import org.webcallcenter.commentary.api.market.MarketDataProvider;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.market.ProviderInfo;
import org.webcallcenter.commentary.api.market.Quote;
import org.webcallcenter.commentary.api.market.QuoteListener;
import org.webcallcenter.commentary.api.market.Subscription;

/**
 * The "Simulated feed": a made-up market for demos, training and tests, labelled simulated wherever it shows
 * ({@link ProviderInfo#simulated()}). Its instruments are named "Sim ..." with symbols starting with SIM so they are
 * never mistaken for real ones. The market moves one step every {@link #intervalMillis} on its own thread and
 * delivers the changed quotes to the subscribers of each symbol in one batch. Seed: preference
 * {@code commentary.simulated.seed} or system property {@code webcallcenter.commentary.simulated.seed} (default 20240101).
 */
@Component(service = MarketDataProvider.class)
public final class SimulatedFeedComponent implements MarketDataProvider {
	static final ProviderInfo INFO = new ProviderInfo("simulated", "Simulated feed", true, true,
			"Made-up prices from a seeded random walk, for demonstrations and tests: not market data");
	static final long DEFAULT_SEED = 20240101L;

	private record Subscriber(Set<String> symbols, QuoteListener listener) {
	}

	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
	private SimulatedMarket market;
	private ScheduledExecutorService clock;
	private long intervalMillis = 500;

	/** The instruments of the simulated market, and {@code extra} more Shenzhen-like ones (for load tests). */
	static List<SimulatedMarket.Spec> specs(int extra) {
		List<SimulatedMarket.Spec> specs = new ArrayList<>();
		specs.add(spec("SIM600001.SH", "Sim Liquor", Exchanges.SSE, 1650.00, 0.018, 3_000_000, true, 100));
		specs.add(spec("SIM600002.SH", "Sim Bank", Exchanges.SSE, 10.52, 0.012, 60_000_000, true, 100));
		specs.add(spec("SIM600003.SH", "Sim Insurance", Exchanges.SSE, 45.30, 0.016, 25_000_000, true, 100));
		specs.add(spec("SIM000004.SZ", "Sim Battery", Exchanges.SZSE, 188.80, 0.028, 18_000_000, true, 100));
		specs.add(spec("SIM000005.SZ", "Sim Appliances", Exchanges.SZSE, 58.66, 0.017, 20_000_000, true, 100));
		specs.add(spec("SIM300006.SZ", "Sim Pharma", Exchanges.SZSE, 32.15, 0.032, 15_000_000, true, 100));
		specs.add(spec("SIM00007.HK", "Sim Telecom HK", Exchanges.HKEX, 368.20, 0.022, 12_000_000, false, 100));
		specs.add(spec("SIMUS8", "Sim Chips US", Exchanges.NASDAQ, 121.44, 0.030, 40_000_000, false, 1));
		for (int i = 1; i <= extra; i++) {
			specs.add(spec(String.format("SIMX%04d.SZ", i), "Sim Load " + i, Exchanges.SZSE, 5 + (i * 37 % 200),
					0.02, 5_000_000, true, 100));
		}
		return specs;
	}

	private static SimulatedMarket.Spec spec(String symbol, String name, Exchanges.Exchange e, double price, double vol,
			long volume, boolean limit, int lot) {
		double tick = "HKEX".equals(e.code()) ? Exchanges.hkTick(price) : e.tickSize();
		Instrument i = new Instrument(symbol, name, e.code(), e.currency(), tick, e.zone(), e.sessions());
		return new SimulatedMarket.Spec(i, price, vol, volume, limit, lot);
	}

	@Activate
	void activate() {
		long seed = seed();
		int extra = Integer.getInteger("webcallcenter.commentary.simulated.extraInstruments", 0);
		intervalMillis = Long.getLong("webcallcenter.commentary.simulated.intervalMillis", 500);
		start(seed, extra, LocalDate.now(ZoneId.of("Asia/Shanghai")));
	}

	void start(long seed, int extra, LocalDate firstDay) {
		market = new SimulatedMarket(seed, specs(extra), firstDay);
		clock = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "Simulated feed");
			t.setDaemon(true);
			return t;
		});
		clock.scheduleAtFixedRate(this::step, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
	}

	private static long seed() {
		String property = System.getProperty("webcallcenter.commentary.simulated.seed");
		try {
			if (property != null) {
				return Long.parseLong(property.strip());
			}
			return Platform.getPreferencesService().getLong(CommentaryPreferences.NODE, CommentaryPreferences.SIMULATED_SEED,
					DEFAULT_SEED, null);
		} catch (NumberFormatException | IllegalStateException e) {
			return DEFAULT_SEED;
		}
	}

	@Deactivate
	void deactivate() {
		if (clock != null) {
			clock.shutdownNow();
		}
		subscribers.clear();
	}

	private void step() {
		try {
			List<Quote> changed;
			synchronized (market) {
				changed = market.step(Instant.now());
			}
			for (Subscriber s : subscribers) {
				List<Quote> mine = changed.stream().filter(q -> s.symbols().contains(q.symbol())).toList();
				if (!mine.isEmpty()) {
					try {
						s.listener().quotes(mine);
					} catch (RuntimeException e) {
						ILog.of(getClass()).error("A quote listener failed", e);
					}
				}
			}
		} catch (RuntimeException e) {
			ILog.of(getClass()).error("The simulated feed failed a step", e);
		}
	}

	@Override
	public ProviderInfo info() {
		return INFO;
	}

	@Override
	public List<Instrument> instruments() {
		return market.instruments();
	}

	@Override
	public List<Period> periods() {
		return List.of(Period.DAY, Period.MINUTE_1, Period.MINUTE_5, Period.MINUTE_15, Period.MINUTE_60);
	}

	@Override
	public Optional<Quote> quote(String symbol) {
		synchronized (market) {
			return Optional.ofNullable(market.quote(symbol, Instant.now()));
		}
	}

	@Override
	public List<Bar> bars(String symbol, Period period, LocalDate from, LocalDate to) {
		List<Bar> bars;
		synchronized (market) {
			bars = market.bars(symbol, period, from, to);
		}
		if (bars == null) {
			throw new MarketDataException("The simulated feed has no instrument " + symbol);
		}
		return bars;
	}

	@Override
	public Subscription subscribe(Collection<String> symbols, QuoteListener listener) {
		Subscriber s = new Subscriber(Set.copyOf(symbols), listener);
		subscribers.add(s);
		return () -> subscribers.remove(s);
	}
}
