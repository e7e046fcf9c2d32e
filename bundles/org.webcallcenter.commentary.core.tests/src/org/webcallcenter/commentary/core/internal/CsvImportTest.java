package org.webcallcenter.commentary.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.commentary.api.market.Bar;
import org.webcallcenter.commentary.api.market.BarImporter;
import org.webcallcenter.commentary.api.market.ImportException;
import org.webcallcenter.commentary.api.market.ImportProblem;
import org.webcallcenter.commentary.api.market.MarketDataProvider;
import org.webcallcenter.commentary.api.market.Period;

/** The CSV importer as the workstation runs it (the DS service), with good and bad files. */
class CsvImportTest {
	@TempDir
	Path dir;
	private BarImporter importer;
	private MarketDataProvider provider;

	@BeforeEach
	void services() {
		importer = Services.get(BarImporter.class);
		provider = Services.get(MarketDataProvider.class, p -> p.info().id().equals("csv"));
	}

	private Path file(String name, String... lines) throws IOException {
		Path f = dir.resolve(name);
		Files.write(f, List.of(lines));
		return f;
	}

	private static final LocalDate FROM = LocalDate.of(2000, 1, 1);
	private static final LocalDate TO = LocalDate.of(2100, 1, 1);

	@Test
	void importsADailyFileWithHeaderPerInstrument() throws Exception {
		Path f = file("GOODA1.SH.csv", "Date,Open,High,Low,Close,Volume", "2024-01-02,10.00,10.50,9.90,10.20,120000",
				"2024-01-03,10.20,10.40,10.00,10.10,98000", "2024-01-04,10.10,10.80,10.05,10.75,150000");
		BarImporter.Imported r = importer.importFiles(List.of(f), "");
		assertEquals(List.of("GOODA1.SH"), r.symbols());
		assertEquals(3, r.bars());
		List<Bar> bars = provider.bars("GOODA1.SH", Period.DAY, FROM, TO);
		assertEquals(new Bar(LocalDateTime.of(2024, 1, 4, 0, 0), 10.10, 10.80, 10.05, 10.75, 150000), bars.get(2));
		assertEquals("SSE", provider.instrument("GOODA1.SH").orElseThrow().exchange(), "the .SH suffix names the exchange");
		assertEquals(10.75, provider.quote("GOODA1.SH").orElseThrow().last());
		assertEquals(10.10, provider.quote("GOODA1.SH").orElseThrow().previousClose());
	}

	@Test
	void importsALongFileWithASymbolColumnAndNoHeader() throws Exception {
		Path f = file("long.csv", "LONGB1,20240102,5.00,5.10,4.90,5.05,1000", "LONGB2,20240102,7.00,7.20,6.90,7.10,2000",
				"LONGB1,20240103,5.05,5.30,5.00,5.25,1500", "LONGB2,20240103,7.10,7.15,6.80,6.85,2500");
		BarImporter.Imported r = importer.importFiles(List.of(f), "NASDAQ");
		assertEquals(List.of("LONGB1", "LONGB2"), r.symbols());
		assertEquals(2, provider.bars("LONGB2", Period.DAY, FROM, TO).size());
		assertEquals(6.85, provider.bars("LONGB2", Period.DAY, FROM, TO).get(1).close());
	}

	@Test
	void importsIntradayBarsAndTellsTheBarLength() throws Exception {
		Path f = file("MINC1.SZ.csv", "date;time;open;high;low;close;vol", "2024-03-04;09:35;10.00;10.10;9.95;10.05;500",
				"2024-03-04;09:40;10.05;10.20;10.00;10.15;700", "2024-03-04;09:45;10.15;10.15;10.01;10.02;300");
		importer.importFiles(List.of(f), "");
		List<Bar> bars = provider.bars("MINC1.SZ", Period.MINUTE_5, FROM, TO);
		assertEquals(3, bars.size());
		assertEquals(LocalDateTime.of(2024, 3, 4, 9, 40), bars.get(1).time());
	}

	@Test
	void readsGb18030FilesFromChineseTerminals() throws Exception {
		Path f = dir.resolve("GBKD1.SZ.csv");
		Files.write(f, List.of("日期,开盘,最高,最低,收盘,成交量,备注", "2024-01-02,1.00,2.00,1.00,2.00,300,涨停"),
				Charset.forName("GB18030"));
		importer.importFiles(List.of(f), "");
		assertEquals(new Bar(LocalDateTime.of(2024, 1, 2, 0, 0), 1, 2, 1, 2, 300),
				provider.bars("GBKD1.SZ", Period.DAY, FROM, TO).getFirst(), "Chinese column names, unknown columns ignored");
	}

	private ImportProblem only(Path f) {
		ImportException e = assertThrows(ImportException.class, () -> importer.importFiles(List.of(f), ""));
		assertEquals(1, e.problems().size(), e.getMessage());
		return e.problems().getFirst();
	}

