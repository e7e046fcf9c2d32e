package org.webcallcenter.commentary.ui.internal;

/** e4 event broker topics among the commentary parts (data: see each). */
final class Topics {
	/** Open an instrument in the chart; data: {@code "providerId|symbol"}. */
	static final String SHOW_CHART = "org/webcallcenter/commentary/ui/SHOW_CHART";
	/** The chart's state changed; data: the {@code ChartState}. */
	static final String CHART_STATE = "org/webcallcenter/commentary/ui/CHART_STATE";
	/** Key of the widget data that names a control for the tests. */
	static final String TEST_ID = "org.webcallcenter.testId";

	private Topics() {
	}
}
