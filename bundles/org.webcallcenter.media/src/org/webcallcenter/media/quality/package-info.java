/**
 * Call quality measurement: RTP receiver statistics (RFC 3550), the ITU-T G.107 E-model, and tone and level
 * analysis of PCM audio.
 */
package org.webcallcenter.media.quality;
