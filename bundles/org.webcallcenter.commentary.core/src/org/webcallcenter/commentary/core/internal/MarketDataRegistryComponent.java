package org.webcallcenter.commentary.core.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.webcallcenter.commentary.api.market.MarketDataProvider;
import org.webcallcenter.commentary.api.market.MarketDataRegistry;

/** The whiteboard of market data providers: every {@link MarketDataProvider} service, live ones first, simulated last. */
@Component(service = MarketDataRegistry.class)
public final class MarketDataRegistryComponent implements MarketDataRegistry {
	private final List<MarketDataProvider> providers = new CopyOnWriteArrayList<>();

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void addProvider(MarketDataProvider p) {
		providers.add(p);
	}

	void removeProvider(MarketDataProvider p) {
		providers.remove(p);
	}

	@Override
	public List<MarketDataProvider> providers() {
		return providers.stream().sorted(Comparator.comparingInt((MarketDataProvider p) -> p.info().simulated() ? 2 : p.info().live() ? 0 : 1)
				.thenComparing(p -> p.info().name())).toList();
	}

	@Override
	public Optional<MarketDataProvider> provider(String id) {
		return providers.stream().filter(p -> p.info().id().equals(id)).findFirst();
	}
}
