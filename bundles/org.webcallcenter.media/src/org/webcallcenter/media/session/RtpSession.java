package org.webcallcenter.media.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.webcallcenter.media.codec.G711;
import org.webcallcenter.media.playout.JitterBuffer;
import org.webcallcenter.media.playout.PlayoutFrame;
import org.webcallcenter.media.quality.EModel;
import org.webcallcenter.media.quality.JitterStats;
import org.webcallcenter.media.rtcp.CompoundPacket;
import org.webcallcenter.media.rtcp.NtpTime;
import org.webcallcenter.media.rtcp.ReceiverReport;
import org.webcallcenter.media.rtcp.ReportBlock;
import org.webcallcenter.media.rtcp.RtcpPacket;
import org.webcallcenter.media.rtcp.SenderReport;
import org.webcallcenter.media.rtcp.SourceDescription;
import org.webcallcenter.media.rtp.MalformedPacketException;
import org.webcallcenter.media.rtp.RtpPacket;
import org.webcallcenter.media.rtp.TelephoneEvent;

/**
 * The RTP/RTCP session of one G.711 call (RFC 3550, RFC 3551 audio profile, 20 ms packets).
 *
 * <p>Sockets: RTP on one UDP port, RTCP on the next one (no rtcp-mux). Symmetric RTP (RFC 4961): the
 * session sends from the ports it receives on. With {@link Config#latchRemote(boolean)} the remote RTP
 * and RTCP addresses are taken from the first valid packet of each kind, which gets audio through NATs
 * that rewrite the peer's ports; the signalled address is only the initial guess.
 *
 * <p>Threads (names start with {@link #threadPrefix()}): a sender paced by {@link Pacer} on
 * {@link System#nanoTime()} that sends frame n at start + n·20 ms (RTP timestamp +160 per frame, random
 * SSRC, sequence number and timestamp base) and also sends RTCP when due; an RTP receiver that validates
 * packets, locks onto the first SSRC, feeds {@link JitterStats} and the {@link JitterBuffer}; a playout
 * thread that polls the jitter buffer every 20 ms and hands PCM to the {@link FrameSink}; an RTCP
 * receiver computing the round-trip time from report blocks; and, from the first {@link #addTap tap} on, a tap
 * dispatcher that delivers copies of sent and played frames to {@link MediaTap}s through a bounded queue (never
 * blocking the media path).
 *
 * <p>DTMF (RFC 4733): {@link #sendDtmf} queues a key press that the sender transmits as telephone-event
 * packets with the payload type of {@link Config#telephoneEventPayloadType(int)}; received telephone
 * events never reach the audio path and are reported once per key press to {@link DtmfListener}s.
 *
 * <p>{@link #close()} stops all threads and closes both channels; it is idempotent.
 */
public final class RtpSession implements AutoCloseable {

    /** Samples per 20 ms frame at 8 kHz. */
    public static final int SAMPLES_PER_FRAME = JitterBuffer.SAMPLES_PER_FRAME;
    /** Frame duration. */
    public static final long FRAME_NANOS = JitterBuffer.FRAME_MS * 1_000_000L;

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TAP_QUEUE = 256;

    /** Session settings; defaults suit a real call, tests shorten the RTCP interval. */
    public static final class Config {
        private G711.Law law = G711.Law.MU_LAW;
        private InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        private InetSocketAddress remote;
        private RtpPorts ports;
        private boolean latchRemote;
        private long rtcpIntervalMillis = 5000;
        private String cname = "wcc@localhost";
        private int minDelayMs = 40;
        private int maxDelayMs = 200;
        private int telephoneEventPayloadType = 101;

        /** @param value the G.711 law (payload type 0 or 8) */
        public Config law(G711.Law value) {
            law = value;
            return this;
        }

        /** @param value local RTP address; port 0 picks a free even/odd port pair */
        public Config local(InetSocketAddress value) {
            local = value;
            return this;
        }

