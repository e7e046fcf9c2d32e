package org.webcallcenter.app.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;

/** File &gt; Exit: closes the workbench, which lets every plugin shut down (unregister, seal recordings). */
public class ExitHandler {
	@Execute
	void execute(IWorkbench workbench) {
		workbench.close();
	}
}
