package org.webcallcenter.app.internal;

import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Toggle buttons for the perspectives in the main window (Agent, Expert). */
public class PerspectiveSwitcher {
	public static final String PERSPECTIVE_ID = "org.webcallcenter.perspective.id";

	@Inject
	MApplication application;
	@Inject
	EModelService models;
	@Inject
	EPartService parts;

	private Composite box;

	@PostConstruct
	void create(Composite parent) {
		box = new Composite(parent, SWT.NONE);
		RowLayout layout = new RowLayout();
		layout.marginTop = 2;
		layout.marginBottom = 2;
		box.setLayout(layout);
		MPerspectiveStack stack = stack();
		if (stack == null) {
			return;
		}
		for (MPerspective p : stack.getChildren()) {
			if (!p.isToBeRendered()) {
				continue;
			}
			Button b = new Button(box, SWT.TOGGLE);
			b.setText(p.getLabel());
			b.setToolTipText(p.getTooltip());
			b.setData(PERSPECTIVE_ID, p.getElementId());
			b.addListener(SWT.Selection, e -> {
				if (stack.getSelectedElement() != p) {
					parts.switchPerspective(p);
				}
				update();
			});
		}
		update();
	}

	@jakarta.inject.Inject
	@org.eclipse.e4.core.di.annotations.Optional
	void perspectiveChanged(@UIEventTopic(UIEvents.ElementContainer.TOPIC_SELECTEDELEMENT) Event event) {
		if (event.getProperty(UIEvents.EventTags.ELEMENT) instanceof MPerspectiveStack) {
			update();
		}
	}

	private MPerspectiveStack stack() {
		return (MPerspectiveStack) models.find(LifeCycle.PERSPECTIVE_STACK, application);
	}

	private void update() {
		if (box == null || box.isDisposed()) {
			return;
		}
		MPerspectiveStack stack = stack();
		String selected = stack == null || stack.getSelectedElement() == null ? null
				: stack.getSelectedElement().getElementId();
		for (Control c : box.getChildren()) {
			((Button) c).setSelection(c.getData(PERSPECTIVE_ID).equals(selected));
		}
	}
}
