package org.webcallcenter.commentary.api.market;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The market data SPI: what a provider bundle implements and registers as an OSGi service. The workstation ships
 * the CSV importer and the simulated feed; a live feed (an exchange or vendor connection) is one more bundle
 * registering this service. Methods may be called from any thread and must not block for long: a provider that
 * talks to the network answers from its cache and fills it in the background.
 */
@ConsumerType
public interface MarketDataProvider {

	ProviderInfo info();

	/** @return the instruments this provider has data for, in a stable order */
	List<Instrument> instruments();

	default Optional<Instrument> instrument(String symbol) {
		return instruments().stream().filter(i -> i.symbol().equals(symbol)).findFirst();
	}

	/** @return the latest quote, empty when the provider has none for this symbol */
	Optional<Quote> quote(String symbol);

	/**
	 * Bars of one instrument, oldest first.
	 *
	 * @param period the bar length; a provider without intraday data returns an empty list for intraday periods
	 * @param from   the first day wanted (inclusive)
	 * @param to     the last day wanted (inclusive)
	 * @throws MarketDataException for an unknown symbol
	 */
	List<Bar> bars(String symbol, Period period, LocalDate from, LocalDate to);

	/** @return the periods this provider can give bars for */
	default List<Period> periods() {
		return List.of(Period.DAY);
	}

	/**
	 * Starts delivering quote updates for the symbols. A provider that is not live returns a subscription that
	 * delivers nothing. Unknown symbols are ignored.
	 */
	Subscription subscribe(Collection<String> symbols, QuoteListener listener);

	/** Optional abilities (for example a level-2 book, or a reconnect control of a live feed). */
	default <T> Optional<T> capability(Class<T> type) {
		return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
	}
}
