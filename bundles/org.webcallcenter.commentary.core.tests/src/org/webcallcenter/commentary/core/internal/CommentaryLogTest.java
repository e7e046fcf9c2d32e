package org.webcallcenter.commentary.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.commentary.api.chart.ChartState;
import org.webcallcenter.commentary.api.chart.Indicator;
import org.webcallcenter.commentary.api.chart.TrendLine;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryContent;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;
import org.webcallcenter.commentary.api.workflow.WorkflowException;
import org.webcallcenter.recording.api.archive.DocumentArchive;

/**
 * The JSON-lines commentary log: what is written survives a restart, and a torn last line does not stop a start.
 * Publications also go to the real document archive (the recordings database of this test runtime).
 */
class CommentaryLogTest {
	@TempDir
	Path dir;

	private CommentaryWorkflow open(Path file) {
		return new CommentaryWorkflow(new JsonLinesCommentaryRepository(file),
				new CommentaryArchive(() -> Services.get(DocumentArchive.class)), Set.of("carol")::contains,
				Clock.systemDefaultZone(), c -> {
				});
	}

	@Test
	void workflowStateSurvivesARestart() throws Exception {
		Path file = dir.resolve("commentary.jsonl");
		ChartState chart = new ChartState("simulated", "SIM600001.SH", Period.MINUTE_5, Set.of(Indicator.MA5, Indicator.MACD),
				List.of(new TrendLine(java.time.LocalDateTime.of(2024, 3, 4, 9, 35), 10.5, java.time.LocalDateTime.of(2024, 3, 4, 14, 0),
						11.25, "#ff0000")), null, null);
		CommentaryWorkflow first = open(file);
		Commentary c = first.create("alice", new CommentaryContent("Line \"one\"\nand two", "Body with \\ and 中文", List.of("X"),
				Optional.of(chart)));
		first.approve(c.id(), "carol");
		first.publish(c.id(), "alice");

		CommentaryWorkflow second = open(file);
		Commentary back = second.get(c.id()).orElseThrow();
		assertEquals(CommentaryStatus.PUBLISHED, back.status());
		assertEquals(first.get(c.id()).orElseThrow(), back, "every field, the chart state included, comes back");
		assertEquals(3, second.history(c.id()).size());
		assertThrows(WorkflowException.class, () -> second.edit(c.id(), "alice", back.content()), "still immutable after a restart");
		assertEquals(3, Files.readAllLines(file).size(), "one line per revision, appended");
	}

	@Test
	void aTornLastLineIsSkipped() throws Exception {
		Path file = dir.resolve("commentary.jsonl");
		CommentaryWorkflow first = open(file);
		Commentary c = first.create("alice", new CommentaryContent("Kept", "", List.of(), Optional.empty()));
		Files.writeString(file, "{\"action\":\"EDIT\",\"commentary\":{\"id\":\"" + c.id(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		CommentaryWorkflow second = open(file);
		assertEquals("Kept", second.get(c.id()).orElseThrow().content().title());
		assertEquals(1, second.history(c.id()).size());
	}

	@Test
	void chartStateJsonRoundTripsAndRejectsUnknownFormats() {
		ChartState s = ChartState.of("csv", "600519.SH", Period.DAY).withRange(java.time.LocalDateTime.of(2024, 1, 2, 0, 0), null);
		assertEquals(s, ChartState.fromJson(s.toJson()));
		assertEquals("{\"format\":1,\"provider\":\"csv\",\"symbol\":\"600519.SH\",\"period\":\"DAY\",\"indicators\":[\"VOLUME\",\"MA5\",\"MA10\",\"MA20\",\"MA60\",\"MACD\",\"RSI\"],\"trendLines\":[],\"from\":\"2024-01-02T00:00\",\"to\":null}",
				s.toJson());
		assertThrows(IllegalArgumentException.class, () -> ChartState.fromJson(s.toJson().replace("\"format\":1", "\"format\":2")));
		assertThrows(IllegalArgumentException.class, () -> ChartState.fromJson("{\"format\":1,\"symbol\":3}"));
		assertThrows(IllegalArgumentException.class, () -> ChartState.fromJson("[1,2"));
	}
}
