package org.webcallcenter.commentary.core.internal;

import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/** Where this bundle keeps its files: {@code <data>/.metadata/.plugins/org.webcallcenter.commentary.core}. */
final class DataFolder {
	private DataFolder() {
	}

	static Path of(Bundle bundle) {
		try {
			return Platform.getStateLocation(bundle).toFile().toPath();
		} catch (IllegalStateException e) {
			return bundle.getBundleContext().getDataFile("").toPath();
		}
	}
}
