/**
 * Call quality measurement: RTP receiver statistics (RFC 3550) and the ITU-T G.107 E-model.
 */
package org.webcallcenter.media.quality;
