package org.webcallcenter.media.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

/**
 * RTP/RTCP port pairs on one local address, bound ahead of time, so that answering a call does not wait for the
 * binding: two sockets, and every other time a second try for an even port, took about 0.15 ms of a 0.9 ms
 * answer here (docs/benchmarks.md). A session takes a pair through {@link RtpSession.Config#ports(RtpPorts)};
 * {@link #refill()} binds the replacements and belongs off the call path, after the answer is out. When no pair is
 * waiting, {@link RtpSession} binds one itself as without a pool.
 *
 * <p>A waiting pair is emptied of anything that reached it before it is handed out, so a session never starts with
 * stray packets for a port number an earlier call used. Thread-safe. {@link #close()} closes the waiting pairs only:
 * the sessions keep theirs.
 */
public final class RtpPorts implements AutoCloseable {
    private final InetAddress address;
    private final int ready;
    private final ArrayDeque<DatagramChannel[]> waiting = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param address the local address of every pair
     * @param ready how many pairs {@link #refill()} keeps waiting, at least 1
     */
    public RtpPorts(InetAddress address, int ready) {
        if (ready < 1) {
            throw new IllegalArgumentException("ready must be at least 1, not " + ready);
        }
        this.address = address;
        this.ready = ready;
    }

    /** @return the local address of the pairs */
    public InetAddress address() {
        return address;
    }

    /**
     * Binds pairs until {@code ready} are waiting (nothing once closed).
     *
     * @throws IOException if no pair can be bound; the pairs already waiting stay
     */
    public void refill() throws IOException {
        while (true) {
            synchronized (this) {
                if (closed || waiting.size() >= ready) {
                    return;
                }
            }
            DatagramChannel[] pair = RtpSession.bindPair(new InetSocketAddress(address, 0));
            synchronized (this) {
                if (!closed) {
                    waiting.add(pair);
                    continue;
                }
            }
            closeAll(pair);
            return;
        }
    }

    /** @return how many pairs are waiting */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** @return a waiting pair, emptied of stray datagrams, or null when none waits */
    DatagramChannel[] take() {
        DatagramChannel[] pair;
        synchronized (this) {
            pair = waiting.poll();
        }
        if (pair == null) {
            return null;
        }
        try {
            for (DatagramChannel channel : pair) {
                drain(channel);
            }
            return pair;
        } catch (IOException e) {
            closeAll(pair);
            return null; // the session binds its own
        }
    }

    /** Reads and drops whatever waits on a blocking channel, and leaves it blocking. */
    static void drain(DatagramChannel channel) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(2048);
        channel.configureBlocking(false);
        try {
            while (true) {
                scratch.clear();
                if (channel.receive(scratch) == null) {
                    return;
                }
            }
        } finally {
            channel.configureBlocking(true);
        }
    }

    @Override
    public void close() {
        DatagramChannel[][] pairs;
        synchronized (this) {
            closed = true;
            pairs = waiting.toArray(new DatagramChannel[0][]);
            waiting.clear();
        }
        for (DatagramChannel[] pair : pairs) {
            closeAll(pair);
        }
    }

    private static void closeAll(DatagramChannel[] pair) {
        for (DatagramChannel channel : pair) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
