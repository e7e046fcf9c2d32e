package org.webcallcenter.commentary.ui.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.webcallcenter.commentary.api.internal.Json;
import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.MarketDataProvider;

/**
 * The expert's own watchlists: named, ordered lists of instruments, each instrument named by its provider's id and
 * symbol (so a list survives a restart, and an instrument whose provider is missing today is kept, not dropped).
 * Not thread-safe: the quote board changes it on the UI thread. Every change checks its input and throws
 * {@link IllegalArgumentException} with a message for people; the JSON form is what {@link WatchlistStore} writes.
 */
final class Watchlists {
	/** The name of the quote board's fixed tab with every instrument; no own watchlist may take it. */
	static final String ALL = "All instruments";
	static final int MAX_NAME = 60;
	static final int FORMAT = 1;

	/** One instrument of a watchlist: the provider's id and the provider's symbol. */
	record Entry(String provider, String symbol) {
		Entry {
			Objects.requireNonNull(provider, "provider");
			Objects.requireNonNull(symbol, "symbol");
		}

		String key() {
			return provider + "|" + symbol;
		}
	}

	/** A named list; its entries change only through {@link Watchlists}. */
	static final class Watchlist {
		private String name;
		private final List<Entry> entries = new ArrayList<>();

		private Watchlist(String name) {
			this.name = name;
		}

		String name() {
			return name;
		}

		List<Entry> entries() {
			return Collections.unmodifiableList(entries);
		}
	}

	private final List<Watchlist> lists = new ArrayList<>();

	List<Watchlist> lists() {
		return Collections.unmodifiableList(lists);
	}

	Watchlist get(String name) {
		for (Watchlist w : lists) {
			if (w.name.equalsIgnoreCase(name.strip())) {
				return w;
			}
		}
		return null;
	}

	/** @return the name, stripped, after checking it is non-blank, short enough and not taken by another list */
	private String checkName(String name, Watchlist renamed) {
		String n = name == null ? "" : name.strip();
		if (n.isEmpty()) {
			throw new IllegalArgumentException("A watchlist needs a name.");
		}
		if (n.length() > MAX_NAME) {
			throw new IllegalArgumentException("A watchlist name can have at most " + MAX_NAME + " characters.");
		}
		for (int i = 0; i < n.length(); i++) {
			if (Character.isISOControl(n.charAt(i))) {
				throw new IllegalArgumentException("A watchlist name cannot contain control characters.");
			}
		}
		if (n.equalsIgnoreCase(ALL)) {
			throw new IllegalArgumentException("\"" + ALL + "\" is the list of every instrument; choose another name.");
		}
		Watchlist other = get(n);
		if (other != null && other != renamed) {
			throw new IllegalArgumentException("There is already a watchlist named \"" + other.name + "\".");
		}
		return n;
	}

	Watchlist create(String name) {
		Watchlist w = new Watchlist(checkName(name, null));
		lists.add(w);
		return w;
	}

	void rename(Watchlist w, String name) {
		check(w);
		w.name = checkName(name, w);
	}

	void delete(Watchlist w) {
		check(w);
		lists.remove(w);
	}

	/** @return false when the list already holds the instrument (nothing changes) */
	boolean add(Watchlist w, Entry e) {
		check(w);
		if (w.entries.contains(e)) {
			return false;
		}
		w.entries.add(e);
		return true;
	}

	boolean remove(Watchlist w, Entry e) {
		check(w);
		return w.entries.remove(e);
	}

	/** Moves the entry by {@code delta} places (negative: up), within the list's bounds. @return whether it moved */
	boolean move(Watchlist w, Entry e, int delta) {
		check(w);
		int from = w.entries.indexOf(e);
		if (from < 0) {
			return false;
		}
		int to = Math.max(0, Math.min(w.entries.size() - 1, from + delta));
		if (to == from) {
			return false;
		}
		w.entries.remove(from);
		w.entries.add(to, e);
		return true;
	}

	private void check(Watchlist w) {
		if (!lists.contains(w)) {
			throw new IllegalArgumentException("That watchlist does not exist (any more).");
		}
	}

	/** The lists a new workstation starts with: the providers' instruments grouped by market. */
	static Watchlists defaults(List<MarketDataProvider> providers) {
		Map<String, List<Entry>> byMarket = new LinkedHashMap<>();
		byMarket.put("China A-shares", new ArrayList<>());
		byMarket.put("Hong Kong", new ArrayList<>());
		byMarket.put("Other markets", new ArrayList<>());
		for (MarketDataProvider p : providers) {
			for (Instrument i : p.instruments()) {
				String list = switch (i.exchange()) {
				case "SSE", "SZSE" -> "China A-shares";
				case "HKEX" -> "Hong Kong";
				default -> "Other markets";
				};
				byMarket.get(list).add(new Entry(p.info().id(), i.symbol()));
			}
		}
		Watchlists w = new Watchlists();
		byMarket.forEach((name, entries) -> {
			if (!entries.isEmpty()) {
				Watchlist list = w.create(name);
				entries.forEach(e -> w.add(list, e));
			}
		});
		if (w.lists.isEmpty()) {
			w.create("My watchlist");
		}
		return w;
	}

	String toJson() {
		List<Object> out = new ArrayList<>();
		for (Watchlist w : lists) {
			List<Object> entries = new ArrayList<>();
			for (Entry e : w.entries) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("provider", e.provider);
				m.put("symbol", e.symbol);
				entries.add(m);
			}
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("name", w.name);
			m.put("instruments", entries);
			out.add(m);
		}
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("format", FORMAT);
		root.put("watchlists", out);
		return Json.write(root) + "\n";
	}

	/** @throws IllegalArgumentException saying what is wrong and where (which list, which entry) */
	static Watchlists fromJson(String text) {
		if (!(Json.parse(text) instanceof Map<?, ?> root)) {
			throw new IllegalArgumentException("the file is not a JSON object");
		}
		if (!(root.get("format") instanceof Number f) || f.intValue() != FORMAT) {
			throw new IllegalArgumentException("unknown format " + root.get("format") + " (expected " + FORMAT + ")");
		}
		Watchlists result = new Watchlists();
		List<?> lists = Json.list(root, "watchlists");
		for (int i = 0; i < lists.size(); i++) {
			String where = "watchlist " + (i + 1);
			try {
				if (!(lists.get(i) instanceof Map<?, ?> m)) {
					throw new IllegalArgumentException("not an object");
				}
				Watchlist w = result.create(Json.string(m, "name"));
				where = "watchlist \"" + w.name + "\"";
				List<?> entries = Json.list(m, "instruments");
				for (int j = 0; j < entries.size(); j++) {
					if (!(entries.get(j) instanceof Map<?, ?> e)) {
						throw new IllegalArgumentException("instrument " + (j + 1) + " is not an object");
					}
					String provider = Json.string(e, "provider");
					String symbol = Json.string(e, "symbol");
					if (provider.isBlank() || symbol.isBlank()) {
						throw new IllegalArgumentException("instrument " + (j + 1) + " has an empty provider or symbol");
					}
					result.add(w, new Entry(provider, symbol));
				}
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
			}
		}
		return result;
	}

	/** For messages and tests: the lists as {@code name=[provider|symbol, ...]} in order. */
	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder();
		for (Watchlist w : lists) {
			sb.append(w.name).append('=').append(w.entries.stream().map(Entry::key).toList()).append(';');
		}
		return sb.isEmpty() ? "(none)" : sb.toString();
	}
}
