package org.webcallcenter.media.sdp;

/**
 * Thrown when text received from a peer is not a usable SDP session description. Checked on purpose,
 * like {@code MalformedPacketException}: a malformed offer must turn into a SIP error response, and
 * the parser never throws unchecked exceptions instead.
 */
public class SdpException extends Exception {

    private static final long serialVersionUID = 1L;

    private static final int MAX_QUOTED = 80;

    private final int lineNumber;

    /** @param message what was wrong with the description as a whole */
    public SdpException(String message) {
        super(message);
        this.lineNumber = 0;
    }

    /**
     * @param lineNumber 1-based number of the offending line
     * @param line the offending line, quoted (shortened) in the message
     * @param problem what was wrong with it
     */
    public SdpException(int lineNumber, String line, String problem) {
        super("line " + lineNumber + " \"" + quote(line) + "\": " + problem);
        this.lineNumber = lineNumber;
    }

    /** @return the 1-based number of the offending line, or 0 if the problem is not tied to a line */
    public int lineNumber() {
        return lineNumber;
    }

    private static String quote(String line) {
        String shown = line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "..." : line;
        StringBuilder out = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? String.format("\\x%02X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
