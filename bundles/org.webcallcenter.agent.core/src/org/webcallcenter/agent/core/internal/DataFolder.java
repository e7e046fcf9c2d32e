package org.webcallcenter.agent.core.internal;

import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/** Where this bundle keeps its files: the platform's state location, one folder per bundle in the data folder. */
final class DataFolder {
	private DataFolder() {
	}

	/**
	 * @return {@code <data>/.metadata/.plugins/<bundle>} ({@link Platform#getStateLocation}), or the bundle's
	 *         framework data folder when the workstation runs without a data folder ({@code -data @none})
	 */
	static Path of(Bundle bundle) {
		try {
			return Platform.getStateLocation(bundle).toFile().toPath();
		} catch (IllegalStateException e) {
			return bundle.getBundleContext().getDataFile("").toPath();
		}
	}
}
