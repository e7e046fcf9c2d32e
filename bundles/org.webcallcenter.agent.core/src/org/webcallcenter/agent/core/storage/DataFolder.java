package org.webcallcenter.agent.core.storage;

import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/**
 * Where a bundle keeps its files: the platform's state location, one folder per bundle in the workstation's data
 * folder. Every bundle that stores files asks here, so the rule (and its {@code -data @none} fallback) is one.
 */
public final class DataFolder {
	private DataFolder() {
	}

	/**
	 * @return {@code <data>/.metadata/.plugins/<bundle>} ({@link Platform#getStateLocation}), or the bundle's
	 *         framework data folder when the workstation runs without a data folder ({@code -data @none})
	 */
	public static Path of(Bundle bundle) {
		try {
			return Platform.getStateLocation(bundle).toFile().toPath();
		} catch (IllegalStateException e) {
			return bundle.getBundleContext().getDataFile("").toPath();
		}
	}
}
