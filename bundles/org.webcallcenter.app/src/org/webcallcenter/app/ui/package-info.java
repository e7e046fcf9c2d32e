/**
 * UI-level extension points of the desktop shell for other plugins: preference pages. Register a
 * {@link PreferencePageProvider} as an OSGi service (a DS component) and its page appears in File &gt;
 * Preferences.
 */
package org.webcallcenter.app.ui;