        /**
         * @param value pairs bound ahead of time: the session takes one (an ephemeral pair on their address instead of
         *              {@link #local}), or binds its own on their address when none waits; null for none
         */
        public Config ports(RtpPorts value) {
            ports = value;
            return this;
        }

        /** @param value signalled remote RTP address (RTCP is port+1); may be null when latching */
        public Config remote(InetSocketAddress value) {
            remote = value;
            return this;
        }

        /** @param value learn the remote addresses from the first valid RTP/RTCP packet (symmetric RTP) */
        public Config latchRemote(boolean value) {
            latchRemote = value;
            return this;
        }

        /** @param value interval between RTCP reports in ms (RFC 3550 suggests 5 s) */
        public Config rtcpIntervalMillis(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("RTCP interval must be positive");
            }
            rtcpIntervalMillis = value;
            return this;
        }

        /** @param value the SDES CNAME to send */
        public Config cname(String value) {
            cname = value;
            return this;
        }

        /** @param value the negotiated dynamic payload type of telephone-event (RFC 4733), 96..127 */
        public Config telephoneEventPayloadType(int value) {
            if (value < 96 || value > 127) {
                throw new IllegalArgumentException("dynamic payload type expected, got " + value);
            }
            telephoneEventPayloadType = value;
            return this;
        }

