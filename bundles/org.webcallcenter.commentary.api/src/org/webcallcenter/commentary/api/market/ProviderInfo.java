package org.webcallcenter.commentary.api.market;

import java.util.Objects;

/**
 * What a provider is, for people.
 *
 * @param id          stable id, for example {@code simulated} or {@code csv}
 * @param name        the name shown wherever its data shows, for example {@code Simulated feed}
 * @param simulated   whether the data is made up: every place that shows it must say so ("Simulated")
 * @param live        whether quotes change while the workstation runs (subscriptions deliver updates)
 * @param description one sentence for tooltips and the about box
 */
public record ProviderInfo(String id, String name, boolean simulated, boolean live, String description) {
	public ProviderInfo {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		description = description == null ? "" : description;
	}

	/** @return the name with the simulated label when the data is simulated, for titles and status lines */
	public String label() {
		return simulated && !name.toLowerCase(java.util.Locale.ROOT).contains("simulated") ? name + " (Simulated)" : name;
	}
}
