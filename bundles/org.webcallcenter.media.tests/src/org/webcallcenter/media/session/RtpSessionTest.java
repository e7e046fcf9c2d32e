package org.webcallcenter.media.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.codec.G711;
import org.webcallcenter.media.rtp.MalformedPacketException;
import org.webcallcenter.media.rtp.RtpPacket;
import org.webcallcenter.media.rtp.TelephoneEvent;

/** Two sessions on loopback UDP. Waits for conditions with generous bounds; never asserts on speed. */
class RtpSessionTest {

    private static final double AMPLITUDE = 8000;
    private static final long WAIT_MS = 15_000;

    /** Phase-continuous sine generator. */
    private static final class Tone implements FrameSource {
        private final double step;
        private long n;

        Tone(double hz) {
            step = 2 * Math.PI * hz / 8000;
        }

        @Override
        public synchronized short[] nextFrame() {
            short[] frame = new short[RtpSession.SAMPLES_PER_FRAME];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) Math.round(AMPLITUDE * Math.sin(step * n++));
            }
            return frame;
        }
    }

    /** Keeps every frame that is not silence. */
    private static final class Capture implements FrameSink {
        private final List<short[]> frames = new ArrayList<>();

        @Override
        public synchronized void play(short[] pcm) {
            double sum = 0;
            for (short s : pcm) {
                sum += (double) s * s;
            }
            if (Math.sqrt(sum / pcm.length) > 200) {
                frames.add(pcm);
            }
        }

        synchronized int size() {
            return frames.size();
        }

        /** @return the last {@code count} non-silent frames, concatenated */
        synchronized short[] last(int count) {
            short[] out = new short[count * RtpSession.SAMPLES_PER_FRAME];
            List<short[]> tail = frames.subList(frames.size() - count, frames.size());
            for (int i = 0; i < count; i++) {
                System.arraycopy(tail.get(i), 0, out, i * RtpSession.SAMPLES_PER_FRAME, RtpSession.SAMPLES_PER_FRAME);
            }
            return out;
        }
    }

    /** Amplitude of the {@code hz} component by the Goertzel algorithm. */
    static double goertzelAmplitude(short[] x, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (short v : x) {
            double s = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / x.length;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static RtpSession.Config config() {
        return new RtpSession.Config().law(G711.Law.MU_LAW).rtcpIntervalMillis(200).cname("test@127.0.0.1");
    }

    private static void assertTone(short[] audio, double hz, double otherHz) {
        double wanted = goertzelAmplitude(audio, hz);
        double other = goertzelAmplitude(audio, otherHz);
        assertTrue(wanted > 0.5 * AMPLITUDE && wanted < 1.2 * AMPLITUDE, hz + " Hz amplitude " + wanted);
        assertTrue(other < 0.1 * AMPLITUDE, otherHz + " Hz amplitude " + other + " next to " + wanted);
    }

    private static boolean sessionThreadsAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }

    @Test
    void twoSessionsExchangeDistinctTones() throws Exception {
        Capture atA = new Capture();
        Capture atB = new Capture();
        try (RtpSession a = RtpSession.start(config(), new Tone(1000), atA);
                RtpSession b = RtpSession.start(config().law(G711.Law.MU_LAW), new Tone(440), atB)) {
            a.remote(b.localRtpAddress());
            b.remote(a.localRtpAddress());
            await("1 s of audio both ways", () -> atA.size() >= 50 && atB.size() >= 50);
            assertTone(atB.last(25), 1000, 440);
            assertTone(atA.last(25), 440, 1000);
            assertEquals(0, a.quality().malformedPackets());
            assertTrue(b.quality().packetsReceived() >= 50);
        }
    }

    @Test
    void lossThroughARelayIsCountedAndConcealed() throws Exception {
        Capture atB = new Capture();
        AtomicLong relayed = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        try (DatagramChannel relay = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                RtpSession a = RtpSession.start(config(), new Tone(1000), pcm -> { });
                RtpSession b = RtpSession.start(config(), new Tone(440), atB)) {
            InetSocketAddress toB = b.localRtpAddress();
            Thread relayThread = new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(2048);
                try {
                    for (long n = 1;; n++) {
                        buffer.clear();
                        relay.receive(buffer);
                        buffer.flip();
                        if (n % 20 == 0) {
                            dropped.incrementAndGet(); // fixed pattern: every 20th packet is lost
                        } else {
                            relay.send(buffer, toB);
                            relayed.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // relay closed
                }
            }, "test-lossy-relay");
            relayThread.start();
            a.remote((InetSocketAddress) relay.getLocalAddress());
            await("about 200 packets through the relay", () -> b.quality().packetsReceived() >= 190);
            QualitySnapshot q = b.quality();
            assertTrue(dropped.get() >= 9, "dropped " + dropped);
            assertTrue(q.lossPercent() > 3 && q.lossPercent() < 7, "loss " + q.lossPercent() + "%");
            await("concealment of the lost packets", () -> b.quality().concealedFrames() >= 3);
            assertTone(atB.last(25), 1000, 440);
            assertTrue(b.quality().mos() < a.quality().mos(), "MOS with loss " + b.quality().mos());
        }
    }

    @Test
    void rtcpReportsGiveARoundTripTime() throws Exception {
        try (RtpSession a = RtpSession.start(config(), new Tone(1000), pcm -> { });
                RtpSession b = RtpSession.start(config(), new Tone(440), pcm -> { })) {
            a.remote(b.localRtpAddress());
            b.remote(a.localRtpAddress());
            await("RTT on both sides", () -> !Double.isNaN(a.quality().rttMs()) && !Double.isNaN(b.quality().rttMs()));
            for (RtpSession s : List.of(a, b)) {
                QualitySnapshot q = s.quality();
                assertTrue(q.rttMs() >= 0 && q.rttMs() < 1000, "RTT " + q.rttMs());
                assertTrue(q.rtcpReportsReceived() >= 1);
                assertEquals(0, q.malformedRtcp());
                assertTrue(q.mos() > 4.0 && q.mos() <= 4.5, "MOS " + q.mos());
            }
        }
    }

    @Test
    void latchesOntoThePortThePeerActuallySendsFrom() throws Exception {
        Capture atB = new Capture();
        try (DatagramChannel decoy = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                RtpSession a = RtpSession.start(
                        config().latchRemote(true).remote((InetSocketAddress) decoy.getLocalAddress()),
                        new Tone(1000), pcm -> { });
                RtpSession b = RtpSession.start(config(), new Tone(440), atB)) {
            b.remote(a.localRtpAddress());
            await("A to latch onto B", () -> b.localRtpAddress().equals(a.remoteRtpAddress()));
            await("A's audio at B", () -> atB.size() >= 30);
            assertTone(atB.last(25), 1000, 440);
            await("RTCP latched too (RTT known at A)", () -> !Double.isNaN(a.quality().rttMs()));
        }
    }

    @Test
    void malformedDatagramsAreCountedAndIgnoredWhileAudioContinues() throws Exception {
        Capture atB = new Capture();
        try (DatagramChannel attacker = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                RtpSession a = RtpSession.start(config(), new Tone(1000), pcm -> { });
                RtpSession b = RtpSession.start(config(), new Tone(440), atB)) {
            a.remote(b.localRtpAddress());
            b.remote(a.localRtpAddress());
            await("audio at B", () -> b.quality().packetsReceived() >= 10);
            InetSocketAddress target = b.localRtpAddress();
            for (int i = 0; i < 50; i++) {
                byte[] junk = new byte[i % 2 == 0 ? 5 : 172];
                junk[0] = (byte) (i % 4 == 1 ? 0x40 : 0x00); // too short, or RTP version 0/1
                attacker.send(ByteBuffer.wrap(junk), target);
            }
            byte[] foreign = RtpPacket.builder().payloadType(0).sequenceNumber(1).timestamp(1).ssrc(a.ssrc() ^ 1)
                    .payload(new byte[160]).build().toBytes();
            attacker.send(ByteBuffer.wrap(foreign), target);
            attacker.send(ByteBuffer.wrap(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }), new InetSocketAddress(
                    target.getAddress(), target.getPort() + 1));
            await("50 malformed datagrams counted", () -> b.quality().malformedPackets() == 50);
            await("the foreign SSRC ignored", () -> b.quality().ignoredPackets() == 1);
            await("the bad RTCP counted", () -> b.quality().malformedRtcp() == 1);
            long received = b.quality().packetsReceived();
            await("audio to continue", () -> b.quality().packetsReceived() >= received + 25);
            assertTone(atB.last(25), 1000, 440);
        }
    }

    @Test
    void dtmfDigitsArriveOnceEachInOrderWhileAudioKeepsFlowing() throws Exception {
        Capture atB = new Capture();
        List<Character> digits = new ArrayList<>();
        try (RtpSession a = RtpSession.start(config().telephoneEventPayloadType(101), new Tone(1000), pcm -> { });
                RtpSession b = RtpSession.start(config().telephoneEventPayloadType(101), new Tone(440), atB)) {
            b.addDtmfListener(digit -> {
                synchronized (digits) {
                    digits.add(digit);
                }
            });
            a.remote(b.localRtpAddress());
            b.remote(a.localRtpAddress());
            await("audio at B", () -> atB.size() >= 25);
            a.sendDtmf('1', 100);
            a.sendDtmf('#', 100);
            a.sendDtmf('9', 60);
            await("three digits at B", () -> sizeOfDigits(digits) >= 3);
            // Long enough for every end packet and more: 50 further packets after the last digit.
            long received = b.quality().packetsReceived();
            await("audio after the digits", () -> b.quality().packetsReceived() >= received + 50);
            synchronized (digits) {
                assertEquals(List.of('1', '#', '9'), digits);
            }
            assertEquals(0, b.quality().ignoredPackets());
            assertEquals(0, b.quality().malformedPackets());
            assertTone(atB.last(25), 1000, 440);
        }
    }

    @Test
    void dtmfPacketsFollowRfc4733OnTheWire() throws Exception {
        try (DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                RtpSession a = RtpSession.start(config().telephoneEventPayloadType(101)
                        .remote((InetSocketAddress) peer.getLocalAddress()), new Tone(1000), pcm -> { })) {
            peer.configureBlocking(false);
            List<RtpPacket> packets = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            await("audio from A", () -> receiveInto(peer, buffer, packets) && packets.size() >= 5);
            a.sendDtmf('5', 100); // five frames
            await("the event and audio after it", () -> receiveInto(peer, buffer, packets)
                    && packets.stream().anyMatch(p -> p.payloadType() == 101)
                    && packets.get(packets.size() - 1).payloadType() == 0
                    && packets.stream().filter(p -> p.payloadType() == 101).count() >= 7);

            int first = 0;
            while (packets.get(first).payloadType() != 101) {
                first++;
            }
            List<RtpPacket> event = packets.subList(first, first + 7);
            RtpPacket before = packets.get(first - 1);
            RtpPacket after = packets.get(first + 7);
            long start = event.get(0).timestamp();
            assertEquals((before.timestamp() + 160) & 0xFFFFFFFFL, start);
            int[] durations = { 160, 320, 480, 640, 800, 800, 800 };
            for (int i = 0; i < 7; i++) {
                RtpPacket p = event.get(i);
                TelephoneEvent e = TelephoneEvent.decode(p.payload());
                assertEquals(i == 0, p.marker(), "marker on the first packet only");
                assertEquals(start, p.timestamp(), "one timestamp per event");
                assertEquals((before.sequenceNumber() + 1 + i) & 0xFFFF, p.sequenceNumber());
                assertEquals('5', e.digit());
                assertEquals(durations[i], e.duration());
                assertEquals(i >= 4, e.end(), "E bit on the last three packets");
            }
            // audio for the event's frames was suppressed and resumes on the frame clock
            assertEquals(0, after.payloadType());
            assertEquals((before.sequenceNumber() + 8) & 0xFFFF, after.sequenceNumber());
            assertEquals((start + 7 * 160) & 0xFFFFFFFFL, after.timestamp());
        }
    }

    /** Drains what has arrived; always true so it can sit in an await condition. */
    private static boolean receiveInto(DatagramChannel channel, ByteBuffer buffer, List<RtpPacket> packets) {
        try {
            while (true) {
                buffer.clear();
                if (channel.receive(buffer) == null) {
                    return true;
                }
                buffer.flip();
                packets.add(RtpPacket.parse(buffer));
            }
        } catch (IOException | MalformedPacketException e) {
            throw new AssertionError(e);
        }
    }

    private static int sizeOfDigits(List<Character> digits) {
        synchronized (digits) {
            return digits.size();
        }
    }

    @Test
    void closeStopsAllSessionThreadsAndIsIdempotent() throws Exception {
        RtpSession a = RtpSession.start(config(), new Tone(1000), pcm -> { });
        RtpSession b = RtpSession.start(config(), new Tone(440), pcm -> { });
        List<short[]> tapped = new ArrayList<>();
        a.addTap((direction, pcm) -> {
            synchronized (tapped) {
                tapped.add(pcm);
            }
        });
        a.remote(b.localRtpAddress());
        b.remote(a.localRtpAddress());
        await("traffic and taps", () -> b.quality().packetsReceived() >= 10 && sizeOf(tapped) >= 10);
        assertTrue(sessionThreadsAlive(a.threadPrefix()));
        InetSocketAddress portOfA = a.localRtpAddress();
        a.close();
        b.close();
        a.close();
        assertFalse(sessionThreadsAlive(a.threadPrefix()), "threads of A left");
        assertFalse(sessionThreadsAlive(b.threadPrefix()), "threads of B left");
        // The ports are free again.
        DatagramChannel.open().bind(portOfA).close();
    }

    private static int sizeOf(List<short[]> list) {
        synchronized (list) {
            return list.size();
        }
    }
}
