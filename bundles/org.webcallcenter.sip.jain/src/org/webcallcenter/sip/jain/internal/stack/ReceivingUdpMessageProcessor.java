package org.webcallcenter.sip.jain.internal.stack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.ILog;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

/**
 * The RI's UDP message processor, with one thread that reads the socket and processes what it reads.
 *
 * <p>The RI's own processor has one thread that reads every datagram into a new 64 KiB array and queues it for its
 * pool of message-channel threads, which parse and process it. So every request waits for a second thread to wake
 * up; half of what a call allocates is those arrays (measured with Flight Recorder: 47 % under sipp), which brings
 * the collector round more often; and two datagrams that arrive together (a 180 and the 200 right behind it) can be
 * processed by two pool threads in either order. Here one RI message-channel thread (the RI's
 * {@code UDPMessageChannel}, unchanged) takes its next datagram from a "queue" whose {@code take} reads the socket:
 * it reads into a reused buffer, copies the datagram into an array of its size and processes it at once, in the
 * order datagrams arrived, as a C phone answers on the thread that read the request. A softphone's SIP traffic is a
 * few messages per call; processing one takes well under a millisecond, and the listener never waits (it hands
 * work to the user agent when that is busy).
 *
 * <p>The socket is the RI's own (made by the network layer), so binding, sending and closing are unchanged. The
 * RI's queue-based congestion control does not apply: the socket's receive buffer is the queue. {@link #stop()}
 * closes the socket, which ends the thread's read. The stack's {@code gov.nist.javax.sip.THREAD_POOL_SIZE} must be
 * {@link #THREADS}: with the RI's default (no pool) its channel thread would end after one datagram.
 */
public class ReceivingUdpMessageProcessor extends UDPMessageProcessor {
	private static final ILog LOG = ILog.of(ReceivingUdpMessageProcessor.class);
	/** Reading threads; the stack's {@code THREAD_POOL_SIZE}. One keeps the arrival order. */
	public static final int THREADS = 1;
	/** The pause after a read that failed while the socket is open. */
	private static final long FAILED_READ_PAUSE_MS = 10;
	/** Read buffers, one per reading thread, as large as any datagram. */
	private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[65_535]);

	private final AtomicLong readFailures = new AtomicLong();

	protected ReceivingUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port)
			throws IOException {
		super(address, stack, port);
		this.messageQueue = new SocketQueue();
	}

	/** Starts the reading thread; the RI's own reader thread is not started. */
	@Override
	public void start() throws IOException {
		isRunning = true;
		LinkedList<UDPMessageChannel> channels = new LinkedList<>();
		String name = ((SipStackImpl) sipStack).getStackName() + "-UDPMessageChannelThread-";
		for (int i = 0; i < THREADS; i++) {
			channels.add(new Reader(sipStack, this, name + i));
		}
		messageChannels = channels;
	}

	@Override
	public void run() {
		// the RI's reader loop: not used, the message-channel threads read the socket (start)
	}

	/** One datagram from the socket, or {@link InterruptedException} when the processor stops or the thread is. */
	private DatagramQueuedMessageDispatch receive() throws InterruptedException {
		byte[] buffer = BUFFER.get();
		while (true) {
			if (Thread.interrupted() || !isRunning) {
				throw new InterruptedException(); // the RI's channel thread then ends if the processor stopped
			}
			DatagramPacket in = new DatagramPacket(buffer, buffer.length);
			try {
				sock.receive(in);
			} catch (IOException | RuntimeException e) {
				if (!isRunning || sock.isClosed()) {
					throw new InterruptedException();
				}
				if (readFailures.incrementAndGet() == 1) {
					LOG.warn("SIP stack " + getIpAddress().getHostAddress() + ":" + getPort() + " (UDP): reading a "
							+ "datagram failed (" + e + "); further failures are counted, not logged");
				}
				Thread.sleep(FAILED_READ_PAUSE_MS); // a socket that keeps failing must not spin a core
				continue;
			}
			byte[] exact = Arrays.copyOf(buffer, in.getLength());
			DatagramPacket packet = new DatagramPacket(exact, exact.length, in.getAddress(), in.getPort());
			return new DatagramQueuedMessageDispatch(packet, System.currentTimeMillis());
		}
	}

	/**
	 * What the RI's message-channel threads take their work from: {@code take} (and {@code poll} with a time-out,
	 * used when the RI's thread auditor is on) read the socket. Nothing is ever put into it.
	 */
	private final class SocketQueue extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
		private static final long serialVersionUID = 1L;

		@Override
		public DatagramQueuedMessageDispatch take() throws InterruptedException {
			return receive();
		}

		@Override
		public DatagramQueuedMessageDispatch poll(long timeout, TimeUnit unit) throws InterruptedException {
			return receive(); // the auditor's ping interval is minutes: a thread waiting on the socket is alive
		}
	}

	/** The RI's message-channel thread, started by its constructor; subclassed only to reach that constructor. */
	private static final class Reader extends UDPMessageChannel {
		Reader(SIPTransactionStack stack, UDPMessageProcessor processor, String threadName) {
			super(stack, processor, threadName);
		}
	}
}
