package org.webcallcenter.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SampleRingTest {

    private static short[] ramp(int from, int count) {
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            out[i] = (short) (from + i);
        }
        return out;
    }

    @Test
    void lessThanAFrameIsAnUnderrun() {
        SampleRing ring = new SampleRing(4, 3);
        assertNull(ring.nextFrame());
        ring.write(ramp(0, 3), 0, 3);
        assertNull(ring.nextFrame());
        assertEquals(2, ring.underruns());
        ring.write(ramp(3, 2), 0, 2);
        assertArrayEquals(ramp(0, 4), ring.nextFrame());
        assertEquals(1, ring.size());
        assertNull(ring.nextFrame());
        assertEquals(3, ring.underruns());
        assertEquals(0, ring.overruns());
    }

    @Test
    void aFullRingDropsTheOldestSamplesAndCountsOneOverrunPerWrite() {
        SampleRing ring = new SampleRing(4, 3);
        ring.write(ramp(0, 10), 0, 10);
        assertEquals(0, ring.overruns());
        ring.write(ramp(10, 4), 0, 4);
        assertEquals(1, ring.overruns());
        assertEquals(12, ring.size());
        assertArrayEquals(ramp(2, 4), ring.nextFrame(), "the two oldest were dropped");
        assertArrayEquals(ramp(6, 4), ring.nextFrame());
        assertArrayEquals(ramp(10, 4), ring.nextFrame());
        ring.write(ramp(100, 30), 0, 30);
        assertEquals(2, ring.overruns());
        assertArrayEquals(ramp(118, 4), ring.nextFrame(), "only the newest capacity's worth is kept");
        assertEquals(0, ring.underruns());
    }

    @Test
    void samplesComeOutInOrderAcrossTheWrapAround() {
        SampleRing ring = new SampleRing(4, 3);
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 50; round++) {
            int len = 1 + round % 5;
            ring.write(ramp(next, len), 0, len);
            next += len;
            while (ring.size() >= 4) {
                assertArrayEquals(ramp(expected, 4), ring.nextFrame());
                expected += 4;
            }
        }
        assertEquals(0, ring.overruns());
    }
}
