package org.webcallcenter.commentary.core.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.webcallcenter.commentary.api.chart.ChartState;
import org.webcallcenter.commentary.api.internal.Json;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryContent;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;

/** The JSON form of a commentary revision (one line of the log). */
final class CommentaryCodec {
	private CommentaryCodec() {
	}

	static Map<String, Object> toMap(Commentary c) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", c.id());
		m.put("revision", c.revision());
		m.put("status", c.status().name());
		m.put("title", c.content().title());
		m.put("body", c.content().body());
		m.put("instruments", c.content().instruments());
		m.put("chart", c.content().chart().map(ChartState::toMap).orElse(null));
		m.put("author", c.author());
		m.put("created", c.created().toString());
		m.put("editedBy", c.editedBy());
		m.put("edited", str(c.edited()));
		m.put("approver", c.approver());
		m.put("approved", str(c.approved()));
		m.put("publisher", c.publisher());
		m.put("published", str(c.published()));
		return m;
	}

	private static String str(Instant i) {
		return i == null ? null : i.toString();
	}

	private static Instant instant(Map<?, ?> m, String key) {
		Object o = m.get(key);
		return o == null ? null : Instant.parse((String) o);
	}

	static Commentary fromMap(Map<?, ?> m) {
		Object chart = m.get("chart");
		List<String> instruments = Json.list(m, "instruments").stream().map(String.class::cast).toList();
		CommentaryContent content = new CommentaryContent(Json.string(m, "title"), Json.string(m, "body"), instruments,
				chart instanceof Map<?, ?> cm ? Optional.of(ChartState.fromMap(cm)) : Optional.empty());
		return new Commentary(Json.string(m, "id"), (int) Json.number(m, "revision"), content,
				CommentaryStatus.valueOf(Json.string(m, "status")), Json.string(m, "author"), instant(m, "created"),
				(String) m.get("editedBy"), instant(m, "edited"), (String) m.get("approver"), instant(m, "approved"),
				(String) m.get("publisher"), instant(m, "published"));
	}
}
