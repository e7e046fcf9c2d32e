package org.webcallcenter.commentary.core.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.market.Quote;
import org.webcallcenter.commentary.api.market.TradingSession;

/**
 * A made-up market, fully determined by its seed and its first day: each instrument's price is a random walk per
 * minute of its trading sessions (volatility per instrument, an overnight gap, mainland China's +-10 % daily limit,
 * prices on the instrument's tick grid, A-share volumes in lots of 100 with the usual U-shaped intraday profile).
 * History: {@link #HISTORY_DAYS} trading days before the first day, minute bars for the last {@link #INTRADAY_DAYS}
 * of them. Then {@link #step()} moves "today" on by {@link #STEP_SECONDS} simulated seconds, inside the sessions
 * (skipping the lunch break), and a new simulated day follows the close. Not thread-safe: one owner thread.
 */
final class SimulatedMarket {
	static final int HISTORY_DAYS = 300;
	static final int INTRADAY_DAYS = 5;
	static final int STEP_SECONDS = 15;

	/** What the simulation knows about an instrument besides the instrument itself. */
	record Spec(Instrument instrument, double startPrice, double dailyVolatility, long dailyVolume, boolean priceLimit, int lot) {
	}

	private final class Sim {
		final Spec spec;
		final SplittableRandom random;
		final List<Bar> daily = new ArrayList<>();
		final List<Bar> minutes = new ArrayList<>();
		double price;
		double previousClose;
		// today's state
		double dayOpen;
		double dayHigh;
		double dayLow;
		long dayVolume;
		Bar currentMinute;
		LocalDateTime currentMinuteEnd;
		/** How busy today is compared with an average day (busy and quiet days, as real markets have). */
		double dayActivity = 1.0;

		Sim(Spec spec, long seed) {
			this.spec = spec;
			this.random = new SplittableRandom(seed);
			this.price = spec.startPrice();
		}

		double tick() {
			Instrument i = spec.instrument();
			return "HKEX".equals(i.exchange()) ? Exchanges.hkTick(price) : i.tickSize();
		}

		double round(double p) {
			double t = tick();
			return Math.max(t, Math.round(p / t) * t);
		}

		double minuteSigma() {
			long minutes = spec.instrument().sessions().stream().mapToLong(TradingSession::minutes).sum();
			return spec.dailyVolatility() / Math.sqrt(minutes);
		}

		/** One random move of the price over {@code fraction} of a minute, kept inside the daily limit. */
		double move(double fraction) {
			double next = price * Math.exp(random.nextGaussian() * minuteSigma() * Math.sqrt(fraction));
			if (spec.priceLimit() && previousClose > 0) {
				next = Math.min(previousClose * 1.1, Math.max(previousClose * 0.9, next));
			}
			return round(next);
		}

		long volumeFor(LocalTime t, double fraction) {
			long minutes = spec.instrument().sessions().stream().mapToLong(TradingSession::minutes).sum();
			double base = spec.dailyVolume() / (double) minutes * fraction;
			// U-shaped profile: busier after the open and before the close of each session
			double profile = 1.0;
			for (TradingSession s : spec.instrument().sessions()) {
				if (s.contains(t)) {
					double len = s.minutes();
					double x = java.time.Duration.between(s.open(), t).toSeconds() / 60.0 / len;
					profile = 0.6 + 1.6 * (x - 0.5) * (x - 0.5) * 4 / 2;
				}
			}
			double v = base * profile * dayActivity * (0.5 + random.nextDouble());
			long lots = Math.max(1, Math.round(v / spec.lot()));
			return lots * spec.lot();
		}

		void openDay(LocalDate day) {
			if (previousClose > 0) {
				price = round(price * Math.exp(random.nextGaussian() * spec.dailyVolatility() * 0.25));
				if (spec.priceLimit()) {
					price = round(Math.min(previousClose * 1.1, Math.max(previousClose * 0.9, price)));
				}
			}
			dayActivity = Math.exp(random.nextGaussian() * 0.35);
			dayOpen = price;
			dayHigh = price;
			dayLow = price;
			dayVolume = 0;
			currentMinute = null;
			currentMinuteEnd = null;
		}

