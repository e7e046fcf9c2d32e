package org.webcallcenter.sip.jain.internal.stack;

/**
 * Application data that {@link DroppingMessageParserFactory} puts on a request whose request line names a SIP
 * version other than SIP/2.0: the RI's parser accepts any version and reports SIP/2.0, so only the raw bytes tell.
 *
 * @param version the version as sent, at most 20 characters
 */
public record UnsupportedVersion(String version) {
}
