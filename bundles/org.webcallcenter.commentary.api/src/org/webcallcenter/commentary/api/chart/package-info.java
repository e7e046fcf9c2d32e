/**
 * The state of a chart (instrument, period, indicators, the expert's drawings, the visible range): state, not
 * pixels, so that a commentary can carry it and a customer's page can draw the same chart from it.
 * {@link org.webcallcenter.commentary.api.chart.ChartState#toJson()} is the wire and archive form.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.webcallcenter.commentary.api.chart;
