package org.webcallcenter.commentary.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.MarketDataProvider;
import org.webcallcenter.commentary.api.market.MarketDataRegistry;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.market.Quote;
import org.webcallcenter.commentary.api.market.Subscription;
import org.webcallcenter.testing.Poll;

/** The simulated feed: the same seed gives the same market, prices sit on the tick grid, sessions are respected. */
class SimulatedFeedTest {
	private static final LocalDate DAY = LocalDate.of(2024, 3, 4);
	private static final LocalDate FRIDAY = LocalDate.of(2024, 3, 1);
	private static final Instant AT = Instant.parse("2024-03-04T02:00:00Z");

	private static List<Object> run(long seed) {
		SimulatedMarket m = new SimulatedMarket(seed, SimulatedFeedComponent.specs(0), DAY);
		List<Object> out = new ArrayList<>();
		for (Instrument i : m.instruments()) {
			out.addAll(m.bars(i.symbol(), Period.DAY, DAY.minusYears(2), DAY));
			out.addAll(m.bars(i.symbol(), Period.MINUTE_1, DAY.minusDays(10), DAY));
		}
		for (int s = 0; s < 2000; s++) {
			out.addAll(m.step(AT));
		}
		return out;
	}

	@Test
	void theSameSeedGivesTheSameMarket() {
		List<Object> a = run(42);
		List<Object> b = run(42);
		assertTrue(a.size() > 10_000, "history and 2000 steps of quotes: " + a.size());
		assertEquals(a, b);
		assertNotEquals(a, run(43));
	}

	@Test
	void pricesAreOnTheTickGridAndBarsAreConsistent() {
		SimulatedMarket m = new SimulatedMarket(7, SimulatedFeedComponent.specs(0), DAY);
		for (Instrument i : m.instruments()) {
			List<Bar> daily = m.bars(i.symbol(), Period.DAY, DAY.minusYears(2), DAY);
			assertEquals(SimulatedMarket.HISTORY_DAYS, daily.size());
			for (Bar b : daily) {
				assertFalse(b.time().getDayOfWeek().getValue() > 5, "no bars on weekends");
				if (!"HKEX".equals(i.exchange())) {
					double ticks = b.close() / i.tickSize();
					assertEquals(Math.round(ticks), ticks, 1e-6, i.symbol() + " close " + b.close() + " is off the tick grid");
				}
			}
			if (i.exchange().equals("SSE") || i.exchange().equals("SZSE")) {
				for (int k = 1; k < daily.size(); k++) {
					double limit = daily.get(k - 1).close() * 1.1 + i.tickSize();
					assertTrue(daily.get(k).high() <= limit, "A-shares stay within the 10 % daily limit");
				}
			}
		}
	}

	@Test
	void intradayBarsRespectTheLunchBreakInShanghai() {
		SimulatedMarket m = new SimulatedMarket(7, SimulatedFeedComponent.specs(0), DAY);
		List<Bar> minutes = m.bars("SIM600001.SH", Period.MINUTE_1, FRIDAY, FRIDAY);
		assertEquals(240, minutes.size(), "4 hours of minute bars on the Friday before");
		for (Bar b : minutes) {
			LocalTime t = b.time().toLocalTime();
			assertFalse(t.isAfter(LocalTime.of(11, 30)) && !t.isAfter(LocalTime.of(13, 0)), "a bar in the lunch break: " + t);
			assertTrue(b.volume() % 100 == 0, "A-share volumes are in lots of 100");
		}
		List<Bar> fives = m.bars("SIM600001.SH", Period.MINUTE_5, FRIDAY, FRIDAY);
		assertEquals(48, fives.size());
		assertEquals(LocalTime.of(11, 30), fives.get(23).time().toLocalTime());
		assertEquals(LocalTime.of(13, 5), fives.get(24).time().toLocalTime());
		assertEquals(minutes.stream().mapToLong(Bar::volume).sum(), fives.stream().mapToLong(Bar::volume).sum());
		// the live day skips the lunch break as well
		for (int s = 0; s < 2000; s++) {
			m.step(AT);
			LocalTime now = m.now().toLocalTime();
			assertFalse(now.isAfter(LocalTime.of(11, 30)) && now.isBefore(LocalTime.of(13, 0)), "simulated clock in the lunch break: " + now);
		}
	}

	@Test
	void theServiceIsLabelledSimulatedAndDeliversLiveQuotesUntilUnsubscribed() {
		MarketDataProvider feed = Services.get(MarketDataProvider.class, p -> p.info().id().equals("simulated"));
		assertTrue(feed.info().simulated());
		assertEquals("Simulated feed", feed.info().name());
		assertTrue(feed.instruments().stream().allMatch(i -> i.symbol().startsWith("SIM") && i.name().startsWith("Sim ")));
		List<Quote> got = new CopyOnWriteArrayList<>();
		Subscription s = feed.subscribe(List.of("SIM600001.SH", "SIM600002.SH"), got::addAll);
		Poll.until("quotes from the simulated feed", () -> got.size() >= 3);
		assertTrue(got.stream().allMatch(q -> q.symbol().startsWith("SIM6000")), "only the subscribed symbols");
		s.close();
		int after = got.size();
		// the feed steps every 500 ms: wait for several steps of the feed itself, not for a fixed time
		List<Quote> control = new CopyOnWriteArrayList<>();
		Subscription c = feed.subscribe(List.of("SIM600001.SH"), control::addAll);
		Poll.until("more steps of the feed", () -> control.size() >= 3);
		c.close();
		assertEquals(after, got.size(), "nothing delivered after unsubscribing");
		MarketDataRegistry registry = Services.get(MarketDataRegistry.class);
		assertEquals("simulated", registry.providers().getLast().info().id(), "simulated providers come last");
		assertEquals("simulated", registry.providerOf("SIM600001.SH").orElseThrow().info().id());
	}
}
