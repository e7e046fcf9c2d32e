package org.webcallcenter.media.sdp;

/** Small lexical helpers that never throw on any input. */
final class SdpText {

    private SdpText() {
    }

    /** @return whether s is a non-empty string of at most 20 ASCII digits */
    static boolean isDigits(String s) {
        if (s == null || s.isEmpty() || s.length() > 20) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** @return the decimal value of s if it is in 0..max, otherwise -1 */
    static int parseInt(String s, int max) {
        if (!isDigits(s) || s.length() > 10) {
            return -1;
        }
        long value = Long.parseLong(s);
        return value <= max ? (int) value : -1;
    }
}
