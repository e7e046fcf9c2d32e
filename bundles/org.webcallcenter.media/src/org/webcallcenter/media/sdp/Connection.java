package org.webcallcenter.media.sdp;

import java.util.Objects;

/**
 * Connection data (c=, RFC 4566 §5.7) with network type IN.
 *
 * @param addressType "IP4" or "IP6"
 * @param address the address as written, possibly a host name or with a multicast /ttl suffix
 */
public record Connection(String addressType, String address) {

    /** Address type of IPv4 connection data. */
    public static final String IP4 = "IP4";
    /** Address type of IPv6 connection data. */
    public static final String IP6 = "IP6";

    /** Validates the fields. */
    public Connection {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
        if (!IP4.equals(addressType) && !IP6.equals(addressType)) {
            throw new IllegalArgumentException("address type " + addressType + " is neither IP4 nor IP6");
        }
        if (address.isEmpty() || address.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
            throw new IllegalArgumentException("bad address '" + address + "'");
        }
    }

    /** @return connection data for an address, IP6 if it contains a ':' and IP4 otherwise */
    public static Connection of(String address) {
        return new Connection(address.indexOf(':') >= 0 ? IP6 : IP4, address);
    }

    /**
     * @return whether this is the RFC 2543 hold address 0.0.0.0 (or the IPv6 unspecified address),
     *         meaning the describer does not want to receive media
     */
    public boolean isUnspecified() {
        return IP4.equals(addressType) ? address.equals("0.0.0.0") : address.equals("::");
    }

    /** @return the value of the c= line, e.g. "IN IP4 192.0.2.1" */
    @Override
    public String toString() {
        return "IN " + addressType + " " + address;
    }
}
