/**
 * Receive-side playout: the adaptive jitter buffer and packet loss concealment.
 */
package org.webcallcenter.media.playout;
