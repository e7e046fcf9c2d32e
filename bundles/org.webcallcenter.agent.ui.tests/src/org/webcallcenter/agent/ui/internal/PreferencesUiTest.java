package org.webcallcenter.agent.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceNode;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.webcallcenter.app.api.RecordingPolicy;
import org.webcallcenter.app.api.WorkstationPreferences;
import org.webcallcenter.app.api.WorkstationProfile;
import org.webcallcenter.app.prefs.AudioPreferencePage;
import org.webcallcenter.app.prefs.HubPreferencePage;
import org.webcallcenter.app.prefs.RecordingPreferencePage;
import org.webcallcenter.app.ui.PreferencePageProvider;
import org.webcallcenter.testing.ui.Ui;

/** The preference pages, created in a real shell the way the Preferences dialog creates them. */
class PreferencesUiTest {

	private static List<PreferencePageProvider> providers() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(PreferencesUiTest.class).getBundleContext();
		List<PreferencePageProvider> result = new ArrayList<>();
		Ui.waitFor("the four preference pages", () -> {
			try {
				return context.getServiceReferences(PreferencePageProvider.class, null).size() >= 4;
			} catch (Exception e) {
				return false;
			}
		});
		for (ServiceReference<PreferencePageProvider> ref : context.getServiceReferences(PreferencePageProvider.class, null)) {
			result.add(context.getService(ref));
		}
		return result;
	}

	@Test
	void thePreferencesDialogHasAccountAudioRecordingAndHubInThatOrder() throws Exception {
		List<PreferencePageProvider> providers = providers();
		List<String> labels = Ui.sync(() -> {
			PreferenceManager manager = org.webcallcenter.app.internal.PreferencesHandler.managerFor(providers);
			List<String> result = new ArrayList<>();
			for (IPreferenceNode n : manager.getRootSubNodes()) {
				result.add(n.getLabelText());
			}
			return result;
		});
		assertEquals(List.of("Account", "Audio devices", "Recording", "Service center hub"), labels);
	}

	@Test
	void hubAddressIsValidatedAndSaved() {
		assertNull(HubPreferencePage.problem("http://127.0.0.1:8480"));
		assertNull(HubPreferencePage.problem("https://[::1]:8443"));
		assertNotNull(HubPreferencePage.problem(""));
		assertNotNull(HubPreferencePage.problem("ftp://127.0.0.1"));
		assertNotNull(HubPreferencePage.problem("http://127.0.0.1:8480/path"));
		assertNotNull(HubPreferencePage.problem("http//nohost"));

		Ui.run(() -> {
			Shell shell = new Shell(Ui.display());
			try {
				HubPreferencePage page = new HubPreferencePage();
				page.createControl(shell);
				Text address = (Text) find(shell, "hub.address");
				address.setText("ftp://wrong");
				assertFalse(page.isValid(), "an ftp address is refused");
				address.setText("http://127.0.0.1:9999");
				assertTrue(page.isValid());
				assertTrue(page.performOk());
			} finally {
				shell.dispose();
			}
		});
		assertEquals("http://127.0.0.1:9999", InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE)
				.get(WorkstationPreferences.HUB_ADDRESS, null));
	}

	@Test
	void expertHomeCannotTurnRecordingOff() {
		InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE).put(WorkstationPreferences.RECORDING_POLICY,
				RecordingPolicy.ON_DEMAND.name());
		assertEquals(RecordingPolicy.ON_DEMAND, RecordingPreferencePage.policy(WorkstationProfile.AGENT_WORKSTATION));
		assertEquals(RecordingPolicy.RECORD_ALL, RecordingPreferencePage.policy(WorkstationProfile.EXPERT_HOME),
				"the stored choice does not apply in Expert Home");
		Ui.run(() -> {
			Shell shell = new Shell(Ui.display());
			try {
				PreferencePage page = new RecordingPreferencePage(WorkstationProfile.EXPERT_HOME);
				page.createControl(shell);
				Button all = (Button) find(shell, "recording.all");
				Button onDemand = (Button) find(shell, "recording.onDemand");
				assertTrue(all.getSelection());
				assertFalse(all.isEnabled() || onDemand.isEnabled(), "the policy cannot be changed");
				assertTrue(((Label) find(shell, "recording.locked")).getText().contains("every call is recorded"));
				assertTrue(page.performOk());
			} finally {
				shell.dispose();
			}
		});
		assertEquals(RecordingPolicy.RECORD_ALL.name(), InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE)
				.get(WorkstationPreferences.RECORDING_POLICY, null));
	}

	@Test
	void audioPageListsTheDevicesInTheBackground() {
		Shell[] shell = new Shell[1];
		Ui.run(() -> {
			shell[0] = new Shell(Ui.display());
			new AudioPreferencePage().createControl(shell[0]);
		});
		try {
			Ui.waitFor("the device list", () -> Ui.sync(() -> {
				Combo input = (Combo) find(shell[0], "audio.input");
				return input.getItemCount() > 0 && "System default".equals(input.getItem(0))
						&& !statusText(shell[0]).startsWith("Looking");
			}));
			AudioPreferencePage.Devices devices = AudioPreferencePage.listDevices();
			int items = Ui.sync(() -> ((Combo) find(shell[0], "audio.output")).getItemCount());
			assertEquals(devices.outputs().size() + 1, items, "System default plus every output device");
		} finally {
			Ui.run(() -> shell[0].dispose());
		}
	}

	@Test
	void accountPageReadsTheStoredAccountInTheBackgroundAndSavesIt() throws Exception {
		org.webcallcenter.agent.api.AccountStore store = Ui.service(org.webcallcenter.agent.api.AccountStore.class);
		store.saveAccount(new org.webcallcenter.agent.api.SipAccount(org.webcallcenter.agent.api.SipAccount.Mode.DIRECT,
				"", "4711", ""), null);
		Shell[] shell = new Shell[1];
		AccountPreferencePage[] page = new AccountPreferencePage[1];
		Ui.run(() -> {
			shell[0] = new Shell(Ui.display());
			page[0] = new AccountPreferencePage(store);
			page[0].createControl(shell[0]);
		});
		try {
			Ui.waitFor("the stored account in the page", () -> Ui.sync(() -> {
				Text user = (Text) find(shell[0], "sip.user");
				return user.isEnabled() && "4711".equals(user.getText());
			}));
			assertTrue(Ui.sync(() -> ((Button) find(shell[0], "sip.mode.direct")).getSelection()));
			Ui.run(() -> {
				((Text) find(shell[0], "sip.user")).setText("4712");
				assertTrue(page[0].performOk());
			});
			assertEquals("4712", store.account().get().user());
		} finally {
			Ui.run(() -> shell[0].dispose());
			store.clearAccount(); // the login test expects an empty account form
		}
	}

	private static String statusText(Composite root) {
		for (Control c : root.getChildren()) {
			if (c instanceof Label l && (l.getStyle() & SWT.WRAP) != 0) {
				return l.getText();
			}
			if (c instanceof Composite comp) {
				String s = statusText(comp);
				if (s != null && !s.isEmpty()) {
					return s;
				}
			}
		}
		return "";
	}

	private static Control find(Composite root, String testId) {
		for (Control c : root.getChildren()) {
			if (testId.equals(c.getData("org.webcallcenter.testId"))) {
				return c;
			}
			if (c instanceof Composite comp) {
				Control found = find(comp, testId);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}
}
