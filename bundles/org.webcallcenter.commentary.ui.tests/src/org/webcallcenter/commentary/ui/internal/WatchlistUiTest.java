package org.webcallcenter.commentary.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.webcallcenter.testing.ui.Ui;

/**
 * The expert's own watchlists in the real workbench under Xvfb, driven with real clicks and keys: create a list, add
 * two instruments by typing their symbols, remove one, rename the list, read the saved file back in a second quote
 * board (what a restart does), delete the list; a damaged file gives a message and the default lists; every column
 * sorts.
 */
class WatchlistUiTest {

	private static List<String> column(Table t, int c) {
		List<String> out = new ArrayList<>();
		for (int i = 0; i < t.getItemCount(); i++) {
			out.add(t.getItem(i).getText(c));
		}
		return out;
	}

	private static void waitForDialog(String title) {
		Ui.waitFor("dialog '" + title + "'", () -> Ui.sync(() -> {
			Shell s = Ui.display().getActiveShell();
			return s != null && title.equals(s.getText());
		}));
	}

	/** A second quote board in its own window, made like the workbench makes parts: it reads the file at start. */
	private static QuoteBoardPart freshBoard(List<Runnable> cleanup) {
		return Ui.sync(() -> {
			Shell shell = new Shell(Ui.display());
			shell.setText("Second quote board");
			shell.setLayout(new FillLayout());
			shell.setSize(1000, 500);
			Composite parent = new Composite(shell, SWT.NONE);
			IEclipseContext ctx = Ui.application().getContext().createChild("second quote board");
			ctx.set(Composite.class, parent);
			QuoteBoardPart part = ContextInjectionFactory.make(QuoteBoardPart.class, ctx);
			shell.open();
			cleanup.add(() -> {
				ctx.dispose();
				shell.dispose();
			});
			return part;
		});
	}

	@Test
	void createAddRemoveRenameReloadDelete() throws Exception {
		QuoteBoardPart part = ChartUiTest.showPart("org.webcallcenter.commentary.ui.part.quotes", QuoteBoardPart.class);
		String n = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
		String name = "picks-" + n;
		String renamed = "renamed-" + n;

		try {
			createAddRemoveRenameReloadDelete(part, name, renamed);
		} finally {
			Ui.run(() -> part.select(null));
		}
	}

