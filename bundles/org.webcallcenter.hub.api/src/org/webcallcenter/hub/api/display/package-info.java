/**
 * Showing things to the caller on their co-browsed page: the workstation's co-browsing view provides
 * {@link org.webcallcenter.hub.api.display.CallerDisplay} while it is open; other views (the commentary tools) use
 * it to push a chart or a published commentary as a panel onto the customer's page.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.webcallcenter.hub.api.display;
