/**
 * The RTP/RTCP session carrying one call's G.711 audio over UDP: pacing, symmetric RTP, jitter
 * buffering, RTCP reports and quality snapshots.
 */
package org.webcallcenter.media.session;
