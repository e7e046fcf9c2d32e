package org.webcallcenter.app.prefs;

import java.util.ArrayList;
import java.util.List;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.component.annotations.Component;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.webcallcenter.app.ui.PreferencePageProvider;
import org.webcallcenter.app.ui.SimplePreferencePageProvider;

/**
 * Microphone, headset and ringer devices, from javax.sound. The devices are listed by a background job (asking the
 * sound system can take a while) and stored by mixer name; the softphone opens them at the next call.
 */
public class AudioPreferencePage extends WorkstationPreferencePage {
	public static final String ID = "org.webcallcenter.app.prefs.audio";
	static final String DEFAULT = "System default";
	private Combo input;
	private Combo output;
	private Combo ringer;
	private Label status;

	@Component(service = PreferencePageProvider.class)
	public static class Provider extends SimplePreferencePageProvider {
		public Provider() {
			super(ID, "Audio devices", 200, AudioPreferencePage::new);
		}
	}

	/** What javax.sound offers. */
	public record Devices(List<String> inputs, List<String> outputs) {
	}

	public static Devices listDevices() {
		List<String> inputs = new ArrayList<>();
		List<String> outputs = new ArrayList<>();
		for (Mixer.Info info : AudioSystem.getMixerInfo()) {
			Mixer mixer = AudioSystem.getMixer(info);
			if (supports(mixer.getTargetLineInfo(), TargetDataLine.class)) {
				inputs.add(info.getName());
			}
			if (supports(mixer.getSourceLineInfo(), SourceDataLine.class)) {
				outputs.add(info.getName());
			}
		}
		return new Devices(inputs, outputs);
	}

	private static boolean supports(Line.Info[] infos, Class<?> type) {
		for (Line.Info i : infos) {
			if (type.isAssignableFrom(i.getLineClass())) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected Control createContents(Composite parent) {
		Composite c = new Composite(parent, SWT.NONE);
		c.setLayout(new GridLayout(2, false));
		input = combo(c, "Microphone:", "audio.input");
		output = combo(c, "Headset:", "audio.output");
		ringer = combo(c, "Ringer:", "audio.ringer");
		status = new Label(c, SWT.WRAP);
		status.setText("Looking for audio devices...");
		status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
		Job job = Job.create("Listing audio devices", monitor -> {
			Devices devices;
			try {
				devices = listDevices();
			} catch (RuntimeException | LinkageError e) {
				devices = null;
			}
			Devices found = devices;
			if (!c.isDisposed()) {
				c.getDisplay().asyncExec(() -> show(found));
			}
			return Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
		return c;
	}

	private Combo combo(Composite c, String label, String testId) {
		new Label(c, SWT.NONE).setText(label);
		Combo combo = new Combo(c, SWT.READ_ONLY);
		combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		combo.setData("org.webcallcenter.testId", testId);
		combo.setItems(DEFAULT);
		combo.select(0);
		return combo;
	}

	private void show(Devices devices) {
		if (status.isDisposed()) {
			return;
		}
		if (devices == null) {
			status.setText("The sound system could not be asked for devices; the system defaults are used.");
			return;
		}
		fill(input, devices.inputs(), WorkstationPreferences.AUDIO_INPUT);
		fill(output, devices.outputs(), WorkstationPreferences.AUDIO_OUTPUT);
		fill(ringer, devices.outputs(), WorkstationPreferences.AUDIO_RINGER);
		status.setText(devices.inputs().isEmpty() && devices.outputs().isEmpty()
				? "No audio devices found: calls will have no sound until a headset is connected."
				: devices.inputs().size() + " input and " + devices.outputs().size()
						+ " output devices. Changes apply from the next call.");
		status.getParent().layout();
	}

	private static void fill(Combo combo, List<String> names, String key) {
		String stored = node().get(key, "");
		List<String> items = new ArrayList<>();
		items.add(DEFAULT);
		items.addAll(names);
		if (!stored.isEmpty() && !names.contains(stored)) {
			items.add(stored + " (not connected)");
		}
		combo.setItems(items.toArray(String[]::new));
		int index = stored.isEmpty() ? 0 : Math.max(0, items.indexOf(stored));
		if (!stored.isEmpty() && !names.contains(stored)) {
			index = items.size() - 1;
		}
		combo.select(index);
	}

	private static String value(Combo combo) {
		String text = combo.getText();
		if (text.equals(DEFAULT)) {
			return "";
		}
		return text.endsWith(" (not connected)") ? text.substring(0, text.length() - " (not connected)".length()) : text;
	}

	@Override
	protected void store(IEclipsePreferences node) {
		node.put(WorkstationPreferences.AUDIO_INPUT, value(input));
		node.put(WorkstationPreferences.AUDIO_OUTPUT, value(output));
		node.put(WorkstationPreferences.AUDIO_RINGER, value(ringer));
	}

	@Override
	protected void loadDefaults() {
		input.select(0);
		output.select(0);
		ringer.select(0);
	}
}
