package org.webcallcenter.commentary.ui.internal;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.graphics.Color;
import org.webcallcenter.commentary.api.internal.CommentaryPreferences;
import org.webcallcenter.commentary.api.market.Instrument;
import org.webcallcenter.commentary.api.market.PriceConvention;

/**
 * Which colour a rise and a fall get: by the instrument's market (red up in mainland China, green up elsewhere)
 * unless the expert chose one convention for everything (preference {@code commentary.priceColours}).
 */
final class PriceColours {
	static final String AUTO = "auto";
	static final String RED_UP = "red-up";
	static final String GREEN_UP = "green-up";

	static final Color RED = new Color(0xd6, 0x1f, 0x1f);
	static final Color GREEN = new Color(0x13, 0x8a, 0x36);

	private PriceColours() {
	}

	static String setting() {
		return Platform.getPreferencesService().getString(CommentaryPreferences.NODE, CommentaryPreferences.PRICE_COLOURS, AUTO, null);
	}

	static void set(String value) {
		var node = InstanceScope.INSTANCE.getNode(CommentaryPreferences.NODE);
		node.put(CommentaryPreferences.PRICE_COLOURS, value);
		try {
			node.flush();
		} catch (org.osgi.service.prefs.BackingStoreException e) {
			org.eclipse.core.runtime.ILog.of(PriceColours.class).warn("Could not save the price colours: " + e.getMessage());
		}
	}

	static PriceConvention convention(Instrument i, String setting) {
		return switch (setting) {
		case RED_UP -> PriceConvention.RED_UP;
		case GREEN_UP -> PriceConvention.GREEN_UP;
		default -> i == null ? PriceConvention.GREEN_UP : i.convention();
		};
	}

	/** @return the colour of a change: up, down, or null for unchanged (the default foreground) */
	static Color of(double change, PriceConvention c) {
		if (change == 0 || Double.isNaN(change)) {
			return null;
		}
		boolean up = change > 0;
		return up == (c == PriceConvention.RED_UP) ? RED : GREEN;
	}
}
