package org.webcallcenter.commentary.api.market;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives quote updates of a subscription, on a provider thread (never the UI thread): do little and hand the
 * quotes on. A provider may deliver several updates in one call (batched) and never calls one listener from two
 * threads at once.
 */
@ConsumerType
@FunctionalInterface
public interface QuoteListener {
	void quotes(List<Quote> updates);
}
