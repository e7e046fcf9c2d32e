package org.webcallcenter.app.internal;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.webcallcenter.app.api.WorkstationProfile;

/**
 * Start-up of the e4 application: puts the product's profile into the application context, titles the window and
 * opens the profile's perspective. Nothing here touches a disk beyond the model or the network.
 */
public class LifeCycle {
	public static final String AGENT_PERSPECTIVE = "org.webcallcenter.perspective.agent";
	public static final String EXPERT_PERSPECTIVE = "org.webcallcenter.perspective.expert";
	public static final String PERSPECTIVE_STACK = "org.webcallcenter.app.perspectivestack";
	public static final String MAIN_WINDOW = "org.webcallcenter.app.window.main";

	@PostContextCreate
	void postContextCreate(IEclipseContext context) {
		StartupTrace.mark("model-loaded");
		context.set(WorkstationProfile.class, Profiles.current());
	}

	@ProcessAdditions
	void processAdditions(MApplication application, EModelService models, IEclipseContext context) {
		StartupTrace.mark("fragments-applied");
		WorkstationProfile profile = context.get(WorkstationProfile.class);
		MWindow window = (MWindow) models.find(MAIN_WINDOW, application);
		if (window != null) {
			window.setLabel(windowTitle(profile));
		}
		MPerspectiveStack stack = (MPerspectiveStack) models.find(PERSPECTIVE_STACK, application);
		if (stack == null) {
			return;
		}
		String wanted = profile == WorkstationProfile.EXPERT_HOME ? EXPERT_PERSPECTIVE : AGENT_PERSPECTIVE;
		for (MPerspective p : stack.getChildren()) {
			if (wanted.equals(p.getElementId())) {
				stack.setSelectedElement(p);
				return;
			}
		}
		if (!stack.getChildren().isEmpty()) {
			stack.setSelectedElement(stack.getChildren().get(0));
		}
	}

	public static String windowTitle(WorkstationProfile profile) {
		return "Web Call Center - " + profile.label();
	}
}
