package org.webcallcenter.app.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.webcallcenter.app.api.WorkstationEvents.Readiness;
import org.webcallcenter.app.api.WorkstationProfile;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * What is installed on this workstation: the product, its data folder and every Web Call Center plugin with its
 * version and state. What a helpdesk asks for first ("which driver version do you have?").
 */
public class WorkstationPart {
	@Inject
	WorkstationProfile profile;

	private Label summary;
	private Table table;

	@PostConstruct
	void create(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		Label title = new Label(parent, SWT.NONE);
		title.setText(profile.label() + "  \u00b7  version " + FrameworkUtil.getBundle(getClass()).getVersion());
		title.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
		Label data = new Label(parent, SWT.NONE);
		data.setText("Data folder: " + (Platform.getInstanceLocation() == null || Platform.getInstanceLocation().getURL() == null
				? "(none)" : Platform.getInstanceLocation().getURL().getPath()));
		summary = new Label(parent, SWT.NONE);
		summary.setText("Starting plugins...");
		summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		for (String[] c : new String[][] { { "Plugin", "340" }, { "Version", "200" }, { "State", "100" } }) {
			TableColumn col = new TableColumn(table, SWT.LEFT);
			col.setText(c[0]);
			col.setWidth(Integer.parseInt(c[1]));
		}
		fill();
		showReadiness();
	}

	private Readiness readiness;

	/** Called again by e4 when the readiness addon puts its result into the application context. */
	@Inject
	void readiness(@Optional Readiness readiness) {
		this.readiness = readiness;
		showReadiness();
	}

	private void showReadiness() {
		if (readiness == null || summary == null || summary.isDisposed()) {
			return;
		}
		summary.setText("Ready " + readiness.millisSinceJvmStart() + " ms after start: " + readiness.bundles()
				+ " plugins, " + readiness.components() + " services"
				+ (readiness.problems().isEmpty() ? "" : ", problems: " + String.join("; ", readiness.problems())));
		summary.getParent().layout();
		fill();
	}

	private void fill() {
		table.removeAll();
		List<Bundle> bundles = new ArrayList<>();
		for (Bundle b : FrameworkUtil.getBundle(getClass()).getBundleContext().getBundles()) {
			if (b.getSymbolicName() != null && b.getSymbolicName().startsWith(ReadinessAddon.BUNDLE_PREFIX)) {
				bundles.add(b);
			}
		}
		bundles.sort(Comparator.comparing(Bundle::getSymbolicName));
		for (Bundle b : bundles) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(new String[] { b.getSymbolicName(), b.getVersion().toString(), state(b) });
		}
	}

	private static String state(Bundle b) {
		return switch (b.getState()) {
		case Bundle.ACTIVE -> "active";
		case Bundle.STARTING -> "lazy";
		case Bundle.RESOLVED -> "resolved";
		case Bundle.INSTALLED -> "not resolved";
		default -> "stopping";
		};
	}

	@Focus
	void focus() {
		table.setFocus();
	}
}
