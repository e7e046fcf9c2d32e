package org.webcallcenter.commentary.api.market;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Imports OHLCV files into a provider (a capability of the CSV provider, and a service of its own). All files of
 * one call are validated before anything is published: either every bar of every file becomes visible at once,
 * or none does.
 */
@ProviderType
public interface BarImporter {

	/** The result of a successful import. */
	record Imported(List<String> symbols, int bars) {
	}

	/**
	 * @param files        CSV files: one per instrument (the symbol is the file name without extension) or long
	 *                     files with a symbol column
	 * @param exchangeHint the exchange code for new instruments (sets sessions, time zone and colours), or empty
	 * @throws ImportException listing every problem found (file and line), with nothing imported
	 */
	Imported importFiles(List<Path> files, String exchangeHint) throws ImportException;
}
