package org.webcallcenter.commentary.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.Indicators;

/**
 * The indicator service against values computed independently by {@code fixtures/indicators/make_reference.py}
 * (run once, output committed) for a fixed series the same script wrote.
 */
class IndicatorsReferenceTest {
	private static final Path FIXTURES = Path.of("fixtures", "indicators");
	private static final double TOLERANCE = 1e-9;

	private static List<Bar> bars(String file, String symbol) throws Exception {
		CsvBars.Result r = CsvBars.read(file, symbol, Files.readAllLines(FIXTURES.resolve(file), StandardCharsets.UTF_8));
		assertTrue(r.problems().isEmpty(), r.problems().toString());
		return r.series().get(symbol).bars();
	}

	private static List<String[]> reference(String file) throws Exception {
		return Files.readAllLines(FIXTURES.resolve(file), StandardCharsets.UTF_8).stream().skip(1).map(l -> l.split(",", -1)).toList();
	}

	private static void check(String what, int row, String expected, double actual) {
		if (expected.isEmpty()) {
			assertTrue(Double.isNaN(actual), what + " at row " + row + " should be undefined, was " + actual);
		} else {
			double e = Double.parseDouble(expected);
			if (Double.isNaN(actual) || Math.abs(e - actual) > TOLERANCE * Math.max(1, Math.abs(e))) {
				fail(what + " at row " + row + ": expected " + e + ", got " + actual);
			}
		}
	}

	@Test
	void dailyIndicatorsMatchTheReference() throws Exception {
		Indicators ind = Services.get(Indicators.class);
		List<Bar> bars = bars("daily.csv", "REF");
		List<String[]> ref = reference("daily-reference.csv");
		assertEquals(150, bars.size());
		assertEquals(bars.size(), ref.size());
		double[] closes = Indicators.closes(bars);
		double[][] sma = { ind.sma(closes, 5), ind.sma(closes, 10), ind.sma(closes, 20), ind.sma(closes, 60) };
		Indicators.Macd macd = ind.macd(closes, 12, 26, 9);
		double[] rsi = ind.rsi(closes, 14);
		int defined = 0;
		for (int i = 0; i < bars.size(); i++) {
			String[] r = ref.get(i);
			assertEquals(r[0], bars.get(i).time().toLocalDate().toString());
			check("SMA5", i, r[1], sma[0][i]);
			check("SMA10", i, r[2], sma[1][i]);
			check("SMA20", i, r[3], sma[2][i]);
			check("SMA60", i, r[4], sma[3][i]);
			check("MACD DIF", i, r[5], macd.dif()[i]);
			check("MACD DEA", i, r[6], macd.dea()[i]);
			check("MACD histogram", i, r[7], macd.histogram()[i]);
			check("RSI14", i, r[8], rsi[i]);
			defined += r[8].isEmpty() ? 0 : 1;
		}
		assertEquals(150 - 14, defined, "RSI14 is defined from the 15th close on");
		assertTrue(Double.isNaN(macd.dea()[32]) && !Double.isNaN(macd.dea()[33]),
				"DEA starts when 9 DIF values exist (26 + 9 - 1 = index 33)");
	}

	@Test
	void intradayAveragePriceMatchesTheReferenceAndRestartsEachDay() throws Exception {
		Indicators ind = Services.get(Indicators.class);
		List<Bar> bars = bars("intraday.csv", "REFM");
		List<String[]> ref = reference("intraday-reference.csv");
		assertEquals(ref.size(), bars.size());
		double[] avg = ind.averagePrice(bars);
		for (int i = 0; i < bars.size(); i++) {
			check("average price", i, ref.get(i)[2], avg[i]);
		}
		assertEquals(11, bars.get(119).time().toLocalTime().getHour(), "the morning ends at 11:30");
		assertEquals(13, bars.get(120).time().toLocalTime().getHour(), "then the afternoon session");
	}

	@Test
	void rejectsNonsenseLengths() {
		Indicators ind = Services.get(Indicators.class);
		org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ind.sma(new double[3], 0));
		org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ind.macd(new double[3], 26, 12, 9));
		assertTrue(Double.isNaN(ind.ema(new double[] { 1, 2 }, 5)[1]), "too short a series gives no value");
	}
}
