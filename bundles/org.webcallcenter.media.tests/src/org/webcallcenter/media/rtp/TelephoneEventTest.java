package org.webcallcenter.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TelephoneEventTest {

    @Test
    void encodesTheRfc4733Layout() {
        // digit 5, end of event, volume 10 (-10 dBm0), duration 1600 (200 ms at 8 kHz)
        byte[] wire = new TelephoneEvent(5, true, 10, 1600).encode();
        assertArrayEquals(new byte[] { 5, (byte) 0x8A, 0x06, 0x40 }, wire);
        assertArrayEquals(new byte[] { 11, 63, (byte) 0xFF, (byte) 0xFF },
                new TelephoneEvent(11, false, 63, 65535).encode());
    }

    @Test
    void decodeIgnoresTheReservedBitAndRoundTrips() throws Exception {
        assertEquals(new TelephoneEvent(5, true, 10, 1600),
                TelephoneEvent.decode(new byte[] { 5, (byte) 0xCA, 0x06, 0x40 }));
        for (int event : new int[] { 0, 9, 15, 255 }) {
            TelephoneEvent e = new TelephoneEvent(event, event % 2 == 0, event % 64, event * 200);
            assertEquals(e, TelephoneEvent.decode(e.encode()));
        }
    }

    @Test
    void decodeRejectsShortPayloads() {
        assertThrows(MalformedPacketException.class, () -> TelephoneEvent.decode(new byte[3]));
        assertThrows(MalformedPacketException.class, () -> TelephoneEvent.decode(null));
    }

    @Test
    void dtmfDigitsMapToEventCodes() {
        String digits = "0123456789*#ABCD";
        for (int code = 0; code < 16; code++) {
            assertEquals(code, TelephoneEvent.eventCode(digits.charAt(code)));
            assertEquals(digits.charAt(code), TelephoneEvent.digitOf(code));
            assertEquals(digits.charAt(code), new TelephoneEvent(code, false, 0, 0).digit());
        }
        assertEquals(10, TelephoneEvent.eventCode('*'));
        assertEquals(11, TelephoneEvent.eventCode('#'));
        assertEquals(12, TelephoneEvent.eventCode('a'));
        assertTrue(new TelephoneEvent(15, false, 0, 0).isDtmf());
        assertFalse(new TelephoneEvent(16, false, 0, 0).isDtmf());
        assertThrows(IllegalArgumentException.class, () -> TelephoneEvent.eventCode('E'));
        assertThrows(IllegalArgumentException.class, () -> TelephoneEvent.digitOf(16));
        assertThrows(IllegalStateException.class, () -> new TelephoneEvent(32, false, 0, 0).digit());
    }

    @Test
    void rejectsOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(256, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(1, false, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(1, false, 0, 65536));
    }
}
