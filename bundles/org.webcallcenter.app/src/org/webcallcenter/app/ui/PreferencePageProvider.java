package org.webcallcenter.app.ui;

import org.eclipse.jface.preference.IPreferencePage;

/**
 * Contributes one page to the workstation's preferences dialog. Implementations are OSGi services; a new page is
 * created each time the dialog opens, on the UI thread.
 */
public interface PreferencePageProvider {

	/** @return the page id, unique across plugins */
	String id();

	/** @return the label in the dialog's tree */
	String label();

	/** @return the id of the parent page, or {@code null} for a top-level page */
	default String parentId() {
		return null;
	}

	/** @return the position among siblings, lower first */
	default int order() {
		return 1000;
	}

	/** @return a new page */
	IPreferencePage createPage();
}
