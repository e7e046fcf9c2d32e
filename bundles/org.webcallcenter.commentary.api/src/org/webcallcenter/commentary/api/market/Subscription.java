package org.webcallcenter.commentary.api.market;

import org.osgi.annotation.versioning.ProviderType;

/** A live quote subscription; close it to unsubscribe (idempotent). No update is delivered after close returns. */
@ProviderType
public interface Subscription extends AutoCloseable {
	@Override
	void close();
}
