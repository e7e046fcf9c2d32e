package org.webcallcenter.app.prefs;

import java.net.URI;
import java.net.URISyntaxException;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.component.annotations.Component;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.webcallcenter.app.ui.PreferencePageProvider;
import org.webcallcenter.app.ui.SimplePreferencePageProvider;

/** The address of the service center hub. */
public class HubPreferencePage extends WorkstationPreferencePage {
	public static final String ID = "org.webcallcenter.app.prefs.hub";
	private Text address;

	@Component(service = PreferencePageProvider.class)
	public static class Provider extends SimplePreferencePageProvider {
		public Provider() {
			super(ID, "Service center hub", 400, HubPreferencePage::new);
		}
	}

	@Override
	protected Control createContents(Composite parent) {
		Composite c = new Composite(parent, SWT.NONE);
		c.setLayout(new GridLayout(2, false));
		Label intro = new Label(c, SWT.WRAP);
		intro.setText("The hub relays co-browsing sessions and routes web calls (CALL ME) to this workstation.");
		intro.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
		new Label(c, SWT.NONE).setText("Hub address:");
		address = new Text(c, SWT.BORDER);
		address.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		address.setText(node().get(WorkstationPreferences.HUB_ADDRESS, WorkstationPreferences.HUB_ADDRESS_DEFAULT));
		address.setData("org.webcallcenter.testId", "hub.address");
		address.addModifyListener(e -> validate());
		validate();
		return c;
	}

	/** @return null when {@code value} is a usable hub address, else what is wrong with it */
	public static String problem(String value) {
		String v = value.strip();
		if (v.isEmpty()) {
			return "Enter the hub address, for example " + WorkstationPreferences.HUB_ADDRESS_DEFAULT;
		}
		try {
			URI uri = new URI(v);
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
				return "The hub address starts with http:// or https://";
			}
			if (uri.getHost() == null) {
				return "The hub address needs a host, for example https://hub.example:8443";
			}
			if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
				return "The hub address is only scheme, host and port, without a path";
			}
			return null;
		} catch (URISyntaxException e) {
			return "Not an address: " + e.getReason();
		}
	}

	private void validate() {
		String problem = problem(address.getText());
		setErrorMessage(problem);
		setValid(problem == null);
	}

	@Override
	protected void store(IEclipsePreferences node) {
		node.put(WorkstationPreferences.HUB_ADDRESS, address.getText().strip());
	}

	@Override
	protected void loadDefaults() {
		address.setText(WorkstationPreferences.HUB_ADDRESS_DEFAULT);
	}
}
