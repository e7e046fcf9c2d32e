package org.webcallcenter.sip.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/** Table set-up shared by the parts. */
final class Tables {
	private Tables() {
	}

	/**
	 * Adds the columns and lets {@code fill} take the width the others leave (never less than its given width), so
	 * that addresses are not cut when the part is wide.
	 */
	static void columns(Table table, String[] names, int[] widths, int fill) {
		for (int i = 0; i < names.length; i++) {
			TableColumn c = new TableColumn(table, SWT.LEFT);
			c.setText(names[i]);
			c.setWidth(widths[i]);
		}
		table.addListener(SWT.Resize, e -> {
			int others = 0;
			for (int i = 0; i < widths.length; i++) {
				others += i == fill ? 0 : table.getColumn(i).getWidth();
			}
			int free = table.getClientArea().width - others;
			table.getColumn(fill).setWidth(Math.max(widths[fill], free));
		});
	}
}
