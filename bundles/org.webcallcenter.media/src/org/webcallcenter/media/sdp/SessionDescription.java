package org.webcallcenter.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SDP session description (RFC 4566): parse from and format to text. The model holds what the
 * softphone negotiates (origin, connection data, timing, media sections, direction, rtpmap, fmtp,
 * ptime, rtcp) and keeps every other line and attribute as it came, so WebRTC offers with ICE, DTLS,
 * msid and header extensions parse without failing.
 *
 * @param origin the o= line
 * @param sessionName the s= value
 * @param connection session-level c= line, or null if every media section has its own
 * @param startTime first t= start time
 * @param stopTime first t= stop time
 * @param otherLines session lines other than v, o, s, c, the first t and a, as "x=value", in order
 * @param attributes session-level a= lines in order
 * @param media the media sections in order
 */
public record SessionDescription(Origin origin, String sessionName, Connection connection, long startTime,
        long stopTime, List<String> otherLines, List<Attribute> attributes, List<MediaDescription> media) {

    private static final String CRLF = "\r\n";

    /** Validates and copies. */
    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        if (startTime < 0 || stopTime < 0) {
            throw new IllegalArgumentException("negative time");
        }
        otherLines = List.copyOf(otherLines);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
        for (String line : otherLines) {
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new IllegalArgumentException("other line '" + line + "' is not <type>=<value>");
            }
        }
    }

    /** @return the session-level direction attribute, if any */
    public Optional<Direction> direction() {
        return directionOf(attributes);
    }

    /**
     * @return the direction in effect for a media section: its own attribute, else the session's, else
     *         sendrecv (RFC 4566 §6)
     */
    public Direction directionOf(MediaDescription m) {
        return m.direction().orElse(direction().orElse(Direction.SENDRECV));
    }

    /** @return the connection data in effect for a media section, media level first */
    public Optional<Connection> connectionOf(MediaDescription m) {
        return Optional.ofNullable(m.connection() != null ? m.connection() : connection);
    }

    static Optional<Direction> directionOf(List<Attribute> attributes) {
        for (Attribute a : attributes) {
            Optional<Direction> d = a.value() == null ? Direction.fromAttribute(a.name()) : Optional.empty();
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** @return the description as SDP text with CRLF line ends */
    public String format() {
        StringBuilder out = new StringBuilder(512);
        out.append("v=0").append(CRLF);
        out.append("o=").append(origin).append(CRLF);
        out.append("s=").append(sessionName).append(CRLF);
        appendOther(out, "iuep", true);
        if (connection != null) {
            out.append("c=").append(connection).append(CRLF);
        }
        appendOther(out, "b", true);
        out.append("t=").append(startTime).append(' ').append(stopTime).append(CRLF);
        appendOther(out, "iuepb", false);
        for (Attribute a : attributes) {
            out.append("a=").append(a).append(CRLF);
        }
        for (MediaDescription m : media) {
            m.appendTo(out);
        }
        return out.toString();
    }

    private void appendOther(StringBuilder out, String types, boolean included) {
        for (String line : otherLines) {
            if ((types.indexOf(line.charAt(0)) >= 0) == included) {
                out.append(line).append(CRLF);
            }
        }
    }

    @Override
    public String toString() {
        return format();
    }

    /**
     * Parses SDP text with CRLF or LF line ends; blank lines are skipped.
     *
     * @throws SdpException naming the offending line if the text is not a valid description
     */
    public static SessionDescription parse(String text) throws SdpException {
        if (text == null) {
            throw new SdpException("no session description");
        }
        try {
            return new Parser(text).parse();
        } catch (RuntimeException e) {
            // Defence in depth: the parser validates before constructing, so this is a bug, but the
            // contract is a checked exception on any input.
            throw new SdpException("invalid session description: " + e.getMessage());
        }
    }

    private static final class Parser {

        private final String[] lines;
        private int lineNumber;
        private String line;

        private Origin origin;
        private String sessionName;
        private Connection sessionConnection;
        private long start = -1;
        private long stop = -1;
        private final List<String> sessionOther = new ArrayList<>();
        private final List<Attribute> sessionAttributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private String[] mLine;
        private int mLineNumber;
        private String mText;
        private Connection mConnection;
        private List<String> mOther;
        private List<Attribute> mAttributes;

        Parser(String text) {
            this.lines = text.split("\n", -1);
        }

        SessionDescription parse() throws SdpException {
            boolean sawVersion = false;
            for (int i = 0; i < lines.length; i++) {
                lineNumber = i + 1;
                line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                    throw fail("expected <type>=<value> with a lower-case type letter");
                }
                for (int c = 0; c < line.length(); c++) {
                    if (line.charAt(c) == '\r' || line.charAt(c) == 0) {
                        throw fail("contains a CR or NUL character");
                    }
                }
                char type = line.charAt(0);
                String value = line.substring(2);
                if (!sawVersion) {
                    if (type != 'v' || !value.equals("0")) {
                        throw fail("a description must start with v=0");
                    }
                    sawVersion = true;
                    continue;
                }
                handle(type, value);
            }
            if (!sawVersion) {
                throw new SdpException("empty session description");
            }
            endMedia();
            if (origin == null) {
                throw new SdpException("missing o= line");
            }
            if (sessionName == null) {
                throw new SdpException("missing s= line");
            }
            return new SessionDescription(origin, sessionName, sessionConnection, Math.max(start, 0),
                    Math.max(stop, 0), sessionOther, sessionAttributes, media);
        }

        private void handle(char type, String value) throws SdpException {
            boolean inMedia = mLine != null;
            switch (type) {
                case 'v' -> throw fail("duplicate v= line");
                case 'o' -> {
                    if (inMedia || origin != null) {
                        throw fail("o= must appear once, before the first m= line");
                    }
                    origin = parseOrigin(value);
                }
                case 's' -> {
                    if (inMedia || sessionName != null) {
                        throw fail("s= must appear once, before the first m= line");
                    }
                    sessionName = value;
                }
                case 't' -> {
                    if (inMedia) {
                        throw fail("t= must appear before the first m= line");
                    }
                    parseTiming(value);
                }
                case 'c' -> {
                    Connection c = parseConnection(value);
                    if (inMedia) {
                        if (mConnection != null) {
                            throw fail("duplicate c= line in media section");
                        }
                        mConnection = c;
                    } else {
                        if (sessionConnection != null) {
                            throw fail("duplicate session-level c= line");
                        }
                        sessionConnection = c;
                    }
                }
                case 'm' -> {
                    endMedia();
                    startMedia(value);
                }
                case 'a' -> (inMedia ? mAttributes : sessionAttributes).add(parseAttribute(value));
                default -> (inMedia ? mOther : sessionOther).add(line);
            }
        }

        private Origin parseOrigin(String value) throws SdpException {
            String[] f = value.split(" ", -1);
            if (f.length != 6) {
                throw fail("o= needs 6 fields: username sess-id sess-version IN addrtype address");
            }
            if (f[0].isEmpty()) {
                throw fail("empty username");
            }
            if (!SdpText.isDigits(f[1]) || !SdpText.isDigits(f[2])) {
                throw fail("session id and version must be decimal numbers");
            }
            return new Origin(f[0], f[1], f[2], connection(f[3], f[4], f[5]));
        }

        private void parseTiming(String value) throws SdpException {
            String[] f = value.split(" ", -1);
            if (f.length != 2 || !SdpText.isDigits(f[0]) || !SdpText.isDigits(f[1]) || f[0].length() > 18
                    || f[1].length() > 18) {
                throw fail("t= needs a start and a stop time in decimal");
            }
            if (start < 0) {
                start = Long.parseLong(f[0]);
                stop = Long.parseLong(f[1]);
            } else {
                sessionOther.add(line);
            }
        }

        private Connection parseConnection(String value) throws SdpException {
            String[] f = value.split(" ", -1);
            if (f.length != 3) {
                throw fail("c= needs 3 fields: IN addrtype address");
            }
            return connection(f[0], f[1], f[2]);
        }

        private Connection connection(String netType, String addressType, String address) throws SdpException {
            if (!netType.equals("IN")) {
                throw fail("network type must be IN, not '" + netType + "'");
            }
            if (!addressType.equals(Connection.IP4) && !addressType.equals(Connection.IP6)) {
                throw fail("address type must be IP4 or IP6, not '" + addressType + "'");
            }
            if (address.isEmpty() || address.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
                throw fail("missing or invalid address");
            }
            if (addressType.equals(Connection.IP4) && address.indexOf(':') >= 0) {
                throw fail("IPv6 address with address type IP4");
            }
            return new Connection(addressType, address);
        }

        private void startMedia(String value) throws SdpException {
            String[] f = value.split(" ", -1);
            if (f.length < 3 || f[0].isEmpty() || f[2].isEmpty()) {
                throw fail("m= needs media, port, protocol and formats");
            }
            String[] port = f[1].split("/", -1);
            if (port.length > 2 || SdpText.parseInt(port[0], 65535) < 0
                    || port.length == 2 && SdpText.parseInt(port[1], 65535) <= 0) {
                throw fail("port must be a number 0..65535, optionally /count");
            }
            boolean rtp = f[2].contains("RTP/");
            if (f.length == 3 && SdpText.parseInt(port[0], 65535) != 0) {
                throw fail("m= line without formats");
            }
            for (int i = 3; i < f.length; i++) {
                if (f[i].isEmpty() || rtp && SdpText.parseInt(f[i], 127) < 0) {
                    throw fail("format '" + f[i] + "' is not " + (rtp ? "an RTP payload type 0..127" : "valid"));
                }
            }
            mLine = f;
            mLineNumber = lineNumber;
            mText = line;
            mConnection = null;
            mOther = new ArrayList<>();
            mAttributes = new ArrayList<>();
        }

        private void endMedia() throws SdpException {
            if (mLine == null) {
                return;
            }
            if (mConnection == null && sessionConnection == null) {
                throw new SdpException(mLineNumber, mText, "no c= line for this media section or the session");
            }
            String[] port = mLine[1].split("/", -1);
            media.add(new MediaDescription(mLine[0], SdpText.parseInt(port[0], 65535),
                    port.length == 2 ? SdpText.parseInt(port[1], 65535) : 0, mLine[2],
                    List.of(mLine).subList(3, mLine.length), mConnection, mOther, mAttributes));
            mLine = null;
        }

        private Attribute parseAttribute(String value) throws SdpException {
            int colon = value.indexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            if (name.isEmpty() || name.indexOf(' ') >= 0) {
                throw fail("missing or invalid attribute name");
            }
            if (colon < 0) {
                if (name.equals("rtpmap") || name.equals("fmtp") || name.equals("ptime") || name.equals("rtcp")) {
                    throw fail("a=" + name + " needs a value");
                }
                return Attribute.property(name);
            }
            String attrValue = value.substring(colon + 1);
            switch (name) {
                case "rtpmap" -> {
                    if (RtpMap.parse(attrValue).isEmpty()) {
                        throw fail("rtpmap must be <payload type> <encoding>/<clock rate>[/<channels>]");
                    }
                }
                case "fmtp" -> {
                    int space = attrValue.indexOf(' ');
                    if (space <= 0) {
                        throw fail("fmtp must be <format> <parameters>");
                    }
                }
                case "ptime" -> {
                    if (SdpText.parseInt(attrValue, 100_000) <= 0) {
                        throw fail("ptime must be a positive number of milliseconds");
                    }
                }
                case "rtcp" -> {
                    String[] f = attrValue.split(" ", -1);
                    if (SdpText.parseInt(f[0], 65535) < 0) {
                        throw fail("rtcp must start with a port 0..65535");
                    }
                    if (f.length != 1) {
                        if (f.length != 4) {
                            throw fail("rtcp must be <port> [IN <addrtype> <address>]");
                        }
                        connection(f[1], f[2], f[3]);
                    }
                }
                default -> {
                    if (Direction.fromAttribute(name).isPresent()) {
                        throw fail("a=" + name + " takes no value");
                    }
                }
            }
            return Attribute.of(name, attrValue);
        }

        private SdpException fail(String problem) {
            return new SdpException(lineNumber, line, problem);
        }
    }
}
