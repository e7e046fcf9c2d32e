package org.webcallcenter.commentary.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.webcallcenter.commentary.api.chart.ChartState;
import org.webcallcenter.commentary.api.chart.TrendLine;
import org.webcallcenter.commentary.api.internal.Json;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryContent;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;

/** The show messages the Chart and Commentary parts send: the fields and limits the hub checks. */
class CallerShowTest {
	static List<Bar> bars(int n) {
		List<Bar> bars = new ArrayList<>();
		LocalDateTime t = LocalDateTime.of(2026, 1, 5, 0, 0);
		for (int i = 0; i < n; i++) {
			bars.add(new Bar(t.plusDays(i), 10 + i, 11 + i, 9 + i, 10.5 + i, 1000 + i));
		}
		return bars;
	}

	@Test
	void aChartCarriesItsStateAndTheLatestBarsWithinTheHubsLimit() {
		ChartState state = ChartState.of("simulated", "SIM600001", Period.DAY).withTrendLines(List.of(new TrendLine(
				LocalDateTime.of(2026, 1, 5, 0, 0), 10, LocalDateTime.of(2026, 1, 9, 0, 0), 14, "#ff0000")));
		Map<?, ?> m = (Map<?, ?>) Json.parse(CallerShow.chart("s-1", "SIM600001 daily", state, bars(450)));
		assertEquals("show", m.get("t"));
		assertEquals("chart", m.get("kind"));
		assertEquals("s-1", m.get("id"));
		assertEquals("SIM600001", ((Map<?, ?>) m.get("state")).get("symbol"));
		List<?> sent = (List<?>) m.get("bars");
		assertEquals(CallerShow.MAX_BARS, sent.size(), "the latest 400 of 450");
		assertEquals(List.of("2027-03-30T00:00", 459.0, 460.0, 458.0, 459.5, 1449.0), sent.get(sent.size() - 1));
		assertEquals("2026-02-24T00:00", ((List<?>) sent.get(0)).get(0));
	}

	@Test
	void onlyPublishedCommentaryIsShown() {
		CommentaryContent content = new CommentaryContent("Banks", "Hold [[SIM600001]].\nMore " + "x".repeat(20_000),
				List.of("SIM600001"), Optional.empty());
		Instant at = Instant.parse("2026-11-25T08:00:00Z");
		Commentary draft = new Commentary("c-1", 1, content, CommentaryStatus.DRAFT, "li.wei", at, "li.wei", at, null,
				null, null, null);
		assertThrows(IllegalArgumentException.class, () -> CallerShow.commentary("s-2", draft));
		Commentary published = new Commentary("c-1", 3, content, CommentaryStatus.PUBLISHED, "li.wei", at, "li.wei",
				at, "wang", at, "wang", at);
		Map<?, ?> m = (Map<?, ?>) Json.parse(CallerShow.commentary("s-2", published));
		assertEquals("commentary", m.get("kind"));
		assertEquals("SIM600001", m.get("instrument"));
		assertEquals("2026-11-25T08:00:00Z", m.get("published"));
		assertEquals("li.wei", m.get("author"));
		String text = (String) m.get("text");
		assertEquals(CallerShow.MAX_TEXT, text.length(), "cut to the hub's limit");
		assertTrue(text.startsWith("Hold [[SIM600001]].\nMore x") && text.endsWith("\u2026"));
	}
}