	private void createAddRemoveRenameReloadDelete(QuoteBoardPart part, String name, String renamed) throws Exception {
		Ui.click("commentary.quotes.new");
		Ui.typeInDialog("New watchlist", name);
		Ui.enter();
		Ui.waitFor("the tab of " + name, () -> Ui.sync(() -> part.table(name) != null));
		Table table = Ui.sync(() -> part.table(name));
		assertEquals(0, (int) Ui.sync(table::getItemCount));

		Ui.screenshot("watchlist-created");
		// two instruments by the symbol field (set directly: under Xvfb without a window manager the completion list,
		// once open, keeps the keyboard), each resolved to the one symbol starting with the text
		Ui.run(() -> ((org.eclipse.swt.widgets.Text) Ui.find("commentary.quotes.symbol")).setText("sim600001"));
		Ui.click("commentary.quotes.add");
		Ui.waitFor("SIM600001.SH in " + name, () -> Ui.sync(() -> column(table, 0)).equals(List.of("SIM600001.SH")));
		// the second by a prefix that only one symbol has
		Ui.run(() -> ((org.eclipse.swt.widgets.Text) Ui.find("commentary.quotes.symbol")).setText("simus"));
		Ui.click("commentary.quotes.add");
		Ui.waitFor("two rows in " + name,
				() -> Ui.sync(() -> column(table, 0)).equals(List.of("SIM600001.SH", "SIMUS8")));
		assertEquals("Simulated", Ui.sync(() -> table.getItem(1).getText(8)));

		// a symbol nobody offers: a message, no change
		Ui.run(() -> ((org.eclipse.swt.widgets.Text) Ui.find("commentary.quotes.symbol")).setText("nosuch"));
		Ui.click("commentary.quotes.add");
		Ui.waitFor("the message for an unknown symbol",
				() -> Ui.text("commentary.quotes.status").contains("No market data provider offers \"nosuch\""));
		assertEquals(2, (int) Ui.sync(table::getItemCount));
		Ui.run(() -> ((org.eclipse.swt.widgets.Text) Ui.find("commentary.quotes.symbol")).setText(""));

		// a third one chosen from the list of offered instruments (filtered, ticked, OK with Enter)
		Ui.click("commentary.quotes.pick");
		Ui.typeInDialog("Add to \"" + name + "\"", "battery");
		Ui.run(() -> {
			Table offered = (Table) Ui.find("commentary.quotes.pick.table");
			assertEquals(1, offered.getItemCount(), "the filter leaves Sim Battery");
			offered.getItem(0).setChecked(true);
			Event e = new Event();
			e.item = offered.getItem(0);
			e.detail = SWT.CHECK;
			offered.notifyListeners(SWT.Selection, e);
		});
		Ui.enter();
		Ui.waitFor("three rows in " + name,
				() -> Ui.sync(() -> column(table, 0)).equals(List.of("SIM600001.SH", "SIMUS8", "SIM000004.SZ")));

		// remove the first one
		String tableId = Ui.sync(() -> (String) table.getData(Ui.TEST_ID));
		Ui.clickRow(tableId, 0);
		Ui.waitFor("row 0 selected", () -> Ui.sync(() -> table.getSelectionIndex() == 0));
		Ui.click("commentary.quotes.remove");
		Ui.waitFor("two left", () -> Ui.sync(() -> column(table, 0)).equals(List.of("SIMUS8", "SIM000004.SZ")));

		// reorder: SIMUS8 down
		Ui.clickRow(tableId, 0);
		Ui.waitFor("row 0 selected", () -> Ui.sync(() -> table.getSelectionIndex() == 0));
		Ui.click("commentary.quotes.down");
		Ui.waitFor("SIMUS8 moved down", () -> Ui.sync(() -> column(table, 0)).equals(List.of("SIM000004.SZ", "SIMUS8")));

		// rename
		Ui.click("commentary.quotes.rename");
		Ui.typeInDialog("Rename watchlist", renamed);
		Ui.enter();
		Ui.waitFor("the list renamed", () -> Ui.sync(() -> part.table(renamed) == table && part.table(name) == null));

		// what a restart reads: the file, by a second store and by a second quote board
		Path file = Ui.sync(() -> part.store().file());
		Ui.waitFor("the rename saved (the save runs in a job)", () -> text(file).contains("\"" + renamed + "\""));
		assertTrue(Files.readString(file).contains("\"" + renamed + "\""), Files.readString(file));
		Watchlists read = new WatchlistStore(file.getParent()).load(() -> {
			throw new AssertionError("the saved file should be read, not replaced by the defaults");
		}).lists();
		assertEquals(List.of(new Watchlists.Entry("simulated", "SIM000004.SZ"), new Watchlists.Entry("simulated", "SIMUS8")),
				read.get(renamed).entries());
		assertNull(read.get(name));
		assertEquals(Ui.sync(() -> part.model().toString()), read.toString());
		List<Runnable> cleanup = new ArrayList<>();
		try {
			QuoteBoardPart second = freshBoard(cleanup);
			Ui.waitFor("the second board to show " + renamed, () -> Ui.sync(() -> {
				Table t = second.table(renamed);
				return t != null && column(t, 0).equals(List.of("SIM000004.SZ", "SIMUS8"));
			}));
			assertEquals(read.toString(), Ui.sync(() -> second.model().toString()));
		} finally {
			Ui.run(() -> cleanup.forEach(Runnable::run));
			cleanup.clear();
		}

		Ui.screenshot("watchlist-renamed");
		// delete, confirmed in the dialog
		Ui.run(() -> part.select(renamed));
		Ui.click("commentary.quotes.delete");
		waitForDialog("Delete watchlist");
		Ui.enter();
		Ui.waitFor("the list deleted", () -> Ui.sync(() -> part.table(renamed) == null && part.model().get(renamed) == null));
		assertTrue(table.isDisposed() || Ui.sync(table::isDisposed));
		Ui.waitFor("the deletion saved", () -> !text(file).contains(renamed));
		assertFalse(Files.readString(file).contains(renamed), Files.readString(file));
		assertNull(new WatchlistStore(file.getParent()).load(Watchlists::new).lists().get(renamed));

		// a damaged file: a second board says so, shows the default lists, and keeps the bad file aside
		String saved = Files.readString(file);
		Files.writeString(file, "{\"format\":1,\"watchlists\":[{\"name\":\"broken\",\"instruments\":[{\"provider\":");
		try {
			QuoteBoardPart second = freshBoard(cleanup);
			String status = Ui.sync(() -> ((org.eclipse.swt.widgets.Label) findIn(second, "commentary.quotes.status")).getText());
			assertTrue(status.contains("is damaged") && status.contains("default watchlists"), status);
			assertNotNull(Ui.sync(() -> second.table("China A-shares")), "the default lists are shown");
			assertTrue(Files.readString(file.resolveSibling(WatchlistStore.FILE + ".unreadable")).contains("broken"));
			assertFalse(Files.exists(file), "the damaged file was moved aside, not left to be overwritten");
		} finally {
			Ui.run(() -> cleanup.forEach(Runnable::run));
			Files.writeString(file, saved);
		}
	}

