package org.webcallcenter.commentary.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.fieldassist.ContentProposal;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.fieldassist.IContentProposalProvider;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.swt.widgets.Text;

/**
 * Completion for the quote board's symbol field: typing (or Ctrl+Space) lists the offered instruments whose symbol
 * starts with, or whose name contains, the text (case does not matter); choosing one puts its symbol in the field.
 */
final class InstrumentProposals {
	private static final int MAX = 50;

	private InstrumentProposals() {
	}

	/** @param instruments lines of {@code symbol TAB name TAB provider label}, asked for each time */
	static ContentProposalAdapter attach(Text field, Supplier<List<String>> instruments) {
		IContentProposalProvider provider = (contents, position) -> {
			String typed = contents.substring(0, Math.min(position, contents.length())).strip().toLowerCase(Locale.ROOT);
			List<IContentProposal> out = new ArrayList<>();
			for (String line : instruments.get()) {
				String[] p = line.split("\t", 3);
				if (p[0].toLowerCase(Locale.ROOT).startsWith(typed) || (!typed.isEmpty() && p[1].toLowerCase(Locale.ROOT).contains(typed))) {
					out.add(new ContentProposal(p[0], p[0] + "   " + p[1] + "   (" + p[2] + ")", null));
					if (out.size() == MAX) {
						break;
					}
				}
			}
			return out.toArray(IContentProposal[]::new);
		};
		char[] activation = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.".toCharArray();
		ContentProposalAdapter adapter = new ContentProposalAdapter(field, new TextContentAdapter(), provider,
				KeyStroke.getInstance(org.eclipse.swt.SWT.CTRL, ' '), activation);
		adapter.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_REPLACE);
		adapter.setAutoActivationDelay(300);
		return adapter;
	}
}
