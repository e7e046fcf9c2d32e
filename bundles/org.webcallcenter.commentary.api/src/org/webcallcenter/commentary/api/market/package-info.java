/**
 * Market data as the commentary tools see it, and the SPI a market data provider implements: a
 * {@link org.webcallcenter.commentary.api.market.MarketDataProvider} gives instruments, quotes and bars (daily and
 * intraday) and live quote subscriptions. Providers are OSGi services (whiteboard); the workstation ships a CSV
 * importer and a simulated feed, and a live-feed provider is a separate bundle that registers one more service.
 * Optional abilities are typed capabilities ({@link org.webcallcenter.commentary.api.market.MarketDataProvider#capability(Class)}),
 * so the SPI grows by default methods and new capability types, never by breaking providers. Version 0.x while
 * issue 6 is built.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.webcallcenter.commentary.api.market;
