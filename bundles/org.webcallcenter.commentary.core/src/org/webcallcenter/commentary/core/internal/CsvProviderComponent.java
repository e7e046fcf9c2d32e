package org.webcallcenter.commentary.core.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.core.runtime.ILog;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.BarImporter;
import org.webcallcenter.commentary.api.market.ImportException;
import org.webcallcenter.commentary.api.market.ImportProblem;
import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.MarketDataException;
import org.webcallcenter.commentary.api.market.MarketDataProvider;
import org.webcallcenter.commentary.api.market.Period;
import org.webcallcenter.commentary.api.market.ProviderInfo;
import org.webcallcenter.commentary.api.market.Quote;
import org.webcallcenter.commentary.api.market.QuoteListener;
import org.webcallcenter.commentary.api.market.Subscription;
import org.webcallcenter.agent.core.storage.DataFolder;

/**
 * The "Imported files" provider: bars the expert imported from CSV files. An import validates every file first and
 * publishes all of them at once (one volatile swap) or nothing. Imported files are kept in the bundle's data folder
 * ({@code csv/}) and read again at start, so imports survive restarts. Not live: quotes are the last bars.
 */
@Component(service = { MarketDataProvider.class, BarImporter.class })
public final class CsvProviderComponent implements MarketDataProvider, BarImporter {
	static final ProviderInfo INFO = new ProviderInfo("csv", "Imported files", false, false,
			"Bars imported from CSV files (date, open, high, low, close, volume)");
	private static final long MAX_FILE_BYTES = 200L * 1024 * 1024;

	private record Data(Map<String, Instrument> instruments, Map<String, Map<Period, List<Bar>>> bars) {
	}

	private volatile Data data = new Data(Map.of(), Map.of());
	private Path store;

	@Activate
	void activate(BundleContext context) {
		store = DataFolder.of(context.getBundle()).resolve("csv");
		readStored();
	}

	/** Reads the files kept by earlier imports again, oldest first, each on its own (a later one replaces bars). */
	void readStored() {
		List<Path> saved;
		try (Stream<Path> files = Files.isDirectory(store) ? Files.list(store) : Stream.empty()) {
			saved = files.filter(p -> p.toString().endsWith(".csv")).sorted(java.util.Comparator.comparing(p -> {
				try {
					return Files.getLastModifiedTime(p);
				} catch (IOException e) {
					return java.nio.file.attribute.FileTime.fromMillis(0);
				}
			})).toList();
		} catch (IOException e) {
			ILog.of(getClass()).warn("Could not list the imported files in " + store + ": " + e.getMessage());
			return;
		}
		for (Path p : saved) {
			try {
				importFiles(List.of(p), "", false);
			} catch (ImportException e) {
				ILog.of(getClass()).warn("Could not read the imported file " + p + " again: " + e.getMessage());
			}
		}
	}

	/** For tests without OSGi: keeps imports in the given folder. */
	void storeIn(Path folder) {
		store = folder;
	}

	@Override
	public ProviderInfo info() {
		return INFO;
	}

	@Override
	public List<Instrument> instruments() {
		return List.copyOf(data.instruments().values());
	}

	@Override
	public Optional<Instrument> instrument(String symbol) {
		return Optional.ofNullable(data.instruments().get(symbol));
	}

	@Override
	public List<Period> periods() {
		return List.of(Period.DAY, Period.MINUTE_1, Period.MINUTE_5, Period.MINUTE_15, Period.MINUTE_60);
	}

	@Override
	public Optional<Quote> quote(String symbol) {
		Map<Period, List<Bar>> byPeriod = data.bars().get(symbol);
		if (byPeriod == null) {
			return Optional.empty();
		}
		List<Bar> daily = byPeriod.get(Period.DAY);
		List<Bar> any = daily != null ? daily : byPeriod.values().iterator().next();
		Bar last = any.getLast();
		double prev = any.size() > 1 ? any.get(any.size() - 2).close() : last.open();
		return Optional.of(new Quote(symbol, last.close(), prev, Double.NaN, Double.NaN, last.volume(),
				last.time().atZone(data.instruments().get(symbol).zone()).toInstant()));
	}

