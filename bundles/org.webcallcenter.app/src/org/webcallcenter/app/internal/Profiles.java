package org.webcallcenter.app.internal;

import org.eclipse.core.runtime.IProduct;
import org.eclipse.core.runtime.Platform;
import org.webcallcenter.app.api.WorkstationProfile;

/** Reads the profile from the running product. */
public final class Profiles {
	private Profiles() {
	}

	public static WorkstationProfile current() {
		IProduct product = Platform.getProduct();
		return WorkstationProfile.fromId(product == null ? null : product.getProperty(WorkstationProfile.PRODUCT_PROPERTY));
	}
}
