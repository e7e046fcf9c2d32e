package org.webcallcenter.commentary.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.commentary.ui.internal.Watchlists.Entry;
import org.webcallcenter.commentary.ui.internal.Watchlists.Watchlist;

/** The watchlists model, its file (real files in a temporary folder), and the board's number texts. */
class WatchlistsTest {
	@TempDir
	Path dir;

	private static Watchlists sample() {
		Watchlists w = new Watchlists();
		Watchlist a = w.create("Banks");
		w.add(a, new Entry("simulated", "SIM600002.SH"));
		w.add(a, new Entry("csv", "600519.SH"));
		w.create("Empty \"quoted\" list");
		return w;
	}

	@Test
	void namesAreCheckedAndEntriesKeptInOrder() {
		Watchlists w = sample();
		Watchlist banks = w.get("banks");
		assertEquals("Banks", banks.name());
		assertEquals("A watchlist needs a name.", assertThrows(IllegalArgumentException.class, () -> w.create("  ")).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> w.create("BANKS")).getMessage().contains("already"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> w.create("all instruments")).getMessage()
				.contains("every instrument"));
		assertThrows(IllegalArgumentException.class, () -> w.create("x".repeat(Watchlists.MAX_NAME + 1)));
		assertThrows(IllegalArgumentException.class, () -> w.create("tab\there"));
		w.rename(banks, " Banks ");
		assertEquals("Banks", banks.name(), "renaming to its own name is allowed");
		assertThrows(IllegalArgumentException.class, () -> w.rename(banks, "empty \"QUOTED\" list"));
		assertFalse(w.add(banks, new Entry("csv", "600519.SH")), "no duplicates");
		Entry third = new Entry("simulated", "SIMUS8");
		assertTrue(w.add(banks, third));
		assertTrue(w.move(banks, third, -5));
		assertEquals(List.of(third, new Entry("simulated", "SIM600002.SH"), new Entry("csv", "600519.SH")), banks.entries());
		assertFalse(w.move(banks, third, -1), "already first");
		assertTrue(w.remove(banks, third));
		w.delete(banks);
		assertNull(w.get("Banks"));
		assertThrows(IllegalArgumentException.class, () -> w.add(banks, third), "a deleted list cannot change");
	}

	@Test
	void savedAtomicallyAndReadBack() throws Exception {
		WatchlistStore store = new WatchlistStore(dir.resolve("new folder"));
		assertEquals("defaults", store.load(() -> {
			Watchlists d = new Watchlists();
			d.create("defaults");
			return d;
		}).lists().lists().getFirst().name());
		Watchlists w = sample();
		store.save(w);
		w.create("Third");
		store.save(w);
		try (var files = Files.list(store.file().getParent())) {
			assertEquals(List.of(WatchlistStore.FILE), files.map(p -> p.getFileName().toString()).toList(),
					"no temporary files left");
		}
		WatchlistStore.Loaded back = new WatchlistStore(dir.resolve("new folder")).load(Watchlists::new);
		assertNull(back.problem());
		assertEquals(w.toString(), back.lists().toString());
		assertEquals(List.of("Banks", "Empty \"quoted\" list", "Third"), back.lists().lists().stream().map(Watchlist::name).toList());
	}

	@Test
	void aDamagedFileGivesAMessageAndTheDefaults() throws Exception {
		String[][] bad = { { "{\"format\":1,\"watchlists\":[", "Bad JSON" },
				{ "[]", "not a JSON object" },
				{ "{\"format\":7,\"watchlists\":[]}", "unknown format" },
				{ "{\"format\":1,\"watchlists\":[{\"name\":\"A\",\"instruments\":[]},{\"name\":\"a\",\"instruments\":[]}]}",
						"watchlist 2: There is already a watchlist named \"A\"" },
				{ "{\"format\":1,\"watchlists\":[{\"name\":\"A\",\"instruments\":[{\"provider\":\"csv\"}]}]}",
						"watchlist \"A\": 'symbol' must be a string" } };
		for (String[] b : bad) {
			WatchlistStore store = new WatchlistStore(dir);
			Files.writeString(store.file(), b[0]);
			WatchlistStore.Loaded loaded = store.load(() -> {
				Watchlists d = new Watchlists();
				d.create("Default");
				return d;
			});
			assertTrue(loaded.problem() != null && loaded.problem().contains("is damaged") && loaded.problem().contains(b[1]),
					b[0] + " -> " + loaded.problem());
			assertEquals("Default", loaded.lists().lists().getFirst().name());
			assertFalse(Files.exists(store.file()));
			assertEquals(b[0], Files.readString(dir.resolve(WatchlistStore.FILE + ".unreadable")));
		}
		WatchlistStore store = new WatchlistStore(dir);
		Files.write(store.file(), new byte[] { '{', (byte) 0xff, (byte) 0xfe, '}' });
		assertTrue(store.load(Watchlists::new).problem().contains("not UTF-8"));
		Files.writeString(store.file(), "{\"format\":1,\"watchlists\":[{\"name\":\"Unicode \u6caa\u6df1\",\"instruments\":[]}]}",
				StandardCharsets.UTF_8);
		assertEquals("Unicode \u6caa\u6df1", store.load(Watchlists::new).lists().lists().getFirst().name());
	}

	@Test
	void numberTextsMatchStringFormat() {
		for (double v : new double[] { 0, 1, -1, 10.52, -3.456, 1650.0, 1650.004, 12345.678, -1.04, 0.1 + 0.2, 368.2, 5e9 }) {
			for (int d = 0; d <= 3; d++) {
				assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), Numbers.fixed(v, d), v + " with " + d);
			}
		}
		// exactly half way in decimal but not in binary: may round either way, never by more than one last digit
		for (double v : new double[] { 0.005, 0.015, 99.995, 2.675 }) {
			String expected = String.format(Locale.ROOT, "%.2f", v);
			assertEquals(Double.parseDouble(expected), Double.parseDouble(Numbers.fixed(v, 2)), 0.0101, Double.toString(v));
		}
		assertEquals("0.00", Numbers.fixed(-0.004, 2), "no minus sign on a value that shows as zero");
		assertEquals("", Numbers.fixed(Double.NaN, 2));
		assertEquals("+1.25%", Numbers.signedPercent(1.25));
		assertEquals("-0.40%", Numbers.signedPercent(-0.4));
		assertEquals("+0.00%", Numbers.signedPercent(0));
		for (long v : new long[] { 0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 60_000_000_123L, -1234 }) {
			assertEquals(String.format(Locale.ROOT, "%,d", v), Numbers.grouped(v));
		}
	}
}
