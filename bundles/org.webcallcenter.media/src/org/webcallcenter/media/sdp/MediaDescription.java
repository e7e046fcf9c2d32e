package org.webcallcenter.media.sdp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media section (RFC 4566 §5.14): the m= line and the lines up to the next m= line.
 *
 * @param media media type, e.g. "audio", "video"
 * @param port transport port, 0 for a rejected or disabled stream (RFC 3264 §6)
 * @param portCount number of ports from "port/count", or 0 if not given
 * @param protocol transport protocol, e.g. "RTP/AVP", "UDP/TLS/RTP/SAVPF"
 * @param formats media formats, RTP payload types for RTP protocols
 * @param connection media-level c= line, or null to use the session's
 * @param otherLines lines other than c= and a= (i=, b=, k=, unknown types) as "x=value", kept in order
 * @param attributes a= lines in order, unknown ones included
 */
public record MediaDescription(String media, int port, int portCount, String protocol, List<String> formats,
        Connection connection, List<String> otherLines, List<Attribute> attributes) {

    /** Validates and copies. */
    public MediaDescription {
        if (media == null || media.isEmpty() || media.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("bad media type '" + media + "'");
        }
        if (port < 0 || port > 65535 || portCount < 0) {
            throw new IllegalArgumentException("bad port " + port + "/" + portCount);
        }
        if (protocol == null || protocol.isEmpty() || protocol.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("bad protocol '" + protocol + "'");
        }
        formats = List.copyOf(formats);
        otherLines = List.copyOf(otherLines);
        attributes = List.copyOf(attributes);
        for (String f : formats) {
            if (f.isEmpty() || f.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("bad format '" + f + "'");
            }
        }
    }

    /** @return a media section with the given fields and no other lines */
    public static MediaDescription of(String media, int port, String protocol, List<String> formats,
            List<Attribute> attributes) {
        return new MediaDescription(media, port, 0, protocol, formats, null, List.of(), attributes);
    }

    /** @return whether the protocol carries RTP, so that formats are payload types */
    public boolean isRtp() {
        return protocol.contains("RTP/");
    }

    /** @return the first attribute with the given name */
    public Optional<Attribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** @return the direction attribute of this section, if any */
    public Optional<Direction> direction() {
        return SessionDescription.directionOf(attributes);
    }

    /** @return the a=rtpmap for a format, if given and valid */
    public Optional<RtpMap> rtpMap(String format) {
        for (Attribute a : attributes) {
            if (a.name().equals("rtpmap")) {
                Optional<RtpMap> map = RtpMap.parse(a.value());
                if (map.isPresent() && format.equals(Integer.toString(map.get().payloadType()))) {
                    return map;
                }
            }
        }
        return Optional.empty();
    }

    /** @return the parameters of the a=fmtp for a format, if given */
    public Optional<String> fmtp(String format) {
        String prefix = format + " ";
        return attributes.stream().filter(a -> a.name().equals("fmtp") && a.value() != null
                && a.value().startsWith(prefix)).map(a -> a.value().substring(prefix.length()).trim()).findFirst();
    }

    /** @return the a=ptime in milliseconds, if given */
    public OptionalInt ptime() {
        Optional<Attribute> ptime = attribute("ptime");
        int value = ptime.isPresent() ? SdpText.parseInt(ptime.get().value(), 100_000) : -1;
        return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
    }

    /** @return the port of the a=rtcp attribute (RFC 3605), if given */
    public OptionalInt rtcpPort() {
        Optional<Attribute> rtcp = attribute("rtcp");
        if (rtcp.isEmpty() || rtcp.get().value() == null) {
            return OptionalInt.empty();
        }
        String value = rtcp.get().value();
        int space = value.indexOf(' ');
        int port = SdpText.parseInt(space < 0 ? value : value.substring(0, space), 65535);
        return port >= 0 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /** Appends this section's lines, CRLF-terminated. */
    void appendTo(StringBuilder out) {
        out.append("m=").append(media).append(' ').append(port);
        if (portCount > 0) {
            out.append('/').append(portCount);
        }
        out.append(' ').append(protocol);
        for (String f : formats) {
            out.append(' ').append(f);
        }
        out.append("\r\n");
        otherLines.stream().filter(l -> l.startsWith("i=")).forEach(l -> out.append(l).append("\r\n"));
        if (connection != null) {
            out.append("c=").append(connection).append("\r\n");
        }
        otherLines.stream().filter(l -> !l.startsWith("i=")).forEach(l -> out.append(l).append("\r\n"));
        for (Attribute a : attributes) {
            out.append("a=").append(a).append("\r\n");
        }
    }
}
