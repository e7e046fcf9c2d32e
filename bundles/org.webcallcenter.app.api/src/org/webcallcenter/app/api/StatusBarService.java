package org.webcallcenter.app.api;

import java.util.List;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The workstation's status bar. Plugins take an entry once ({@link #entry(String, int)}) and update it whenever
 * their status changes, from any thread; the shell renders it on the UI thread.
 */
@ProviderType
public interface StatusBarService {

	/** How an entry is shown. */
	enum Severity {
		OK, INFO, WARNING, ERROR
	}

	/** What an entry shows now. */
	record Item(String id, int order, String text, String tooltip, Severity severity) {
	}

	/** A plugin's own entry. */
	interface Entry {
		/** Shows new text; {@code tooltip} may be null. */
		void update(String text, Severity severity, String tooltip);

		/** Removes the entry from the status bar. */
		void remove();
	}

	/**
	 * @param id    stable id, for example {@code org.webcallcenter.sip.registration}; taking the same id twice gives
	 *              the same entry
	 * @param order position, lower first (registration 100, gateway 200, recording 300, others after)
	 */
	Entry entry(String id, int order);

	/** @return the entries in display order */
	List<Item> items();

	/** The listener is told after every change (on the thread that made it). */
	void addListener(Consumer<List<Item>> listener);

	void removeListener(Consumer<List<Item>> listener);
}
