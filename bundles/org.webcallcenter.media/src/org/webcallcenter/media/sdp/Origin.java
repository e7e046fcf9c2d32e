package org.webcallcenter.media.sdp;

import java.util.Objects;

/**
 * The o= line (RFC 4566 §5.2). Session id and version are kept as decimal strings: peers use 64-bit
 * and NTP-based values and only compare them.
 *
 * @param username login of the originating user, "-" if none
 * @param sessionId numeric session id
 * @param sessionVersion numeric version, increased with each new offer in a dialog
 * @param connection network type IN, address type and unicast address of the originator
 */
public record Origin(String username, String sessionId, String sessionVersion, Connection connection) {

    /** Validates the fields. */
    public Origin {
        Objects.requireNonNull(connection, "connection");
        if (username == null || username.isEmpty() || username.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("bad username '" + username + "'");
        }
        if (!SdpText.isDigits(sessionId) || !SdpText.isDigits(sessionVersion)) {
            throw new IllegalArgumentException("session id and version must be decimal numbers");
        }
    }

    /** @return the value of the o= line */
    @Override
    public String toString() {
        return username + " " + sessionId + " " + sessionVersion + " " + connection;
    }
}
