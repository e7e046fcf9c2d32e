package org.webcallcenter.media.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.codec.G711;

/** Port pairs bound ahead of a call, on loopback. */
class RtpPortsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static final FrameSource SILENCE = () -> new short[RtpSession.SAMPLES_PER_FRAME];
    private static final FrameSink NOWHERE = pcm -> {
    };

    @Test
    void sessionsTakeWaitingEvenOddPairsAndRefillBindsNewOnes() throws Exception {
        try (RtpPorts ports = new RtpPorts(LOOPBACK, 2)) {
            assertEquals(0, ports.waiting());
            ports.refill();
            assertEquals(2, ports.waiting());
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < 3; i++) { // the third finds none waiting and binds its own
                try (RtpSession s = RtpSession.bind(new RtpSession.Config().law(G711.Law.MU_LAW).ports(ports),
                        SILENCE, NOWHERE)) {
                    InetSocketAddress local = s.localRtpAddress();
                    assertEquals(LOOPBACK, local.getAddress());
                    assertEquals(0, local.getPort() % 2, "RTP on an even port: " + local);
                    assertTrue(used.add(local.getPort()), "a pair is handed out once: " + local);
                    assertEquals(Math.max(0, 1 - i), ports.waiting());
                }
            }
            ports.refill();
            assertEquals(2, ports.waiting());
        }
    }

    @Test
    void aTakenPairHoldsNothingThatArrivedWhileItWaited() throws Exception {
        try (DatagramChannel waiting = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
                DatagramChannel stray = DatagramChannel.open()) {
            for (int i = 0; i < 3; i++) {
                stray.send(ByteBuffer.wrap(new byte[] { (byte) 0x80, 0, 0, (byte) i }), waiting.getLocalAddress());
            }
            // loopback delivers on send: all three wait; reading the first shows they arrived
            waiting.configureBlocking(true);
            ByteBuffer first = ByteBuffer.allocate(64);
            waiting.receive(first);
            RtpPorts.drain(waiting);
            assertTrue(waiting.isBlocking(), "handed out blocking, as the session's threads expect");
            waiting.configureBlocking(false);
            assertNull(waiting.receive(ByteBuffer.allocate(64)), "the other two stray datagrams are gone");
        }
    }

    @Test
    void aClosedPoolBindsNothingAndSessionsKeepTheirPairs() throws Exception {
        RtpPorts ports = new RtpPorts(LOOPBACK, 1);
        ports.refill();
        RtpSession kept = RtpSession.bind(new RtpSession.Config().ports(ports), SILENCE, NOWHERE);
        ports.refill();
        assertEquals(1, ports.waiting());
        ports.close();
        assertEquals(0, ports.waiting());
        ports.refill();
        assertEquals(0, ports.waiting(), "a closed pool binds nothing");
        try (kept) {
            assertFalse(kept.localRtpAddress().getPort() == 0);
            try (DatagramChannel same = DatagramChannel.open()) {
                assertThrows(BindException.class, () -> same.bind(kept.localRtpAddress()), "still the session's");
            }
        }
    }
}