		/** A whole historical day minute by minute; keeps the minute bars when asked. */
		void simulateDay(LocalDate day, boolean keepMinutes) {
			openDay(day);
			for (TradingSession s : spec.instrument().sessions()) {
				for (LocalTime t = s.open().plusMinutes(1); !t.isAfter(s.close()); t = t.plusMinutes(1)) {
					double open = price;
					double high = open;
					double low = open;
					for (int k = 0; k < 4; k++) {
						price = move(0.25);
						high = Math.max(high, price);
						low = Math.min(low, price);
					}
					long v = volumeFor(t, 1.0);
					dayHigh = Math.max(dayHigh, high);
					dayLow = Math.min(dayLow, low);
					dayVolume += v;
					if (keepMinutes) {
						minutes.add(new Bar(day.atTime(t), open, high, low, price, v));
					}
				}
			}
			closeDay(day);
		}

		void closeDay(LocalDate day) {
			if (currentMinute != null) {
				minutes.add(currentMinute);
				currentMinute = null;
			}
			daily.add(new Bar(day.atStartOfDay(), dayOpen, dayHigh, dayLow, price, dayVolume));
			previousClose = price;
		}

		/** Moves today on to {@code now} (one step); returns whether the price or volume changed. */
		boolean step(LocalDateTime now) {
			LocalDateTime minuteEnd = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
			if (!minuteEnd.equals(now)) {
				minuteEnd = minuteEnd.plusMinutes(1);
			}
			if (currentMinute != null && !currentMinuteEnd.equals(minuteEnd)) {
				minutes.add(currentMinute);
				currentMinute = null;
			}
			// not every instrument trades in every step: quiet ones keep their quote
			if (random.nextDouble() < 0.3) {
				return false;
			}
			double before = price;
			price = move(STEP_SECONDS / 60.0);
			long v = volumeFor(now.toLocalTime(), STEP_SECONDS / 60.0);
			dayHigh = Math.max(dayHigh, price);
			dayLow = Math.min(dayLow, price);
			dayVolume += v;
			if (currentMinute == null) {
				currentMinute = new Bar(minuteEnd, before, Math.max(before, price), Math.min(before, price), price, v);
				currentMinuteEnd = minuteEnd;
			} else {
				Bar c = currentMinute;
				currentMinute = new Bar(minuteEnd, c.open(), Math.max(c.high(), price), Math.min(c.low(), price), price, c.volume() + v);
			}
			return true;
		}

		Quote quote(Instant at) {
			double t = tick();
			return new Quote(spec.instrument().symbol(), price, previousClose, round(price - t), round(price + t), dayVolume, at);
		}

		Bar todayBar(LocalDate today) {
			return new Bar(today.atStartOfDay(), dayOpen, dayHigh, dayLow, price, dayVolume);
		}
	}

	private final List<Sim> sims = new ArrayList<>();
	private final List<Instrument> instruments;
	private LocalDate today;
	private LocalDateTime now;

	/**
	 * @param seed     the seed: the same seed, specs and first day give the same market
	 * @param firstDay the first simulated "today" (moved to the next weekday when it falls on a weekend)
	 */
	SimulatedMarket(long seed, List<Spec> specs, LocalDate firstDay) {
		SplittableRandom seeds = new SplittableRandom(seed);
		for (Spec s : specs) {
			sims.add(new Sim(s, seeds.nextLong()));
		}
		instruments = specs.stream().map(Spec::instrument).toList();
		today = tradingDayOnOrAfter(firstDay);
		List<LocalDate> days = new ArrayList<>();
		LocalDate d = today;
		while (days.size() < HISTORY_DAYS) {
			d = d.minusDays(1);
			if (isTradingDay(d)) {
				days.addFirst(d);
			}
		}
		for (Sim sim : sims) {
			for (int i = 0; i < days.size(); i++) {
				sim.simulateDay(days.get(i), i >= days.size() - INTRADAY_DAYS);
			}
			sim.openDay(today);
		}
		now = null;
	}

	static boolean isTradingDay(LocalDate d) {
		return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
	}

	private static LocalDate tradingDayOnOrAfter(LocalDate d) {
		while (!isTradingDay(d)) {
			d = d.plusDays(1);
		}
		return d;
	}

	List<Instrument> instruments() {
		return instruments;
	}

	LocalDate today() {
		return today;
	}

	/** @return the simulated time of day of the last step (null before the first) */
	LocalDateTime now() {
		return now;
	}

	private Sim sim(String symbol) {
		for (Sim s : sims) {
			if (s.spec.instrument().symbol().equals(symbol)) {
				return s;
			}
		}
		return null;
	}

	boolean knows(String symbol) {
		return sim(symbol) != null;
	}

