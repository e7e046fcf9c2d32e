package org.webcallcenter.app.ui;

import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.jface.preference.IPreferencePage;

/**
 * A {@link PreferencePageProvider} for the common case: a fixed id, label and position, and a page factory.
 * Subclass it with a no-argument constructor and annotate the subclass as a DS component.
 */
public abstract class SimplePreferencePageProvider implements PreferencePageProvider {
	private final String id;
	private final String label;
	private final int order;
	private final Supplier<IPreferencePage> factory;

	protected SimplePreferencePageProvider(String id, String label, int order, Supplier<IPreferencePage> factory) {
		this.id = Objects.requireNonNull(id);
		this.label = Objects.requireNonNull(label);
		this.order = order;
		this.factory = Objects.requireNonNull(factory);
	}

	@Override
	public String id() {
		return id;
	}

	@Override
	public String label() {
		return label;
	}

	@Override
	public int order() {
		return order;
	}

	@Override
	public IPreferencePage createPage() {
		return factory.get();
	}
}
