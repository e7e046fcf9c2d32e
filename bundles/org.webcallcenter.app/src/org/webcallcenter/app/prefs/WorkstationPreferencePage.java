package org.webcallcenter.app.prefs;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferencePage;
import org.osgi.service.prefs.BackingStoreException;
import org.webcallcenter.app.api.WorkstationPreferences;

/** Base of the shell's pages: values live in the instance-scope node {@link WorkstationPreferences#NODE}. */
abstract class WorkstationPreferencePage extends PreferencePage {

	static IEclipsePreferences node() {
		return InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE);
	}

	@Override
	public boolean performOk() {
		if (!isValid()) {
			return false;
		}
		IEclipsePreferences node = node();
		store(node);
		try {
			node.flush();
			return true;
		} catch (BackingStoreException e) {
			setErrorMessage("The preferences could not be saved: " + e.getMessage());
			return false;
		}
	}

	@Override
	protected void performDefaults() {
		loadDefaults();
		super.performDefaults();
	}

	protected abstract void store(IEclipsePreferences node);

	protected abstract void loadDefaults();
}