	/**
	 * Moves the market on by {@link #STEP_SECONDS} simulated seconds (all instruments share the first
	 * instrument's sessions as the clock; the others trade when they are in session) and returns the quotes that changed.
	 */
	List<Quote> step(Instant wallClock) {
		List<TradingSession> sessions = instruments.getFirst().sessions();
		if (now == null) {
			now = today.atTime(sessions.getFirst().open());
		}
		LocalDateTime next = now.plusSeconds(STEP_SECONDS);
		int s = instruments.getFirst().sessionIndex(now.toLocalTime());
		if (s < 0 || next.toLocalTime().isAfter(sessions.get(s).close()) || next.toLocalDate().isAfter(today)) {
			if (s >= 0 && s + 1 < sessions.size()) {
				next = today.atTime(sessions.get(s + 1).open()).plusSeconds(STEP_SECONDS);
			} else {
				for (Sim sim : sims) {
					sim.closeDay(today);
				}
				today = tradingDayOnOrAfter(today.plusDays(1));
				for (Sim sim : sims) {
					sim.openDay(today);
				}
				next = today.atTime(sessions.getFirst().open()).plusSeconds(STEP_SECONDS);
			}
		}
		now = next;
		List<Quote> changed = new ArrayList<>();
		for (Sim sim : sims) {
			if (sim.spec.instrument().sessionIndex(now.toLocalTime()) >= 0 && sim.step(now)) {
				changed.add(sim.quote(wallClock));
			}
		}
		return changed;
	}

	Quote quote(String symbol, Instant at) {
		Sim s = sim(symbol);
		return s == null ? null : s.quote(at);
	}

	/** @return bars, oldest first: daily history plus today's bar so far, or minute bars (aggregated to the period) */
	List<Bar> bars(String symbol, Period period, LocalDate from, LocalDate to) {
		Sim s = sim(symbol);
		if (s == null) {
			return null;
		}
		List<Bar> out = new ArrayList<>();
		if (period == Period.DAY) {
			for (Bar b : s.daily) {
				if (within(b, from, to)) {
					out.add(b);
				}
			}
			if (now != null && !today.isBefore(from) && !today.isAfter(to) && s.dayVolume > 0) {
				out.add(s.todayBar(today));
			}
			return out;
		}
		List<Bar> minutes = new ArrayList<>();
		for (Bar b : s.minutes) {
			if (within(b, from, to)) {
				minutes.add(b);
			}
		}
		if (s.currentMinute != null && within(s.currentMinute, from, to)) {
			minutes.add(s.currentMinute);
		}
		return aggregate(minutes, period, s.spec.instrument());
	}

	private static boolean within(Bar b, LocalDate from, LocalDate to) {
		LocalDate d = b.time().toLocalDate();
		return !d.isBefore(from) && !d.isAfter(to);
	}

	/** Groups minute bars into bars of the period; a bar never spans a session break. */
	static List<Bar> aggregate(List<Bar> minutes, Period period, Instrument instrument) {
		long len = period.length().toMinutes();
		if (len == 1) {
			return minutes;
		}
		List<Bar> out = new ArrayList<>();
		Bar acc = null;
		LocalDateTime accEnd = null;
		for (Bar m : minutes) {
			int session = instrument.sessionIndex(m.time().toLocalTime().minusSeconds(1));
			LocalTime open = session >= 0 ? instrument.sessions().get(session).open() : LocalTime.MIDNIGHT;
			LocalTime close = session >= 0 ? instrument.sessions().get(session).close() : LocalTime.MAX;
			long sinceOpen = java.time.Duration.between(open, m.time().toLocalTime()).toMinutes();
			long slots = (sinceOpen + len - 1) / len;
			LocalTime endT = open.plusMinutes(slots * len);
			if (endT.isAfter(close)) {
				endT = close;
			}
			LocalDateTime end = m.time().toLocalDate().atTime(endT);
			if (acc != null && end.equals(accEnd)) {
				acc = new Bar(end, acc.open(), Math.max(acc.high(), m.high()), Math.min(acc.low(), m.low()), m.close(),
						acc.volume() + m.volume());
			} else {
				if (acc != null) {
					out.add(acc);
				}
				acc = new Bar(end, m.open(), m.high(), m.low(), m.close(), m.volume());
				accEnd = end;
			}
		}
		if (acc != null) {
			out.add(acc);
		}
		return out;
	}
}
