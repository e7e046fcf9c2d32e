package org.webcallcenter.sip.ui.internal;

import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.app.api.StatusBarService;
import org.webcallcenter.sip.api.Softphone;
import org.webcallcenter.sip.api.SoftphoneEvents;

/**
 * The SIP registration in the status bar ({@value #ID}, order 100), from the softphone's REGISTRATION events and
 * its state when it appears. The account (for "registered as 1001@host") is read from secure storage on this
 * entry's own thread, never on the start-up path or the UI thread; all updates go through that one thread, in
 * order.
 */
@Component(immediate = true, property = EventConstants.EVENT_TOPIC + "=" + SoftphoneEvents.REGISTRATION)
public class RegistrationStatusEntry implements EventHandler {
	public static final String ID = "org.webcallcenter.sip.registration";
	public static final int ORDER = 100;

	@Reference
	StatusBarService statusBar;
	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
	volatile AccountStore accounts;

	private volatile Softphone softphone;
	private volatile StatusBarService.Entry entry;
	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "SIP registration status");
		t.setDaemon(true);
		return t;
	});

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	void bindSoftphone(Softphone s) {
		softphone = s;
		refresh();
	}

	void unbindSoftphone(Softphone s) {
		if (softphone == s) {
			softphone = null;
		}
		refresh();
	}

	@Activate
	void activate() {
		entry = statusBar.entry(ID, ORDER);
		refresh();
	}

	@Deactivate
	void deactivate() {
		worker.shutdownNow();
		entry.remove();
		entry = null;
	}

	@Override
	public void handleEvent(Event event) {
		refresh();
	}

	private void refresh() {
		if (entry != null && !worker.isShutdown()) {
			worker.execute(this::show);
		}
	}

	private void show() {
		StatusBarService.Entry e = entry;
		if (e == null) {
			return;
		}
		Softphone s = softphone;
		RegistrationText.Shown shown = s == null ? RegistrationText.unavailable()
				: RegistrationText.of(s.registration(), addressOfRecord(), ZoneId.systemDefault());
		e.update(shown.text(), shown.severity(), shown.tooltip());
	}

	private Optional<String> addressOfRecord() {
		AccountStore store = accounts;
		if (store == null) {
			return Optional.empty();
		}
		try {
			return store.account().flatMap(RegistrationText::addressOfRecord);
		} catch (AccountStore.AccountStoreException | RuntimeException e) {
			return Optional.empty();
		}
	}
}
