package org.webcallcenter.commentary.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;
import org.webcallcenter.testing.ui.Ui;

/** The quote board with the simulated feed: labelled, live, coloured by market. */
class QuoteBoardUiTest {

	private static int row(Table t, String symbol) {
		for (int i = 0; i < t.getItemCount(); i++) {
			if (t.getItem(i).getText(0).equals(symbol)) {
				return i;
			}
		}
		return -1;
	}

	@Test
	void quotesTickAndAreColouredByMarketConvention() {
		QuoteBoardPart part = ChartUiTest.showPart("org.webcallcenter.commentary.ui.part.quotes", QuoteBoardPart.class);
		Ui.run(() -> part.select(null)); // another test may have left one of its own watchlists in front
		Table all = (Table) Ui.await("commentary.quotes.all");
		assertTrue(Ui.text("commentary.quotes.banner").contains("Simulated"), Ui.text("commentary.quotes.banner"));
		Ui.waitFor("simulated rows", () -> Ui.sync(() -> row(all, "SIM600001.SH") >= 0));
		assertEquals("Simulated", Ui.sync(() -> all.getItem(row(all, "SIM600001.SH")).getText(8)));
		String before = Ui.sync(() -> all.getItem(row(all, "SIM600002.SH")).getText(7));
		Ui.waitFor("the volume of SIM600002.SH to move with live updates",
				() -> !Ui.sync(() -> all.getItem(row(all, "SIM600002.SH")).getText(7)).equals(before));
		assertTrue(part.counters()[1] > 0, "batches reached the UI thread");
		Ui.waitFor("Shanghai up is red, down green; Nasdaq the reverse", () -> Ui.sync(() -> {
			boolean checked = false;
			for (String[] s : new String[][] { { "SIM600001.SH", "red-up" }, { "SIMUS8", "green-up" } }) {
				TableItem item = all.getItem(row(all, s[0]));
				String change = item.getText(3);
				Color c = item.getForeground(3);
				Color up = s[1].equals("red-up") ? PriceColours.RED : PriceColours.GREEN;
				Color down = s[1].equals("red-up") ? PriceColours.GREEN : PriceColours.RED;
				if (change.startsWith("+")) {
					assertEquals(up, c, s[0] + " " + change);
					checked = true;
				} else if (change.startsWith("-")) {
					assertEquals(down, c, s[0] + " " + change);
					checked = true;
				}
			}
			return checked;
		}));
		Ui.run(() -> all.getColumn(0).notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event()));
		Ui.run(() -> all.getColumn(0).notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event()));
		Ui.waitFor("sorted by symbol, descending", () -> Ui.sync(() -> {
			for (int i = 1; i < all.getItemCount(); i++) {
				if (all.getItem(i - 1).getText(0).compareTo(all.getItem(i).getText(0)) < 0) {
					return false;
				}
			}
			return true;
		}));
		Ui.screenshot("quote-board");
	}
}
