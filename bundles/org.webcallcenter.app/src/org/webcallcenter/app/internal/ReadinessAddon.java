package org.webcallcenter.app.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MToolControl;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.event.Event;
import org.webcallcenter.app.api.StartupParticipant;
import org.webcallcenter.app.api.StatusBarService;
import org.webcallcenter.app.api.WorkstationEvents;
import org.webcallcenter.app.api.WorkstationEvents.Readiness;

import jakarta.inject.Inject;

/**
 * Decides when the workstation is "ready": after the main window is up, a background job waits for every
 * {@link StartupParticipant} and checks that the Declarative Services components of all Web Call Center bundles
 * are satisfied. It then posts {@link WorkstationEvents#READY} and prints one line on standard output
 * ({@code webcallcenter: ready ...}) that the start-up benchmark and the product test read.
 */
public class ReadinessAddon {
	public static final String BUNDLE_PREFIX = "org.webcallcenter.";
	/** Status bar entry showing whether start-up finished. */
	public static final String STATUS_ID = "org.webcallcenter.app.readiness";
	private static final ILog LOG = ILog.of(ReadinessAddon.class);
	private static final long PARTICIPANT_TIMEOUT_SECONDS = 120;

	@Inject
	IEventBroker broker;
	@Inject
	UISynchronize sync;
	@Inject
	@org.eclipse.e4.core.di.extensions.Service
	StatusBarService statusBar;

	private StatusBarService.Entry entry;

	@jakarta.annotation.PostConstruct
	void created() {
		entry = statusBar.entry(STATUS_ID, 900);
		entry.update("Starting plugins...", StatusBarService.Severity.INFO, "The workstation is still starting its plugins");
	}

