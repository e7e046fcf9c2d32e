package org.webcallcenter.commentary.api.market;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** All registered market data providers, as the UI and the commentary service look them up. */
@ProviderType
public interface MarketDataRegistry {

	/** @return the providers registered now, live ones first, simulated ones last */
	List<MarketDataProvider> providers();

	Optional<MarketDataProvider> provider(String id);

	/** @return the first provider (in {@link #providers()} order) that knows the symbol */
	default Optional<MarketDataProvider> providerOf(String symbol) {
		return providers().stream().filter(p -> p.instrument(symbol).isPresent()).findFirst();
	}
}
