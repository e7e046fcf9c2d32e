package org.webcallcenter.app.prefs;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.osgi.service.component.annotations.Component;
import org.webcallcenter.app.api.RecordingPolicy;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.webcallcenter.app.api.WorkstationProfile;
import org.webcallcenter.app.internal.Profiles;
import org.webcallcenter.app.ui.PreferencePageProvider;
import org.webcallcenter.app.ui.SimplePreferencePageProvider;

/**
 * The recording policy. In the Expert Home profile the policy is locked to "record all": the calls of experts at
 * home are kept as strictly as those in the branches.
 */
public class RecordingPreferencePage extends WorkstationPreferencePage {
	public static final String ID = "org.webcallcenter.app.prefs.recording";
	private final WorkstationProfile profile;
	private Button recordAll;
	private Button onDemand;
	private Button notice;
	private Spinner years;

	public RecordingPreferencePage(WorkstationProfile profile) {
		this.profile = profile;
	}

	@Component(service = PreferencePageProvider.class)
	public static class Provider extends SimplePreferencePageProvider {
		public Provider() {
			super(ID, "Recording", 300, () -> new RecordingPreferencePage(Profiles.current()));
		}
	}

	/** @return the policy in force: always {@link RecordingPolicy#RECORD_ALL} where the profile locks it */
	public static RecordingPolicy policy(WorkstationProfile profile) {
		if (profile.recordingPolicyLocked()) {
			return RecordingPolicy.RECORD_ALL;
		}
		return RecordingPolicy.parse(node().get(WorkstationPreferences.RECORDING_POLICY, RecordingPolicy.RECORD_ALL.name()));
	}

	@Override
	protected Control createContents(Composite parent) {
		Composite c = new Composite(parent, SWT.NONE);
		c.setLayout(new GridLayout(1, false));
		Group g = new Group(c, SWT.NONE);
		g.setText("Which calls are recorded");
		g.setLayout(new GridLayout(1, false));
		g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		recordAll = new Button(g, SWT.RADIO);
		recordAll.setText(RecordingPolicy.RECORD_ALL.label() + " (required for calls about client orders)");
		recordAll.setData("org.webcallcenter.testId", "recording.all");
		onDemand = new Button(g, SWT.RADIO);
		onDemand.setText(RecordingPolicy.ON_DEMAND.label());
		onDemand.setData("org.webcallcenter.testId", "recording.onDemand");
		RecordingPolicy p = policy(profile);
		recordAll.setSelection(p == RecordingPolicy.RECORD_ALL);
		onDemand.setSelection(p == RecordingPolicy.ON_DEMAND);
		if (profile.recordingPolicyLocked()) {
			recordAll.setEnabled(false);
			onDemand.setEnabled(false);
			Label locked = new Label(g, SWT.WRAP);
			locked.setText("In " + profile.label() + " every call is recorded; this cannot be changed.");
			locked.setData("org.webcallcenter.testId", "recording.locked");
		}
		notice = new Button(c, SWT.CHECK);
		notice.setText("Tell callers at the start of the call that it is recorded");
		notice.setSelection(node().getBoolean(WorkstationPreferences.RECORDING_NOTICE, true));
		Composite r = new Composite(c, SWT.NONE);
		r.setLayout(new GridLayout(2, false));
		new Label(r, SWT.NONE).setText("Keep recordings for (years):");
		years = new Spinner(r, SWT.BORDER);
		years.setValues(node().getInt(WorkstationPreferences.RECORDING_RETENTION_YEARS,
				WorkstationPreferences.RECORDING_RETENTION_YEARS_DEFAULT), 3, 10, 0, 1, 1);
		Label hint = new Label(c, SWT.WRAP);
		hint.setText("MiFID II: 5 years, up to 7 on request; FINRA: at least 3.");
		return c;
	}

	@Override
	protected void store(IEclipsePreferences node) {
		RecordingPolicy p = profile.recordingPolicyLocked() || recordAll.getSelection() ? RecordingPolicy.RECORD_ALL
				: RecordingPolicy.ON_DEMAND;
		node.put(WorkstationPreferences.RECORDING_POLICY, p.name());
		node.putBoolean(WorkstationPreferences.RECORDING_NOTICE, notice.getSelection());
		node.putInt(WorkstationPreferences.RECORDING_RETENTION_YEARS, years.getSelection());
	}

	@Override
	protected void loadDefaults() {
		recordAll.setSelection(true);
		onDemand.setSelection(false);
		notice.setSelection(true);
		years.setSelection(WorkstationPreferences.RECORDING_RETENTION_YEARS_DEFAULT);
	}
}
