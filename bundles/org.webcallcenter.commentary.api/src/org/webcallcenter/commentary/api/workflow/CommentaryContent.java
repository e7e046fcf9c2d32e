package org.webcallcenter.commentary.api.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.webcallcenter.commentary.api.chart.ChartState;

/**
 * What an author writes.
 *
 * @param title       one line, required
 * @param body        the text; instrument links are written {@code [[SYMBOL]]}
 * @param instruments the symbols the commentary is about (for search), in addition to the links in the body
 * @param chart       the attached chart state, if any
 */
public record CommentaryContent(String title, String body, List<String> instruments, Optional<ChartState> chart) {
	/** The pattern of an instrument link in the body: {@code [[600519.SH]]}. */
	public static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("\\[\\[([A-Za-z0-9._^-]{1,32})\\]\\]");

	public CommentaryContent {
		title = title == null ? "" : title.strip();
		body = body == null ? "" : body;
		instruments = instruments == null ? List.of() : List.copyOf(instruments);
		chart = Objects.requireNonNullElse(chart, Optional.empty());
		if (title.isEmpty()) {
			throw new IllegalArgumentException("A commentary needs a title");
		}
		if (title.length() > 200) {
			throw new IllegalArgumentException("The title is longer than 200 characters");
		}
		if (body.length() > 100_000) {
			throw new IllegalArgumentException("The text is longer than 100,000 characters");
		}
	}

	/** @return the symbols listed plus those linked in the body and the chart's, without duplicates, in order */
	public List<String> allInstruments() {
		java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(instruments);
		java.util.regex.Matcher m = LINK.matcher(body);
		while (m.find()) {
			all.add(m.group(1));
		}
		chart.ifPresent(c -> all.add(c.symbol()));
		return List.copyOf(all);
	}
}
