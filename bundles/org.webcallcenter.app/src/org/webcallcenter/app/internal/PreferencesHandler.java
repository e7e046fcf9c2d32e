package org.webcallcenter.app.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.preference.IPreferenceNode;
import org.eclipse.jface.preference.IPreferencePage;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.webcallcenter.app.ui.PreferencePageProvider;

/** File &gt; Preferences: one dialog with the pages every plugin registers as {@link PreferencePageProvider}. */
public class PreferencesHandler {
	private static final ILog LOG = ILog.of(PreferencesHandler.class);

	@Execute
	void execute(Shell shell) {
		BundleContext context = FrameworkUtil.getBundle(PreferencesHandler.class).getBundleContext();
		Collection<ServiceReference<PreferencePageProvider>> refs;
		try {
			refs = context.getServiceReferences(PreferencePageProvider.class, null);
		} catch (InvalidSyntaxException e) {
			throw new IllegalStateException(e);
		}
		List<PreferencePageProvider> providers = new ArrayList<>();
		try {
			for (ServiceReference<PreferencePageProvider> ref : refs) {
				PreferencePageProvider p = context.getService(ref);
				if (p != null) {
					providers.add(p);
				}
			}
			PreferenceDialog dialog = new PreferenceDialog(shell, manager(providers));
			dialog.create();
			dialog.getShell().setText("Preferences");
			dialog.open();
		} finally {
			for (ServiceReference<PreferencePageProvider> ref : refs) {
				context.ungetService(ref);
			}
		}
	}

	/** The dialog's page tree, for tests. */
	public static PreferenceManager managerFor(List<PreferencePageProvider> providers) {
		return manager(providers);
	}

	static PreferenceManager manager(List<PreferencePageProvider> providers) {
		PreferenceManager manager = new PreferenceManager('/');
		List<PreferencePageProvider> sorted = new ArrayList<>(providers);
		sorted.sort(Comparator.comparing((PreferencePageProvider p) -> p.parentId() == null ? 0 : 1)
				.thenComparingInt(PreferencePageProvider::order).thenComparing(PreferencePageProvider::label));
		for (PreferencePageProvider p : sorted) {
			IPreferencePage page;
			try {
				page = p.createPage();
			} catch (RuntimeException e) {
				LOG.error("Preference page " + p.id() + " could not be created", e);
				continue;
			}
			page.setTitle(p.label());
			PreferenceNode node = new PreferenceNode(p.id(), page);
			IPreferenceNode parent = p.parentId() == null ? null : find(manager, p.parentId());
			if (parent != null) {
				parent.add(node);
			} else {
				manager.addToRoot(node);
			}
		}
		return manager;
	}

	private static IPreferenceNode find(PreferenceManager manager, String id) {
		for (IPreferenceNode n : manager.getElements(PreferenceManager.PRE_ORDER)) {
			if (n.getId().equals(id)) {
				return n;
			}
		}
		return null;
	}
}