        /** Jitter buffer target delay bounds in ms. */
        public Config jitterBuffer(int minMs, int maxMs) {
            minDelayMs = minMs;
            maxDelayMs = maxMs;
            return this;
        }
    }

    private final Config config;
    private final G711.Law law;
    private final FrameSource source;
    private final FrameSink sink;
    private final String prefix;
    private final DatagramChannel rtp;
    private final DatagramChannel rtcp;
    private final long ssrc;
    private final int initialSequence;
    private final long initialTimestamp;
    private final long ntpBaseNanos;
    private final long monoBaseNanos;

    private final JitterStats stats = new JitterStats(8000);
    private final JitterBuffer jitterBuffer;
    private final Object lock = new Object();
    private final List<MediaTap> taps = new CopyOnWriteArrayList<>();
    private final List<DtmfListener> dtmfListeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<int[]> pendingDtmf = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Object[]> tapQueue = new ArrayBlockingQueue<>(TAP_QUEUE);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private Thread tapThread;
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile InetSocketAddress remoteRtp;
    private volatile InetSocketAddress remoteRtcp;
    private volatile boolean rtpLatched;
    private volatile boolean rtcpLatched;

    // Guarded by lock.
    private long remoteSsrc = -1;
    private long lastSrMiddle;
    private long lastSrArrivalNanos;
    private double rttMs = Double.NaN;
    private long lastEventTimestamp = -1;

    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong octetsSent = new AtomicLong();
    private final AtomicLong packetsReceived = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong rtcpReceived = new AtomicLong();
    private final AtomicLong rtcpMalformed = new AtomicLong();
    private final AtomicLong rtcpSent = new AtomicLong();
    private final AtomicLong tapDrops = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();

    private RtpSession(Config config, FrameSource source, FrameSink sink) throws IOException {
        this.config = config;
        this.law = config.law;
        this.source = source;
        this.sink = sink;
        this.prefix = "wcc-rtp-" + IDS.incrementAndGet() + "-";
        this.jitterBuffer = new JitterBuffer(law, config.minDelayMs, config.maxDelayMs);
        this.ssrc = RANDOM.nextInt() & 0xFFFFFFFFL;
        this.initialSequence = RANDOM.nextInt(1 << 16);
        this.initialTimestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
        this.monoBaseNanos = System.nanoTime();
        this.ntpBaseNanos = System.currentTimeMillis() * 1_000_000L;
        DatagramChannel[] pair = config.ports == null ? bindPair(config.local) : config.ports.take();
        if (pair == null) {
            pair = bindPair(new InetSocketAddress(config.ports.address(), 0));
        }
        this.rtp = pair[0];
        this.rtcp = pair[1];
        this.remoteRtp = config.remote;
        this.remoteRtcp = config.remote == null ? null
                : new InetSocketAddress(config.remote.getAddress(), config.remote.getPort() + 1);
    }

    /**
     * Binds the sockets and starts the media threads.
     *
     * @param config settings
     * @param source audio to send
     * @param sink where played audio goes
     * @throws IOException if the ports cannot be bound
     */
    public static RtpSession start(Config config, FrameSource source, FrameSink sink) throws IOException {
        RtpSession session = new RtpSession(config, source, sink);
        session.begin();
        return session;
    }

    /**
     * Binds the sockets but starts no media thread yet: a softphone answering a call puts the bound port into its
     * SDP answer, sends it, and only then calls {@link #begin()}, so the answer does not wait for thread start-up.
     *
     * @throws IOException if the ports cannot be bound
     */
    public static RtpSession bind(Config config, FrameSource source, FrameSink sink) throws IOException {
        return new RtpSession(config, source, sink);
    }

    /** Starts the media threads of a session from {@link #bind}; does nothing once started or closed. */
    public synchronized void begin() {
        if (closed.get() || !threads.isEmpty()) {
            return;
        }
        startThreads();
    }

    static DatagramChannel[] bindPair(InetSocketAddress local) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramChannel a = DatagramChannel.open();
            DatagramChannel b = null;
            try {
                a.bind(local);
                int port = ((InetSocketAddress) a.getLocalAddress()).getPort();
                if (local.getPort() == 0 && port % 2 != 0) {
                    a.close(); // RFC 3550 §11: RTP on an even port, RTCP on the next (odd) one
                    continue;
                }
                b = DatagramChannel.open();
                b.bind(new InetSocketAddress(local.getAddress(), port + 1));
                a.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 16);
                return new DatagramChannel[] { a, b };
            } catch (IOException e) {
                last = e;
                a.close();
                if (b != null) {
                    b.close();
                }
                if (local.getPort() != 0) {
                    break;
                }
            }
        }
        throw last != null ? last : new IOException("no free RTP/RTCP port pair");
    }

    private void startThreads() {
        threads.add(new Thread(this::sendLoop, prefix + "send"));
        threads.add(new Thread(this::receiveLoop, prefix + "recv"));
        threads.add(new Thread(this::playoutLoop, prefix + "playout"));
        threads.add(new Thread(this::rtcpLoop, prefix + "rtcp"));
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
        startTapThread();
    }

    /**
     * Starts the thread that feeds the taps once the session runs and has a tap: a call nobody records or analyses
     * has four threads, not five (fewer threads to start per call and for the JVM to stop at every safepoint).
     */
    private synchronized void startTapThread() {
        if (tapThread != null || taps.isEmpty() || threads.isEmpty() || closed.get()) {
            return;
        }
        tapThread = new Thread(this::tapLoop, prefix + "tap");
        tapThread.setDaemon(true);
        threads.add(tapThread);
        tapThread.start(); // a close() in between ends it at once: its loop checks closed
    }

    /** @return the prefix of this session's thread names */
    public String threadPrefix() {
        return prefix;
    }

    /** @return the bound local RTP address (RTCP is on port + 1) */
    public InetSocketAddress localRtpAddress() {
        try {
            return (InetSocketAddress) rtp.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("RTP channel closed", e);
        }
    }

    /** @return where RTP is currently sent, {@code null} until known */
    public InetSocketAddress remoteRtpAddress() {
        return remoteRtp;
    }

    /**
     * Points the session at a (new) remote RTP address, e.g. after the SDP answer or a re-INVITE; RTCP
     * goes to port + 1. A later latch may still override it.
     */
    public void remote(InetSocketAddress address) {
        remoteRtcp = new InetSocketAddress(address.getAddress(), address.getPort() + 1);
        remoteRtp = address;
    }

    /** @return the G.711 law this session sends and expects */
    public G711.Law law() {
        return law;
    }

    /** @return our SSRC */
    public long ssrc() {
        return ssrc;
    }

    /** Adds a tap for sent and played frames. */
    public void addTap(MediaTap tap) {
        taps.add(tap);
        startTapThread();
    }

    /** Removes a tap. */
    public void removeTap(MediaTap tap) {
        taps.remove(tap);
    }

    /** Adds a listener for DTMF digits received as telephone events. */
    public void addDtmfListener(DtmfListener listener) {
        dtmfListeners.add(listener);
    }

    /** Removes a DTMF listener. */
    public void removeDtmfListener(DtmfListener listener) {
        dtmfListeners.remove(listener);
    }

    /**
     * Queues a DTMF key press to send as RFC 4733 telephone events; returns at once. Key presses are sent
     * one after another, each in 20 ms steps on the paced sender: the first packet carries the marker
     * bit, all packets of one event carry the RTP timestamp of its start and a duration growing by one
     * frame per packet, and the final packet (E bit set) is sent three times (RFC 4733 §2.5.1.4).
     *
     * <p>As is common practice (and keeps the tone from being heard twice or leaking through the codec),
     * the audio of the frames an event occupies is suppressed: the source is still read to keep its
     * timing, but those frames are not sent, so the peer conceals them as a short gap in the audio.
     *
     * @param digit '0'..'9', '*', '#' or 'A'..'D'
     * @param durationMs how long the key is held, 20..8000 ms (rounded up to whole 20 ms frames)
     * @throws IllegalArgumentException for another character or duration
     */
    public void sendDtmf(char digit, int durationMs) {
        int code = TelephoneEvent.eventCode(digit);
        if (durationMs < JitterBuffer.FRAME_MS || durationMs > 8000) {
            throw new IllegalArgumentException("DTMF duration " + durationMs + " ms outside 20..8000");
        }
        int frames = (durationMs + JitterBuffer.FRAME_MS - 1) / JitterBuffer.FRAME_MS;
        pendingDtmf.add(new int[] { code, frames });
    }

    /** @return frames not delivered to taps because they fell behind */
    public long tapDrops() {
        return tapDrops.get();
    }

    /** @return compound RTCP packets sent */
    public long rtcpSent() {
        return rtcpSent.get();
    }

    /** @return a snapshot of the call quality */
    public QualitySnapshot quality() {
        double jitterMs;
        double loss;
        double rtt;
        long concealed;
        int targetDelay;
        synchronized (lock) {
            jitterMs = stats.jitterMillis();
            long expected = stats.expected();
            loss = expected <= 0 ? 0 : Math.max(0, 100.0 * stats.cumulativeLost() / expected);
            rtt = rttMs;
            concealed = jitterBuffer.concealedFrames();
            targetDelay = jitterBuffer.targetDelayMs();
        }
        double oneWay = (Double.isNaN(rtt) ? 0 : rtt / 2) + targetDelay;
        double mos = EModel.mos(EModel.Codec.G711_PLC, oneWay, loss, 1);
        return new QualitySnapshot(jitterMs, loss, rtt, mos, packetsSent.get(), packetsReceived.get(),
                malformed.get(), ignored.get(), concealed, rtcpReceived.get(), rtcpMalformed.get());
    }

    // ---- sender ----

    private void sendLoop() {
        Pacer pacer = new Pacer(Pacer.SYSTEM, FRAME_NANOS, 5);
        long nextRtcp = System.nanoTime() + config.rtcpIntervalMillis * 1_000_000L / 2;
        byte[] encoded = new byte[SAMPLES_PER_FRAME];
        int[] event = null; // code, frames, packets sent so far
        long eventTimestamp = 0;
        try {
            while (!closed.get()) {
                long frame = pacer.awaitNext();
                short[] pcm = source.nextFrame();
                if (pcm == null || pcm.length != SAMPLES_PER_FRAME) {
                    pcm = new short[SAMPLES_PER_FRAME];
                }
                for (int i = 0; i < SAMPLES_PER_FRAME; i++) {
                    encoded[i] = law.encode(pcm[i]);
                }
                long timestamp = (initialTimestamp + frame * SAMPLES_PER_FRAME) & 0xFFFFFFFFL;
                InetSocketAddress to = remoteRtp;
                if (event == null && to != null) {
                    int[] next = pendingDtmf.poll();
                    if (next != null) {
                        event = new int[] { next[0], next[1], 0 };
                        eventTimestamp = timestamp;
                    }
                }
                if (event != null && to != null) {
                    sendEvent(event, eventTimestamp, to);
                    if (++event[2] >= event[1] + 2) {
                        event = null; // update packets, then the end packet three times
                    }
                } else if (to != null) {
                    long count = packetsSent.get();
                    RtpPacket packet = RtpPacket.builder().payloadType(law.payloadType()).marker(count == 0)
                            .sequenceNumber((int) ((initialSequence + count) & 0xFFFF)).timestamp(timestamp)
                            .ssrc(ssrc).payload(encoded).build();
                    if (send(rtp, packet.toBytes(), to)) {
                        packetsSent.incrementAndGet();
                        octetsSent.addAndGet(SAMPLES_PER_FRAME);
                    }
                    tap(MediaTap.Direction.SENT, pcm);
                }
                long now = System.nanoTime();
                if (now - nextRtcp >= 0) {
                    nextRtcp = now + config.rtcpIntervalMillis * 1_000_000L;
                    // The SR's RTP timestamp must denote the same instant as its NTP timestamp.
                    long sinceFrame = Math.max(0, now - pacer.deadline(frame));
                    sendRtcp(now, (timestamp + sinceFrame * 8 / 1_000_000) & 0xFFFFFFFFL);
                }
            }
        } catch (InterruptedException | ClosedChannelException e) {
            // closing
        }
    }

    /** Sends packet number {@code event[2]} of a telephone event (code, frames, sent). */
    private void sendEvent(int[] event, long eventTimestamp, InetSocketAddress to) throws ClosedChannelException {
        int index = event[2];
        boolean end = index >= event[1] - 1;
        int duration = Math.min(0xFFFF, Math.min(index + 1, event[1]) * SAMPLES_PER_FRAME);
        byte[] payload = new TelephoneEvent(event[0], end, 10, duration).encode();
        long count = packetsSent.get();
        RtpPacket packet = RtpPacket.builder().payloadType(config.telephoneEventPayloadType).marker(index == 0)
                .sequenceNumber((int) ((initialSequence + count) & 0xFFFF)).timestamp(eventTimestamp).ssrc(ssrc)
                .payload(payload).build();
        if (send(rtp, packet.toBytes(), to)) {
            packetsSent.incrementAndGet();
            octetsSent.addAndGet(payload.length);
        }
    }

    /**
     * Sends one datagram; a transient failure (no route, buffer full) is counted and the call goes on.
     *
     * @return whether the datagram was handed to the network
     */
    private boolean send(DatagramChannel channel, byte[] bytes, InetSocketAddress to) throws ClosedChannelException {
        try {
            channel.send(ByteBuffer.wrap(bytes), to);
            return true;
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            sendErrors.incrementAndGet();
            return false;
        }
    }

    /** @return datagrams that could not be sent (network errors), RTP and RTCP together */
    public long sendErrors() {
        return sendErrors.get();
    }

    private long ntpNow(long monoNanos) {
        // NTP time derived from the monotonic clock, so RTT is immune to wall-clock steps.
        return NtpTime.fromUnixNanos(ntpBaseNanos + (monoNanos - monoBaseNanos));
    }

    private void sendRtcp(long now, long rtpTs) throws ClosedChannelException {
        InetSocketAddress to = remoteRtcp;
        if (to == null) {
            return;
        }
        List<ReportBlock> blocks = new ArrayList<>(1);
        synchronized (lock) {
            if (remoteSsrc >= 0) {
                long dlsr = lastSrMiddle == 0 ? 0 : NtpTime.toShortUnits(now - lastSrArrivalNanos);
                blocks.add(new ReportBlock(remoteSsrc, stats.fractionLost(),
                        ReportBlock.clampCumulativeLost(stats.cumulativeLost()),
                        stats.extendedHighestSequence() & 0xFFFFFFFFL, Math.min(stats.jitter(), 0xFFFFFFFFL),
                        lastSrMiddle, dlsr));
            }
        }
        long sent = packetsSent.get();
        RtcpPacket report;
        if (sent > 0) {
            report = new SenderReport(ssrc, ntpNow(now), rtpTs, sent & 0xFFFFFFFFL,
                    octetsSent.get() & 0xFFFFFFFFL, blocks);
        } else {
            report = new ReceiverReport(ssrc, blocks);
        }
        CompoundPacket compound = new CompoundPacket(List.of(report, SourceDescription.cname(ssrc, config.cname)));
        if (send(rtcp, compound.toBytes(), to)) {
            rtcpSent.incrementAndGet();
        }
    }

    // ---- RTP receiver ----

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (!closed.get()) {
                buffer.clear();
                SocketAddress from = rtp.receive(buffer);
                long arrival = System.nanoTime();
                buffer.flip();
                onRtp(buffer, (InetSocketAddress) from, arrival);
            }
        } catch (IOException e) {
            // channel closed (AsynchronousCloseException) or failed: the session is over
        }
    }

    private void onRtp(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(datagram);
        } catch (MalformedPacketException e) {
            malformed.incrementAndGet();
            return;
        }
        if (packet.payloadType() == config.telephoneEventPayloadType) {
            onTelephoneEvent(packet);
            return;
        }
        if (packet.payloadType() != law.payloadType() || packet.payloadLength() != SAMPLES_PER_FRAME) {
            ignored.incrementAndGet();
            return;
        }
        synchronized (lock) {
            if (remoteSsrc < 0) {
                remoteSsrc = packet.ssrc();
            } else if (remoteSsrc != packet.ssrc()) {
                ignored.incrementAndGet();
                return;
            }
            stats.onPacket(packet.sequenceNumber(), packet.timestamp(), arrivalNanos / 1000);
            jitterBuffer.insert(packet.sequenceNumber(), packet.timestamp(), packet.payload(),
                    arrivalNanos / 1_000_000);
        }
        if (config.latchRemote && !rtpLatched) {
            rtpLatched = true;
            remoteRtp = from;
            if (!rtcpLatched) {
                remoteRtcp = new InetSocketAddress(from.getAddress(), from.getPort() + 1);
            }
        }
        packetsReceived.incrementAndGet();
    }

    /**
     * Reports each event once: all packets of one event (updates, the three end packets, duplicates)
     * share its start timestamp, so only the first packet with a new timestamp counts. Events are not
     * fed to the jitter buffer or the jitter statistics.
     */
    private void onTelephoneEvent(RtpPacket packet) {
        TelephoneEvent event;
        try {
            event = TelephoneEvent.decode(packet.payload());
        } catch (MalformedPacketException e) {
            malformed.incrementAndGet();
            return;
        }
        boolean isNew;
        synchronized (lock) {
            if (remoteSsrc >= 0 && remoteSsrc != packet.ssrc()) {
                ignored.incrementAndGet();
                return;
            }
            isNew = packet.timestamp() != lastEventTimestamp;
            lastEventTimestamp = packet.timestamp();
        }
        packetsReceived.incrementAndGet();
        if (isNew && event.isDtmf()) {
            for (DtmfListener listener : dtmfListeners) {
                try {
                    listener.onDigit(event.digit());
                } catch (RuntimeException e) {
                    // a broken listener must not stop the receiver
                }
            }
        }
    }

    // ---- playout ----

    private void playoutLoop() {
        Pacer pacer = new Pacer(Pacer.SYSTEM, FRAME_NANOS, 5);
        try {
            while (!closed.get()) {
                pacer.awaitNext();
                PlayoutFrame frame;
                synchronized (lock) {
                    frame = jitterBuffer.poll(System.nanoTime() / 1_000_000);
                }
                byte[] codes = frame.samples();
                short[] pcm = new short[codes.length];
                for (int i = 0; i < codes.length; i++) {
                    pcm[i] = law.decode(codes[i]);
                }
                if (frame.kind() != PlayoutFrame.Kind.SILENCE || frame.sequence() >= 0) {
                    tap(MediaTap.Direction.RECEIVED, pcm);
                }
                sink.play(pcm);
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    // ---- RTCP receiver ----

    private void rtcpLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (!closed.get()) {
                buffer.clear();
                SocketAddress from = rtcp.receive(buffer);
                long arrival = System.nanoTime();
                buffer.flip();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                onRtcp(bytes, (InetSocketAddress) from, arrival);
            }
        } catch (IOException e) {
            // channel closed
        }
    }

    private void onRtcp(byte[] bytes, InetSocketAddress from, long arrivalNanos) {
        CompoundPacket compound;
        try {
            compound = CompoundPacket.parse(bytes);
        } catch (MalformedPacketException e) {
            rtcpMalformed.incrementAndGet();
            return;
        }
        long arrivalMiddle = NtpTime.middle32(ntpNow(arrivalNanos));
        synchronized (lock) {
            compound.senderReport().ifPresent(sr -> {
                if (remoteSsrc < 0 || sr.ssrc() == remoteSsrc) {
                    lastSrMiddle = sr.ntpMiddle();
                    lastSrArrivalNanos = arrivalNanos;
                }
            });
            for (ReportBlock block : compound.reportBlocks()) {
                if (block.ssrc() == ssrc) {
                    long rtt = block.roundTrip(arrivalMiddle);
                    if (rtt >= 0) {
                        rttMs = NtpTime.shortUnitsToMillis(rtt);
                    }
                }
            }
        }
        if (config.latchRemote && !rtcpLatched) {
            rtcpLatched = true;
            remoteRtcp = from;
        }
        rtcpReceived.incrementAndGet();
    }

    // ---- taps ----

    private void tap(MediaTap.Direction direction, short[] pcm) {
        if (taps.isEmpty()) {
            return;
        }
        if (!tapQueue.offer(new Object[] { direction, pcm.clone(), System.nanoTime() })) {
            tapDrops.incrementAndGet();
        }
    }

    private void tapLoop() {
        try {
            while (!closed.get()) {
                Object[] item = tapQueue.take();
                for (MediaTap tap : taps) {
                    try {
                        tap.onFrame((MediaTap.Direction) item[0], ((short[]) item[1]).clone(), (Long) item[2]);
                    } catch (RuntimeException e) {
                        // a broken tap must not stop the others or the call
                    }
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /**
     * Stops the threads and closes the sockets. Waits up to a second for the threads to end. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            rtp.close();
        } catch (IOException e) {
            // nothing to do
        }
        try {
            rtcp.close();
        } catch (IOException e) {
            // nothing to do
        }
        Thread current = Thread.currentThread();
        for (Thread t : threads) {
            if (t != current) {
                t.interrupt();
            }
        }
        for (Thread t : threads) {
            if (t != current) {
                try {
                    t.join(1000);
                } catch (InterruptedException e) {
                    current.interrupt();
                    return;
                }
            }
        }
    }
}