	@Test
	void namesMissingColumns() throws Exception {
		ImportProblem p = only(file("MISS.csv", "date,open,high,close", "2024-01-02,1,2,1.5"));
		assertEquals(1, p.line());
		assertEquals("MISS.csv", p.file());
		assertTrue(p.message().contains("missing columns low, volume"), p.message());
	}

	@Test
	void namesTheLineOfABadNumber() throws Exception {
		ImportProblem p = only(file("BADNUM.csv", "date,open,high,low,close,volume", "2024-01-02,10,11,9,10.5,100",
				"2024-01-03,10,11,9,1O.5,100"));
		assertEquals(3, p.line());
		assertEquals("BADNUM.csv, line 3: close '1O.5' is not a number", p.toString());
	}

	@Test
	void namesTheLineOfUnsortedDates() throws Exception {
		ImportProblem p = only(file("UNSORTED.csv", "date,open,high,low,close,volume", "2024-01-03,10,11,9,10.5,100",
				"2024-01-02,10,11,9,10.5,100"));
		assertEquals(3, p.line());
		assertTrue(p.message().contains("not in order: 2024-01-02 comes after 2024-01-03 (line 2)"), p.message());
	}

	@Test
	void namesBothLinesOfADuplicateBar() throws Exception {
		ImportProblem p = only(file("DUP.csv", "date,open,high,low,close,volume", "2024-01-02,10,11,9,10.5,100",
				"2024-01-03,10,11,9,10.5,100", "2024-01-03,10,11,9,10.6,100"));
		assertEquals(4, p.line());
		assertTrue(p.message().contains("duplicate bar for DUP at 2024-01-03 (also on line 3)"), p.message());
	}

	@Test
	void namesTheLineWhereHighIsBelowLow() throws Exception {
		ImportProblem p = only(file("HILO.csv", "date,open,high,low,close,volume", "2024-01-02,10,9,11,10,100"));
		assertEquals(2, p.line());
		assertTrue(p.message().contains("high 9 is below low 11"), p.message());
	}

	@Test
	void namesWrongFieldCountsAndBadDates() throws Exception {
		ImportException e = assertThrows(ImportException.class, () -> importer.importFiles(List.of(file("MIXED.csv",
				"date,open,high,low,close,volume", "2024-13-02,10,11,9,10,100", "2024-01-03,10,11,9,10", "2024-01-04,10,11,9,10,-5")), ""));
		assertEquals(List.of(2, 3, 4), e.problems().stream().map(ImportProblem::line).toList());
		assertTrue(e.problems().get(0).message().contains("'2024-13-02' is not a date"));
		assertTrue(e.problems().get(1).message().contains("expected 6 fields, found 5"));
		assertTrue(e.problems().get(2).message().contains("volume '-5'"));
	}

	@Test
	void rejectsEmptyFiles() throws Exception {
		ImportProblem p = only(file("EMPTY.csv", "", "  "));
		assertEquals("EMPTY.csv: the file is empty", p.toString());
	}

	@Test
	void importsNothingWhenAnyFileIsBad() throws Exception {
		Path good = file("ATOMIC1.csv", "date,open,high,low,close,volume", "2024-01-02,10,11,9,10.5,100");
		Path bad = file("ATOMIC2.csv", "date,open,high,low,close,volume", "2024-01-02,10,11,9,x,100");
		int before = provider.instruments().size();
		ImportException e = assertThrows(ImportException.class, () -> importer.importFiles(List.of(good, bad), ""));
		assertEquals("ATOMIC2.csv, line 2: close 'x' is not a number", e.getMessage());
		assertFalse(provider.instrument("ATOMIC1").isPresent(), "the good file of a failed import must not be visible");
		assertEquals(before, provider.instruments().size());
		// and after fixing the bad file both arrive together
		Files.write(bad, List.of("date,open,high,low,close,volume", "2024-01-02,10,11,9,10.2,100"));
		importer.importFiles(List.of(good, bad), "");
		assertTrue(provider.instrument("ATOMIC1").isPresent() && provider.instrument("ATOMIC2").isPresent());
	}

	@Test
	void keepsImportsAcrossRestarts() throws Exception {
		Path store = dir.resolve("store");
		CsvProviderComponent first = new CsvProviderComponent();
		first.storeIn(store);
		first.importFiles(List.of(file("KEEP1.csv", "date,open,high,low,close,volume", "2024-01-02,10,11,9,10.5,100")), "");
		CsvProviderComponent second = new CsvProviderComponent();
		second.storeIn(store);
		assertFalse(second.instrument("KEEP1").isPresent());
		second.readStored();
		assertEquals(10.5, second.bars("KEEP1", Period.DAY, FROM, TO).getFirst().close());
	}
}
