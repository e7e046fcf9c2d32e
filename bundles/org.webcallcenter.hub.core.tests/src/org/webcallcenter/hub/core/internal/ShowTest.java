package org.webcallcenter.hub.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The hub's validation of an agent's show: only validated fields pass, everything wrong has a reason. */
class ShowTest {
	static final String STATE = "{\"format\":1,\"provider\":\"sim\",\"symbol\":\"SIM600\",\"period\":\"DAY\","
			+ "\"indicators\":[\"MA5\",\"VOLUME\"],\"trendLines\":[{\"time1\":\"2026-11-02T00:00\",\"price1\":10,"
			+ "\"time2\":\"2026-11-05T00:00\",\"price2\":11,\"colour\":\"<script>\"}],\"from\":null,\"to\":null}";

	static Map<?, ?> parse(String json) throws Exception {
		return (Map<?, ?>) Json.parse(json);
	}

	static String chart(String bars) {
		return "{\"t\":\"show\",\"id\":\"c-1\",\"kind\":\"chart\",\"title\":\"SIM600 daily\",\"state\":" + STATE
				+ ",\"bars\":" + bars + ",\"onload\":\"alert(1)\"}";
	}

	@Test
	void aChartIsRewrittenToItsValidatedFields() throws Exception {
		String clean = Show.clean(parse(chart("[[\"2026-11-02\",10,10.5,9.8,10.2,12000],[\"2026-11-03\",10.2,11,10,10.9,9000]]")));
		assertTrue(clean.startsWith("{\"t\":\"show\",\"id\":\"c-1\",\"kind\":\"chart\",\"title\":\"SIM600 daily\""), clean);
		assertTrue(clean.contains("\"symbol\":\"SIM600\""), clean);
		assertTrue(clean.contains("[\"MA5\",\"VOLUME\"]"), clean);
		assertTrue(clean.contains("\"2026-11-03\""), clean);
		assertFalse(clean.contains("onload") || clean.contains("<script>") || clean.contains("provider"),
				"unknown fields are dropped: " + clean);
	}

	@Test
	void aCommentaryNeedsItsPublishedFields() throws Exception {
		String ok = "{\"t\":\"show\",\"id\":\"m-7\",\"kind\":\"commentary\",\"title\":\"Banks\",\"instrument\":\"SIM600\","
				+ "\"published\":\"2026-11-25T08:00:00Z\",\"author\":\"erika\",\"text\":\"Hold.\"}";
		assertTrue(Show.clean(parse(ok)).contains("\"text\":\"Hold.\""));
		Show.Refused r = assertThrows(Show.Refused.class, () -> Show.clean(parse(ok.replace(",\"text\":\"Hold.\"", ""))));
		assertEquals("show needs a \"text\" of 1..10000 characters", r.getMessage());
		r = assertThrows(Show.Refused.class, () -> Show.clean(parse(ok.replace("2026-11-25T08:00:00Z", "yesterday"))));
		assertTrue(r.getMessage().startsWith("published must be an ISO date"), r.getMessage());
	}

	@Test
	void wrongShowsAreRefusedWithAReason() throws Exception {
		assertEquals("show kind must be chart or commentary", assertThrows(Show.Refused.class,
				() -> Show.clean(parse(chart("[]").replace("\"chart\"", "\"video\"")))).getMessage());
		assertTrue(assertThrows(Show.Refused.class, () -> Show.clean(parse(chart("[]")))).getMessage()
				.startsWith("a chart show needs \"bars\": 1..400"));
		assertEquals("every bar is [time, open, high, low, close, volume]", assertThrows(Show.Refused.class,
				() -> Show.clean(parse(chart("[[\"2026-11-02\",1,2,3]]")))).getMessage());
		assertEquals("bar 2026-11-02 has open/close outside low..high", assertThrows(Show.Refused.class,
				() -> Show.clean(parse(chart("[[\"2026-11-02\",10,9,8,8.5,1]]")))).getMessage());
		assertEquals("prices and volumes are numbers in 0..1e15", assertThrows(Show.Refused.class,
				() -> Show.clean(parse(chart("[[\"2026-11-02\",\"10\",11,9,10,1]]")))).getMessage());
		assertTrue(assertThrows(Show.Refused.class, () -> Show.clean(parse(chart("[]").replace("\"c-1\"", "\"a b\""))))
				.getMessage().startsWith("show needs an \"id\""));
		assertEquals("the chart state needs a \"period\" name (like DAY)", assertThrows(Show.Refused.class,
				() -> Show.clean(parse(chart("[]").replace("\"DAY\"", "\"day<\"")))).getMessage());
	}

	@Test
	void anOversizedShowIsRefused() throws Exception {
		String longText = "x".repeat(Show.MAX_TEXT + 1);
		String tooLong = "{\"t\":\"show\",\"id\":\"m-8\",\"kind\":\"commentary\",\"title\":\"T\",\"instrument\":\"SIM600\","
				+ "\"published\":\"2026-11-25\",\"author\":\"erika\",\"text\":\"" + longText + "\"}";
		assertEquals("show needs a \"text\" of 1..10000 characters",
				assertThrows(Show.Refused.class, () -> Show.clean(parse(tooLong))).getMessage());
		StringBuilder bars = new StringBuilder("[");
		for (int i = 0; i < Show.MAX_BARS + 1; i++) {
			bars.append(i == 0 ? "" : ",").append("[\"2026-11-02T09:30\",10,11,9,10,100]");
		}
		assertTrue(assertThrows(Show.Refused.class, () -> Show.clean(parse(chart(bars + "]")))).getMessage()
				.startsWith("a chart show needs \"bars\": 1..400"));
		// within every single limit, but too large as a whole
		StringBuilder big = new StringBuilder("[");
		for (int i = 0; i < Show.MAX_BARS; i++) {
			big.append(i == 0 ? "" : ",").append("[\"2026-11-02T09:30:00.123456789\",1234.5678901234567,"
					+ "9234.5678901234567,0.12345678901234567,1234.5678901234567,1.2345678901234567E14]");
		}
		String why = assertThrows(Show.Refused.class, () -> Show.clean(parse(chart(big + "]")))).getMessage();
		assertTrue(why.matches("show is [0-9]+ characters, at most 49152 \\(send fewer bars or a shorter text\\)"), why);
	}
}
