package org.webcallcenter.commentary.ui.internal;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.webcallcenter.commentary.api.chart.ChartState;
import org.webcallcenter.commentary.api.internal.Json;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.workflow.Commentary;
import org.webcallcenter.commentary.api.workflow.CommentaryStatus;
import org.webcallcenter.hub.api.display.CallerDisplay;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.InteractionStore;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.Softphone;

/**
 * "Show to caller": builds the co-browsing protocol's {@code show} message for a chart (its state and the visible
 * bars, at most {@link #MAX_BARS}, the latest kept) or a published commentary, sends it through the
 * {@link CallerDisplay}, and when the hub says it was shown, links it to the current call's interaction
 * ({@link Interaction.Link#COMMENTARY}) when the interaction store is there.
 */
final class CallerShow {
	/** The hub's limit of bars in one show. */
	static final int MAX_BARS = 400;
	/** The hub's limit of a commentary's text. */
	static final int MAX_TEXT = 10_000;

	private CallerShow() {
	}

	static String newId() {
		return "s-" + UUID.randomUUID().toString().substring(0, 13);
	}

	/** @return the show message of a chart with the given bars (the last {@link #MAX_BARS} of them) */
	static String chart(String id, String title, ChartState state, List<Bar> bars) {
		List<Bar> sent = bars.size() > MAX_BARS ? bars.subList(bars.size() - MAX_BARS, bars.size()) : bars;
		List<Object> rows = new ArrayList<>(sent.size());
		for (Bar b : sent) {
			rows.add(List.of(b.time().toString(), b.open(), b.high(), b.low(), b.close(), (double) b.volume()));
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("t", "show");
		m.put("id", id);
		m.put("kind", "chart");
		m.put("title", shorten(title, 200));
		m.put("state", state.toMap());
		m.put("bars", rows);
		return Json.write(m);
	}

	/** @return the show message of a published commentary */
	static String commentary(String id, Commentary c) {
		if (c.status() != CommentaryStatus.PUBLISHED || c.published() == null) {
			throw new IllegalArgumentException("Only published commentary is shown to callers");
		}
		List<String> instruments = c.content().allInstruments();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("t", "show");
		m.put("id", id);
		m.put("kind", "commentary");
		m.put("title", shorten(c.content().title().isBlank() ? "Commentary" : c.content().title(), 200));
		m.put("instrument", instruments.isEmpty() ? "Market" : shorten(String.join(", ", instruments), 40));
		m.put("published", DateTimeFormatter.ISO_INSTANT.format(c.published()));
		m.put("author", shorten(c.author(), 200));
		m.put("text", shorten(c.content().body().isBlank() ? "(no text)" : c.content().body(), MAX_TEXT));
		return Json.write(m);
	}

	private static String shorten(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
	}

	/**
	 * @return the interaction link's reference of a published commentary: {@code commentary:<id>@<revision>}, the
	 *         archived revision that was shown (found again with the archive's {@code find("commentary", id,
	 *         revision)})
	 */
	static String reference(Commentary c) {
		return "commentary:" + c.id() + "@" + c.revision();
	}

	/** @return the id of the softphone's connected call (the interaction's id), empty when there is none */
	static Optional<String> connectedCall(Softphone phone) {
		if (phone == null) {
			return Optional.empty();
		}
		for (Call c : phone.calls()) {
			if (c.state() == CallState.CONNECTED) {
				return Optional.of(c.id());
			}
		}
		return Optional.empty();
	}

	/**
	 * Sends the show; when it was shown, attaches {@code reference} to the current call's interaction. The report
	 * (what happened, in words) comes on a background thread.
	 */
	static void send(CallerDisplay display, String id, String json, String reference, Softphone phone,
			InteractionStore store, Consumer<String> report) {
		send(display, id, json, reference, () -> connectedCall(phone), store, report);
	}

	/**
	 * Sends the show; when it was shown, attaches {@code reference} to the interaction of the call that
	 * {@code currentCall} names when asked (after the show, on the display's thread). The report (what happened, in
	 * words) comes on a background thread.
	 */
	static void send(CallerDisplay display, String id, String json, String reference,
			Supplier<Optional<String>> currentCall, InteractionStore store, Consumer<String> report) {
		// async: recording the link writes to the database, never on the thread that asked (the UI thread)
		display.show(id, json).thenAcceptAsync(r -> {
			if (!r.shown()) {
				report.accept("Not shown to the caller: " + r.reason());
				return;
			}
			report.accept("Shown to the caller" + record(reference, currentCall, store));
		}).exceptionally(e -> {
			Throwable cause = e.getCause() != null ? e.getCause() : e;
			report.accept("Not shown to the caller: " + cause.getMessage());
			return null;
		});
	}

	private static String record(String reference, Supplier<Optional<String>> currentCall, InteractionStore store) {
		if (store == null) {
			return " (not recorded: no interaction store)";
		}
		String call = currentCall.get().orElse(null);
		if (call == null) {
			return " (not recorded: no call in progress)";
		}
		try {
			store.attach(call, new Interaction.Link(Interaction.Link.COMMENTARY, reference));
			return "; recorded with the call";
		} catch (RecordingException | RuntimeException e) {
			return " (not recorded with the call: " + e.getMessage() + ")";
		}
	}
}
