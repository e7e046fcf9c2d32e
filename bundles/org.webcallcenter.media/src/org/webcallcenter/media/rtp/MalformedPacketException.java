package org.webcallcenter.media.rtp;

/**
 * Thrown when bytes received from the network do not form a valid RTP packet or payload. It is a
 * checked exception on purpose: every parse of untrusted input must decide what to do with garbage
 * (normally count and drop it), and parsers in this package never throw unchecked exceptions instead.
 */
public class MalformedPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, including the offending values */
    public MalformedPacketException(String message) {
        super(message);
    }
}