	@Inject
	@Optional
	void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, MApplication app,
			EModelService models) {
		StartupTrace.mark("window-rendered");
		MPerspectiveStack stack = (MPerspectiveStack) models.find(LifeCycle.PERSPECTIVE_STACK, app);
		String perspective = stack == null || stack.getSelectedElement() == null ? "none"
				: stack.getSelectedElement().getElementId();
		Job job = Job.create("Starting Web Call Center plugins", monitor -> {
			Readiness result = check(monitor);
			sync.asyncExec(() -> app.getContext().set(Readiness.class, result));
			broker.post(WorkstationEvents.READY, result);
			if (result.problems().isEmpty()) {
				entry.update("Workstation ready", StatusBarService.Severity.OK,
						result.bundles() + " plugins, " + result.components() + " services started");
			} else {
				entry.update(result.problems().size() + " start-up problem(s)", StatusBarService.Severity.WARNING,
						String.join("\n", result.problems()));
			}
			String[] shown = new String[] { "", "0" };
			sync.syncExec(() -> {
				shown[0] = String.join(",", visibleToolControls(app, models));
				shown[1] = Integer.toString(visibleStatusLabels(app));
			});
			System.out.println("webcallcenter: ready ms=" + result.millisSinceJvmStart() + " perspective="
					+ perspective + " bundles=" + result.bundles() + " components=" + result.components()
					+ " problems=" + result.problems().size() + " toolcontrols=" + shown[0] + " statusbar="
					+ shown[1]);
			System.out.flush();
			return Status.OK_STATUS;
		});
		job.setPriority(Job.SHORT);
		job.schedule();
	}

	/** @return ids of the window's tool controls that a person can see (shown, with a real size) */
	static List<String> visibleToolControls(MApplication app, EModelService models) {
		List<String> ids = new ArrayList<>();
		for (MToolControl c : models.findElements(app, null, MToolControl.class, null)) {
			if (c.getWidget() instanceof Control w && shownOnScreen(w)) {
				ids.add(c.getElementId());
			}
		}
		return ids;
	}

	/** @return how many status bar entries a person can see */
	static int visibleStatusLabels(MApplication app) {
		int n = 0;
		for (MWindow w : app.getChildren()) {
			if (w.getWidget() instanceof Shell shell) {
				n += countStatusLabels(shell);
			}
		}
		return n;
	}

	private static int countStatusLabels(Control c) {
		int n = c.getData(StatusBarControl.ITEM_ID) != null && shownOnScreen(c) ? 1 : 0;
		if (c instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				n += countStatusLabels(child);
			}
		}
		return n;
	}

	/**
	 * @return whether a person sees the control: it is visible and the topmost control at its centre, looking from
	 *         its shell down through the children in z-order (a sibling laid over it hides it)
	 */
	static boolean shownOnScreen(Control c) {
		if (c.isDisposed() || !c.isVisible() || c.getSize().x <= 0 || c.getSize().y <= 0) {
			return false;
		}
		org.eclipse.swt.widgets.Display d = c.getDisplay();
		org.eclipse.swt.graphics.Rectangle b = c.getBounds();
		org.eclipse.swt.graphics.Point centre = d.map(c.getParent(), null, b.x + b.width / 2, b.y + b.height / 2);
		Control hit = c.getShell();
		while (hit instanceof Composite composite && hit != c) {
			Control next = null;
			for (Control child : composite.getChildren()) {
				if (child.isVisible() && d.map(composite, null, child.getBounds()).contains(centre)) {
					next = child;
					break;
				}
			}
			if (next == null) {
				break;
			}
			hit = next;
		}
		return hit == c;
	}

	static Readiness check(IProgressMonitor monitor) {
		BundleContext context = FrameworkUtil.getBundle(ReadinessAddon.class).getBundleContext();
		List<String> problems = new ArrayList<>();
		Collection<ServiceReference<StartupParticipant>> refs;
		try {
			refs = context.getServiceReferences(StartupParticipant.class, null);
		} catch (InvalidSyntaxException e) {
			throw new IllegalStateException(e);
		}
		SubMonitor progress = SubMonitor.convert(monitor, refs.size() + 1);
		for (ServiceReference<StartupParticipant> ref : refs) {
			StartupParticipant participant = context.getService(ref);
			if (participant == null) {
				continue;
			}
			try {
				progress.subTask(participant.name());
				CompletableFuture<?> f = participant.started().toCompletableFuture();
				f.get(PARTICIPANT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			} catch (ExecutionException e) {
				problems.add(participant.name() + " failed to start: " + e.getCause().getMessage());
				LOG.error(participant.name() + " failed to start", e.getCause());
			} catch (TimeoutException e) {
				problems.add(participant.name() + " did not start within " + PARTICIPANT_TIMEOUT_SECONDS + " s");
				LOG.warn(participant.name() + " did not start within " + PARTICIPANT_TIMEOUT_SECONDS + " s");
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			} finally {
				context.ungetService(ref);
				progress.worked(1);
			}
		}
		int bundles = 0;
		List<Bundle> ours = new ArrayList<>();
		for (Bundle b : context.getBundles()) {
			if (b.getSymbolicName() != null && b.getSymbolicName().startsWith(BUNDLE_PREFIX)) {
				ours.add(b);
				if ((b.getState() & (Bundle.ACTIVE | Bundle.STARTING | Bundle.RESOLVED)) != 0) {
					bundles++;
				} else {
					problems.add("Bundle " + b.getSymbolicName() + " is not resolved");
				}
			}
		}
		int components = 0;
		ServiceReference<ServiceComponentRuntime> scrRef = context.getServiceReference(ServiceComponentRuntime.class);
		if (scrRef == null) {
			problems.add("Declarative Services runtime is missing");
		} else {
			ServiceComponentRuntime scr = context.getService(scrRef);
			try {
				for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(ours.toArray(Bundle[]::new))) {
					if (!scr.isComponentEnabled(d)) {
						continue;
					}
					Collection<ComponentConfigurationDTO> configs = scr.getComponentConfigurationDTOs(d);
					boolean ok = !configs.isEmpty();
					for (ComponentConfigurationDTO c : configs) {
						if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
								|| c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
								|| c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
							ok = false;
						}
					}
					if (ok) {
						components++;
					} else if (!"require".equals(d.configurationPolicy)) {
						problems.add("Component " + d.name + " is not satisfied");
					}
				}
			} finally {
				context.ungetService(scrRef);
			}
		}
		progress.worked(1);
		for (String p : problems) {
			LOG.warn("Start-up: " + p);
		}
		return new Readiness(StartupTrace.sinceJvmStart(), bundles, components, List.copyOf(problems));
	}
}