	@Override
	public List<Bar> bars(String symbol, Period period, LocalDate from, LocalDate to) {
		Map<Period, List<Bar>> byPeriod = data.bars().get(symbol);
		if (byPeriod == null) {
			throw new MarketDataException("No imported data for " + symbol);
		}
		List<Bar> all = byPeriod.getOrDefault(period, List.of());
		return all.stream().filter(b -> !b.time().toLocalDate().isBefore(from) && !b.time().toLocalDate().isAfter(to)).toList();
	}

	@Override
	public Subscription subscribe(Collection<String> symbols, QuoteListener listener) {
		return () -> {
		};
	}

	@Override
	public Imported importFiles(List<Path> files, String exchangeHint) throws ImportException {
		return importFiles(files, exchangeHint, true);
	}

	private synchronized Imported importFiles(List<Path> files, String exchangeHint, boolean keep) throws ImportException {
		List<ImportProblem> problems = new ArrayList<>();
		Map<String, CsvBars.Series> read = new LinkedHashMap<>();
		Map<String, String> origin = new LinkedHashMap<>();
		for (Path file : files) {
			String name = file.getFileName().toString();
			List<String> lines;
			try {
				lines = lines(file);
			} catch (IOException e) {
				problems.add(new ImportProblem(name, 0, "cannot be read: " + e.getMessage()));
				continue;
			}
			String symbol = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
			CsvBars.Result r = CsvBars.read(name, symbol, lines);
			problems.addAll(r.problems());
			for (CsvBars.Series s : r.series().values()) {
				String key = s.symbol() + "/" + s.period();
				String earlier = origin.putIfAbsent(key, name);
				if (earlier != null) {
					problems.add(new ImportProblem(name, s.lines().getFirst(), s.period().label() + " bars of " + s.symbol()
							+ " are also in " + earlier + ": import one file per instrument and bar length"));
				} else {
					read.put(key, s);
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new ImportException(problems);
		}
		if (keep && store != null) {
			try {
				Files.createDirectories(store);
				for (Path file : files) {
					Path target = store.resolve(file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_")
							.replaceAll("\\.(?i:csv|txt)$", "") + ".csv");
					if (!target.toAbsolutePath().equals(file.toAbsolutePath())) {
						Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
					}
				}
			} catch (IOException e) {
				throw new ImportException(List.of(new ImportProblem(store.toString(), 0,
						"cannot keep a copy of the imported files: " + e.getMessage())));
			}
		}
		Data old = data;
		Map<String, Instrument> instruments = new LinkedHashMap<>(old.instruments());
		Map<String, Map<Period, List<Bar>>> bars = new LinkedHashMap<>();
		old.bars().forEach((k, v) -> bars.put(k, new EnumMap<>(v)));
		int count = 0;
		List<String> symbols = new ArrayList<>();
		for (CsvBars.Series s : read.values()) {
			instruments.computeIfAbsent(s.symbol(), sym -> Exchanges.instrument(sym, sym, Exchanges.of(exchangeHint, sym)));
			bars.computeIfAbsent(s.symbol(), k -> new EnumMap<>(Period.class)).put(s.period(), s.bars());
			count += s.bars().size();
			if (!symbols.contains(s.symbol())) {
				symbols.add(s.symbol());
			}
		}
		data = new Data(Map.copyOf(instruments), Map.copyOf(bars));
		return new Imported(List.copyOf(symbols), count);
	}

	/** UTF-8, or GB18030 (what Chinese terminals export) when the file is not valid UTF-8. */
	private static List<String> lines(Path file) throws IOException {
		if (Files.size(file) > MAX_FILE_BYTES) {
			throw new IOException("larger than 200 MB");
		}
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		} catch (CharacterCodingException e) {
			return Files.readAllLines(file, Charset.forName("GB18030"));
		}
	}
}
