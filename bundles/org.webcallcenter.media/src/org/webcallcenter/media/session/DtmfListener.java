package org.webcallcenter.media.session;

/**
 * Receives the DTMF digits the peer sent as RFC 4733 telephone events, once per key press. Called on
 * the session's RTP receiver thread; it must return promptly.
 */
@FunctionalInterface
public interface DtmfListener {

    /** @param digit '0'..'9', '*', '#' or 'A'..'D' */
    void onDigit(char digit);
}