	private static org.eclipse.swt.widgets.Control findIn(QuoteBoardPart part, String testId) {
		org.eclipse.swt.widgets.Control c = part.table(null);
		while (c.getParent() != null && !(c.getParent() instanceof Shell)) {
			c = c.getParent();
		}
		return find(c, testId);
	}

	private static org.eclipse.swt.widgets.Control find(org.eclipse.swt.widgets.Control c, String testId) {
		if (testId.equals(c.getData(Ui.TEST_ID))) {
			return c;
		}
		if (c instanceof Composite comp) {
			for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
				org.eclipse.swt.widgets.Control f = find(child, testId);
				if (f != null) {
					return f;
				}
			}
		}
		return null;
	}

	private static double number(String text) {
		return Double.parseDouble(text.replace(",", "").replace("%", "").replace("+", ""));
	}

	/** Each column sorts its rows both ways: the rows read back in order (texts, or the numbers they show). */
	@Test
	void everyColumnSortsTheRows() {
		QuoteBoardPart part = ChartUiTest.showPart("org.webcallcenter.commentary.ui.part.quotes", QuoteBoardPart.class);
		Ui.run(() -> part.select(null));
		Table all = Ui.sync(() -> part.table(null));
		Ui.waitFor("instruments on the All tab", () -> Ui.sync(all::getItemCount) >= 8);
		for (int c = 0; c < 9; c++) {
			int column = c;
			for (int click = 1; click <= 2; click++) {
				int clicks = click;
				// the click and the reading in one UI-thread turn, so that no tick changes values in between
				List<String> texts = Ui.sync(() -> {
					all.getColumn(column).notifyListeners(SWT.Selection, new Event());
					assertEquals(all.getColumn(column), all.getSortColumn());
					assertEquals(clicks == 1 ? SWT.UP : SWT.DOWN, all.getSortDirection());
					return column(all, column);
				});
				int sign = click == 1 ? 1 : -1;
				for (int i = 1; i < texts.size(); i++) {
					String a = texts.get(i - 1);
					String b = texts.get(i);
					int cmp;
					if (column == 0 || column == 1 || column == 8) {
						cmp = a.compareTo(b);
					} else if (a.isEmpty() || b.isEmpty()) {
						continue; // no quote yet: sorted first (ascending) or last
					} else {
						cmp = Double.compare(number(a), number(b));
					}
					assertTrue(sign * cmp <= 0, String.format(Locale.ROOT, "column %d %s: row %d '%s' before row %d '%s'",
							column, click == 1 ? "ascending" : "descending", i - 1, a, i, b));
				}
			}
		}
	}

	/** The price colour setting is on the board: choosing one convention recolours every row and is kept. */
	@Test
	void priceColoursAreChosenOnTheBoard() {
		QuoteBoardPart part = ChartUiTest.showPart("org.webcallcenter.commentary.ui.part.quotes", QuoteBoardPart.class);
		Ui.run(() -> part.select(null));
		org.eclipse.swt.widgets.Combo combo = (org.eclipse.swt.widgets.Combo) Ui.await("commentary.quotes.colours");
		Table all = Ui.sync(() -> part.table(null));
		try {
			for (int choice : new int[] { 2, 1 }) {
				Ui.run(() -> {
					combo.select(choice);
					combo.notifyListeners(SWT.Selection, new Event());
				});
				assertEquals(choice == 2 ? PriceColours.GREEN_UP : PriceColours.RED_UP, PriceColours.setting());
				// Sim Chips US (Nasdaq, green up by market) and Sim Liquor (Shanghai, red up by market) now both follow
				// the one chosen convention
				Ui.waitFor("every row coloured " + (choice == 2 ? "green up" : "red up"), () -> Ui.sync(() -> {
					int checked = 0;
					for (int i = 0; i < all.getItemCount(); i++) {
						String symbol = all.getItem(i).getText(0);
						if (!symbol.equals("SIMUS8") && !symbol.equals("SIM600001.SH")) {
							continue;
						}
						String change = all.getItem(i).getText(3);
						boolean up = change.startsWith("+");
						if (!up && !change.startsWith("-")) {
							continue;
						}
						org.eclipse.swt.graphics.Color want = up == (choice == 1) ? PriceColours.RED : PriceColours.GREEN;
						assertEquals(want, all.getItem(i).getForeground(3), symbol + " " + change);
						checked++;
					}
					return checked == 2;
				}));
			}
		} finally {
			Ui.run(() -> {
				combo.select(0);
				combo.notifyListeners(SWT.Selection, new Event());
			});
		}
		assertEquals(PriceColours.AUTO, PriceColours.setting());
	}

	/** The file's text, or "" while it cannot be read. */
	private static String text(Path file) {
		try {
			return Files.readString(file);
		} catch (java.io.IOException e) {
			return "";
		}
	}
}
