package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.sip.api.SoftphoneEvents;
import org.webcallcenter.testing.Sipp;
import org.webcallcenter.testing.ui.Ui;

/**
 * A real call from the Phone part: the real softphone service in direct mode calls sipp's UAS on 127.0.0.1; the
 * line goes from dialling to connected, Hang up ends it and it shows in the Call history.
 * The softphone's SIP stack listens on 127.0.0.1 on a free port ({@code -Dorg.webcallcenter.sip.stack.port=0} in
 * the pom).
 */
class CallUiTest {
	@TempDir
	Path dir;

	@Test
	void outgoingCallConnectsHangsUpAndLandsInHistory() throws Exception {
		Softphone phone = DirectMode.softphone();
		List<CallEvent> events = new CopyOnWriteArrayList<>();
		BundleContext context = FrameworkUtil.getBundle(CallUiTest.class).getBundleContext();
		Dictionary<String, Object> topic = new Hashtable<>();
		topic.put(EventConstants.EVENT_TOPIC, SoftphoneEvents.CALL);
		ServiceRegistration<EventHandler> listening = context.registerService(EventHandler.class, e -> {
			if (e.getProperty(IEventBroker.DATA) instanceof CallEvent c) {
				events.add(c);
			}
		}, topic);
		CallHistory history = Ui.service(CallHistory.class);
		int before = history.entries().size();
		try (Sipp sipp = Sipp.callee(dir.resolve("uas")).builtIn("uas").timeout(Duration.ofSeconds(120)).start()) {
			String target = "sip:service@127.0.0.1:" + sipp.localPort();
			Ui.click("phone.clear");
			Ui.type("phone.dial", "sip:service@127.0.0.1:" + sipp.localPort());
			Ui.enter();
			Ui.waitFor("a line connected to sipp", () -> Ui.sync(() -> {
				Table t = (Table) Ui.find("phone.lines");
				return t.getItemCount() == 1 && t.getItem(0).getText(2).equals("Connected");
			}));
			assertEquals(1, phone.calls().size());
			assertEquals(target, phone.calls().get(0).remote().toString());
			assertEquals(CallState.DIALING, events.get(0).previous(), "the call started dialling: " + events);
			Ui.waitFor("the CONNECTED event", () -> events.stream().anyMatch(e -> e.current() == CallState.CONNECTED));
			Ui.waitFor("time and MOS shown", () -> Ui.sync(() -> {
				Table t = (Table) Ui.find("phone.lines");
				return t.getItemCount() == 1 && !t.getItem(0).getText(3).isEmpty();
			}));
			Ui.screenshot("phone-call-connected");

			Ui.click("phone.hang.up");
			Ui.waitFor("the line is gone", () -> Ui.sync(() -> ((Table) Ui.find("phone.lines")).getItemCount() == 0));
			Ui.waitFor("the ENDED event", () -> events.get(events.size() - 1).current() == CallState.ENDED);
			sipp.awaitSuccess(1, Duration.ofSeconds(30));
		} finally {
			listening.unregister();
			phone.calls().forEach(c -> c.hangUp()); // leave no line behind for the next test
		}
		Ui.run(() -> Ui.application().getChildren().get(0).getContext()
				.get(org.eclipse.e4.ui.workbench.modeling.EPartService.class)
				.showPart("org.webcallcenter.sip.ui.part.history",
						org.eclipse.e4.ui.workbench.modeling.EPartService.PartState.ACTIVATE));
		Ui.waitFor("the call in the history", () -> history.entries().size() == before + 1);
		Ui.await("history.table");
		Ui.waitFor("the call in the history table", () -> Ui.sync(() -> ((Table) Ui.find("history.table"))
				.getItemCount() == before + 1));
		String remote = Ui.sync(() -> ((Table) Ui.find("history.table")).getItem(0).getText(2));
		assertTrue(remote.contains("127.0.0.1:"), remote);
		assertTrue(history.entries().get(0).end().isPresent(), "the softphone says why the call ended");
		Ui.screenshot("history-after-call");
	}
}
