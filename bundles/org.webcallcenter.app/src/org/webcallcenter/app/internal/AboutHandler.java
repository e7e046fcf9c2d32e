package org.webcallcenter.app.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;
import org.webcallcenter.app.api.WorkstationProfile;

/** Help &gt; About. */
public class AboutHandler {
	@Execute
	void execute(Shell shell, WorkstationProfile profile) {
		MessageDialog.openInformation(shell, "About Web Call Center",
				"Web Call Center " + profile.label() + "\nVersion "
						+ FrameworkUtil.getBundle(AboutHandler.class).getVersion()
						+ "\n\nThe agent workstation of the brokerage's web call center.");
	}
}
