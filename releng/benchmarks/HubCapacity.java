import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hub capacity benchmark (issue 5): N co-browsing sessions relayed by the real hub product, end to end over
 * WebSocket on loopback. Each session is a customer connection (with an allowed Origin, as the customer page's
 * script opens it: {@code create}, then the session's join code) and an agent connection (no Origin, as the
 * workstation: {@code join} with that code). The customers are SIMULATED: this program sends rrweb-shaped
 * messages (one synthetic full snapshot of a chosen size, then incremental input and mouse events at a chosen rate
 * and average size, modelled on what the demo site's script sends while a customer types and moves the mouse);
 * no browser runs. Every incremental message carries its sequence number and the {@link System#nanoTime()} at
 * which it was due (same process, one clock): the agent side measures the relay latency, including any delay of
 * this program's own send queue, and checks that every message arrives once and in order.
 *
 * <p>Run by {@code hub-capacity.sh}, which starts and stops the hub. Arguments: hub URL, hub pid (for CPU and
 * RSS from /proc), sessions, measured seconds, messages per second per session, average incremental message
 * bytes, full snapshot bytes. Exit status 0 only when every session was created and joined, no connection was
 * refused or closed, and every message was relayed once and in order.
 */
public final class HubCapacity {
	static final String CUSTOMER_PATH = "/cobrowse/ws/customer";
	static final String AGENT_PATH = "/cobrowse/ws/agent";
	static final int WARMUP_SECONDS = 10;

	static final AtomicLong errors = new AtomicLong();
	static final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
	static final AtomicLong sentMessages = new AtomicLong();
	static final AtomicLong sentBytes = new AtomicLong();
	static final AtomicLong relayedMessages = new AtomicLong();
	static final AtomicLong relayedBytes = new AtomicLong();
	static final AtomicLong snapshotRequests = new AtomicLong();
	static final AtomicLong incrementalsSent = new AtomicLong();
	static volatile boolean measuring;
	static volatile boolean shuttingDown;
	static long[] latencies;
	static final AtomicInteger latencyCount = new AtomicInteger();

	static void error(String what) {
		errors.incrementAndGet();
		if (errorSamples.size() < 20) {
			errorSamples.add(what);
		}
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 7) {
			System.err.println("usage: HubCapacity URL HUB_PID SESSIONS SECONDS MSG_PER_S AVG_MSG_BYTES SNAPSHOT_BYTES");
			System.exit(2);
		}
		URI hub = URI.create(args[0]);
		long hubPid = Long.parseLong(args[1]);
		int n = Integer.parseInt(args[2]);
		int seconds = Integer.parseInt(args[3]);
		double rate = Double.parseDouble(args[4]);
		int avgBytes = Integer.parseInt(args[5]);
		int snapshotBytes = Integer.parseInt(args[6]);
		String origin = "http://" + hub.getHost() + ":" + hub.getPort();
		URI ws = URI.create("ws://" + hub.getHost() + ":" + hub.getPort());
		latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, (long) (n * rate * seconds * 1.5) + 1000)];

		ExecutorService callbacks = Executors.newFixedThreadPool(2, r -> daemon(r, "ws callbacks"));
		HttpClient http = HttpClient.newBuilder().executor(callbacks).build();
		ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2, r -> daemon(r, "send ticks"));
		Payloads payloads = new Payloads(avgBytes, snapshotBytes);
		System.out.printf(Locale.ROOT,
				"sessions %d, %.1f messages/s each, incremental messages ~%d bytes (%.0f KB/min per session), "
						+ "full snapshot %d bytes, warm-up %d s, measured %d s%n",
				n, rate, avgBytes, rate * avgBytes * 60 / 1000, snapshotBytes, WARMUP_SECONDS, seconds);

		// 1. customers: create + full snapshot, as a customer page does
		long t0 = System.nanoTime();
		List<Session> sessions = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			sessions.add(new Session(i, payloads));
		}
		connectAll(sessions, s -> s.connectCustomer(http, ws.resolve(CUSTOMER_PATH), origin));
		for (Session s : sessions) {
			s.send(Payloads.CREATE);
		}
		await(sessions, s -> s.created, "session created (code received)", 60);
		for (Session s : sessions) {
			s.send(payloads.fullSnapshot(s.id));
		}
		// 2. agents: join with the code
		connectAll(sessions, s -> s.connectAgent(http, ws.resolve(AGENT_PATH)));
		for (Session s : sessions) {
			s.sendAgent("{\"t\":\"join\",\"code\":\"" + s.code + "\"}");
		}
		await(sessions, s -> s.snapshotReceived, "agent joined and rebuilt the full snapshot", 120);
		System.out.printf(Locale.ROOT, "all %d sessions created and joined in %.1f s%n", n,
				(System.nanoTime() - t0) / 1e9);

		// 3. incremental events at the given rate, phases spread; pings every 15 s as the script does
		long periodNanos = (long) (1e9 / rate);
		Random random = new Random(42);
		List<ScheduledFuture<?>> tasks = new ArrayList<>();
		for (Session s : sessions) {
			tasks.add(ticks.scheduleAtFixedRate(s::tick, random.nextLong(periodNanos), periodNanos,
					TimeUnit.NANOSECONDS));
			tasks.add(ticks.scheduleAtFixedRate(s::ping, random.nextLong(15_000), 15_000, TimeUnit.MILLISECONDS));
		}
		Thread.sleep(WARMUP_SECONDS * 1000L);
		long[] cpu0 = procCpu(hubPid);
		long self0 = selfCpu();
		long inc0 = incrementalsSent.get();
		long msg0 = relayedMessages.get();
		long bytes0 = relayedBytes.get();
		long w0 = System.nanoTime();
		measuring = true;
		long maxRss = 0;
		int maxThreads = 0;
		for (int i = 0; i < seconds; i++) {
			Thread.sleep(1000);
			maxRss = Math.max(maxRss, rssKb(hubPid));
			maxThreads = Math.max(maxThreads, threads(hubPid));
		}
		measuring = false;
		long w1 = System.nanoTime();
		long[] cpu1 = procCpu(hubPid);
		long self1 = selfCpu();
		long inc1 = incrementalsSent.get();
		long msg1 = relayedMessages.get();
		long bytes1 = relayedBytes.get();
		for (ScheduledFuture<?> f : tasks) {
			f.cancel(false);
		}
		ticks.shutdown();
		ticks.awaitTermination(5, TimeUnit.SECONDS);

		// 4. drain: every message sent must arrive, once and in order
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline && !sessions.stream().allMatch(Session::drained)) {
			Thread.sleep(100);
		}
		long lost = 0;
		for (Session s : sessions) {
			long missing = s.seq.get() - s.received;
			if (missing > 0) {
				lost += missing;
			}
		}
		if (lost > 0) {
			error(lost + " messages were sent but never reached the agent within 20 s");
		}

		double window = (w1 - w0) / 1e9;
		int count = Math.min(latencyCount.get(), latencies.length);
		long[] l = Arrays.copyOf(latencies, count);
		Arrays.sort(l);
		double hz = 100.0; // USER_HZ, see getconf CLK_TCK
		double hubCpu = ((cpu1[0] + cpu1[1]) - (cpu0[0] + cpu0[1])) / hz / window;
		double selfCpuShare = (self1 - self0) / 1e9 / window;
		System.out.printf(Locale.ROOT,
				"RESULT sessions=%d window=%.1fs offered_msgs_per_s=%.0f target_msgs_per_s=%.0f latency_samples=%d p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms "
						+ "relayed_messages=%d relayed_msgs_per_s=%.0f relayed_bytes=%d relayed_KB_per_min_per_session=%.0f "
						+ "sent_messages_total=%d lost=%d errors=%d snapshot_requests=%d hub_cpu=%.2f_cores "
						+ "hub_rss_max=%dMB hub_threads_max=%d harness_cpu=%.2f_cores load=%s%n",
				n, window, (inc1 - inc0) / window, n * rate, count, pct(l, 50), pct(l, 95), pct(l, 99), count == 0 ? 0 : l[count - 1] / 1e6,
				msg1 - msg0, (msg1 - msg0) / window, bytes1 - bytes0, (bytes1 - bytes0) / window * 60 / 1000 / n,
				sentMessages.get(), lost, errors.get(), snapshotRequests.get(), hubCpu, maxRss / 1024, maxThreads,
				selfCpuShare, loadavg());
		for (String e : errorSamples) {
			System.out.println("ERROR " + e);
		}
		if ((inc1 - inc0) / window < 0.95 * n * rate) {
			System.out.printf(Locale.ROOT, "WARNING this program offered only %.0f%% of the target rate (it is "
					+ "short of CPU itself): the run measures fewer messages than N sessions send%n",
					100 * (inc1 - inc0) / window / (n * rate));
		}
		int status = errors.get() == 0 && count > 0 ? 0 : 1;
		shuttingDown = true;
		System.out.println(status == 0 ? "PASSED" : "FAILED: " + errors.get() + " errors, " + count + " latency samples");
		System.out.flush();
		Runtime.getRuntime().halt(status);
	}

	static double pct(long[] sorted, int p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
	}

	interface Step {
		CompletableFuture<WebSocket> open(Session s);
	}

	/** Opens one connection per session, at most 50 handshakes at a time. */
	static void connectAll(List<Session> sessions, Step step) throws InterruptedException {
		java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(50);
		CountDownLatch done = new CountDownLatch(sessions.size());
		for (Session s : sessions) {
			window.acquire();
			step.open(s).whenComplete((w, e) -> {
				window.release();
				if (e != null) {
					error("session " + s.id + ": connection refused: " + e);
				}
				done.countDown();
			});
		}
		if (!done.await(120, TimeUnit.SECONDS)) {
			fail("connections not open within 120 s");
		}
		if (errors.get() > 0) {
			fail("connections failed");
		}
	}

	interface Check {
		boolean ok(Session s);
	}

	static void await(List<Session> sessions, Check check, String what, int seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (!sessions.stream().allMatch(check::ok)) {
			if (System.nanoTime() > deadline || errors.get() > 0) {
				long ok = sessions.stream().filter(check::ok).count();
				fail(ok + " of " + sessions.size() + " sessions reached \"" + what + "\" within " + seconds + " s");
			}
			Thread.sleep(20);
		}
	}

	static void fail(String why) {
		System.out.println("FAILED " + why + "; errors: " + errors.get());
		for (String e : errorSamples) {
			System.out.println("ERROR " + e);
		}
		System.exit(1);
	}

	static Thread daemon(Runnable r, String name) {
		Thread t = new Thread(r, name);
		t.setDaemon(true);
		return t;
	}

	/** @return utime, stime of a process in clock ticks */
	static long[] procCpu(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return new long[] { Long.parseLong(f[11]), Long.parseLong(f[12]) };
		} catch (Exception e) {
			fail("hub process " + pid + " is gone: " + e);
			return null;
		}
	}

	static long rssKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		} catch (Exception e) {
			fail("hub process " + pid + " is gone: " + e);
		}
		return 0;
	}

	static int threads(long pid) {
		String[] tasks = new java.io.File("/proc/" + pid + "/task").list();
		return tasks == null ? 0 : tasks.length;
	}

	static long selfCpu() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
				.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	static String loadavg() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return f[0] + "," + f[1] + "," + f[2];
		} catch (Exception e) {
			return "?";
		}
	}

	/** SIMULATED rrweb-shaped messages, modelled on the demo site's session records. */
	static final class Payloads {
		static final String CREATE = "{\"t\":\"create\"}";
		final int avgBytes;
		final int snapshotBytes;

		Payloads(int avgBytes, int snapshotBytes) {
			this.avgBytes = avgBytes;
			this.snapshotBytes = snapshotBytes;
		}

		/** A meta event and a full snapshot (type 2) of a page of repeated quote rows, about snapshotBytes long. */
		String fullSnapshot(int session) {
			long now = System.currentTimeMillis();
			StringBuilder b = new StringBuilder(snapshotBytes + 512);
			b.append("{\"t\":\"events\",\"events\":[{\"type\":4,\"data\":{\"href\":\"http://127.0.0.1/demo/index.html\",")
					.append("\"width\":1024,\"height\":700},\"timestamp\":").append(now).append("},")
					.append("{\"type\":2,\"data\":{\"node\":{\"type\":0,\"childNodes\":[{\"type\":2,\"tagName\":\"html\",")
					.append("\"attributes\":{\"lang\":\"en\"},\"childNodes\":[");
			int id = 10;
			boolean first = true;
			while (b.length() < snapshotBytes - 200) {
				if (!first) {
					b.append(',');
				}
				first = false;
				b.append("{\"type\":2,\"tagName\":\"tr\",\"attributes\":{\"class\":\"quote\"},\"childNodes\":[")
						.append("{\"type\":2,\"tagName\":\"td\",\"attributes\":{},\"childNodes\":[{\"type\":3,")
						.append("\"textContent\":\"Instrument ").append(id).append(" (session ").append(session)
						.append(")\",\"id\":").append(id + 1).append("}],\"id\":").append(id + 2).append("},")
						.append("{\"type\":2,\"tagName\":\"td\",\"attributes\":{\"class\":\"num\"},\"childNodes\":[")
						.append("{\"type\":3,\"textContent\":\"").append(100 + id % 900).append(".25\",\"id\":")
						.append(id + 3).append("}],\"id\":").append(id + 4).append("}],\"id\":").append(id)
						.append('}');
				id += 5;
			}
			b.append("],\"id\":3}],\"id\":1},\"initialOffset\":{\"left\":0,\"top\":0}},\"timestamp\":").append(now)
					.append("}]}");
			return b.toString();
		}

		/**
		 * An incremental message: two input events (source 5, the masked or clear value of a field) to one
		 * mouse-move batch (source 1), padded so that the average is about avgBytes.
		 */
		String incremental(int session, long seq, long dueNanos) {
			long now = System.currentTimeMillis();
			StringBuilder b = new StringBuilder(avgBytes * 2);
			b.append("{\"t\":\"events\",\"bench\":\"").append(session).append(':').append(seq).append(':')
					.append(dueNanos).append("\",\"events\":[");
			if (seq % 3 == 2) {
				b.append("{\"type\":3,\"data\":{\"source\":1,\"positions\":[");
				int target = avgBytes * 3 - 2 * (avgBytes * 2 / 3); // the mouse message is the larger one
				int x = (int) (seq * 7 % 1000);
				boolean first = true;
				while (b.length() < target - 60) {
					if (!first) {
						b.append(',');
					}
					first = false;
					b.append("{\"x\":").append(x).append(",\"y\":").append(300 + x % 200).append(",\"id\":127,")
							.append("\"timeOffset\":-").append(x % 50).append('}');
					x += 3;
				}
				b.append("]},\"timestamp\":").append(now).append("}]}");
			} else {
				int target = avgBytes * 2 / 3;
				int len = Math.max(1, target - 95 - b.length());
				b.append("{\"type\":3,\"data\":{\"source\":5,\"text\":\"").append("*".repeat(len))
						.append("\",\"isChecked\":false,\"id\":42},\"timestamp\":").append(now).append("}]}");
			}
			return b.toString();
		}
	}

	/** One co-browsing session: the simulated customer and the agent. */
	static final class Session {
		final int id;
		final Payloads payloads;
		volatile WebSocket customer;
		volatile WebSocket agent;
		volatile String code;
		volatile boolean created;
		volatile boolean snapshotReceived;
		final AtomicLong seq = new AtomicLong();
		/** Incremental messages received by the agent (callback threads, one at a time per connection). */
		volatile long received;
		long expectedSeq;
		private final ArrayDeque<String> customerQueue = new ArrayDeque<>();
		private boolean customerSending;
		private final ArrayDeque<String> agentQueue = new ArrayDeque<>();
		private boolean agentSending;

		Session(int id, Payloads payloads) {
			this.id = id;
			this.payloads = payloads;
		}

		boolean drained() {
			return received >= seq.get();
		}

		CompletableFuture<WebSocket> connectCustomer(HttpClient http, URI uri, String origin) {
			return http.newWebSocketBuilder().header("Origin", origin).connectTimeout(java.time.Duration.ofSeconds(30))
					.buildAsync(uri, new Reader("customer", this::onCustomer)).thenApply(w -> customer = w);
		}

		CompletableFuture<WebSocket> connectAgent(HttpClient http, URI uri) {
			return http.newWebSocketBuilder().connectTimeout(java.time.Duration.ofSeconds(30))
					.buildAsync(uri, new Reader("agent", this::onAgent)).thenApply(w -> agent = w);
		}

		void tick() {
			long due = System.nanoTime();
			String m = payloads.incremental(id, seq.getAndIncrement(), due);
			incrementalsSent.incrementAndGet();
			send(m);
		}

		void ping() {
			send("{\"t\":\"ping\"}");
			sendAgent("{\"t\":\"ping\"}");
		}

		/** Sends in order; the JDK's WebSocket allows one outstanding send, so the rest wait here. */
		void send(String m) {
			sentMessages.incrementAndGet();
			sentBytes.addAndGet(m.length());
			synchronized (customerQueue) {
				if (customerSending) {
					customerQueue.add(m);
					return;
				}
				customerSending = true;
			}
			sendNow(customer, m, customerQueue, true);
		}

		void sendAgent(String m) {
			synchronized (agentQueue) {
				if (agentSending) {
					agentQueue.add(m);
					return;
				}
				agentSending = true;
			}
			sendNow(agent, m, agentQueue, false);
		}

		/** Sends m and then whatever was queued meanwhile; a loop, not a recursion, when sends complete at once. */
		private void sendNow(WebSocket w, String first, ArrayDeque<String> queue, boolean isCustomer) {
			String m = first;
			while (m != null) {
				CompletableFuture<WebSocket> sent = w.sendText(m, true);
				if (!sent.isDone()) {
					sent.whenComplete((x, e) -> {
						if (e == null) {
							String next = next(queue, isCustomer);
							if (next != null) {
								sendNow(w, next, queue, isCustomer);
							}
						} else if (!shuttingDown) {
							error("session " + id + ": send failed: " + e);
						}
					});
					return;
				}
				if (sent.isCompletedExceptionally()) {
					if (!shuttingDown) {
						error("session " + id + ": send failed: " + sent.exceptionNow());
					}
					return;
				}
				m = next(queue, isCustomer);
			}
		}

		/** @return the next queued message, or null after marking the connection idle */
		private String next(ArrayDeque<String> queue, boolean isCustomer) {
			synchronized (queue) {
				String next = queue.poll();
				if (next == null) {
					if (isCustomer) {
						customerSending = false;
					} else {
						agentSending = false;
					}
				}
				return next;
			}
		}

		void onCustomer(String m) {
			if (m.startsWith("{\"t\":\"session\"")) {
				int i = m.indexOf("\"code\":\"");
				code = m.substring(i + 8, i + 14);
				created = true;
			} else if (m.startsWith("{\"t\":\"snapshot-request\"")) {
				// the script answers with a fresh full snapshot; so does this simulated customer
				snapshotRequests.incrementAndGet();
				send(payloads.fullSnapshot(id));
			} else if (!m.startsWith("{\"t\":\"agent\"") && !m.startsWith("{\"t\":\"pong\"")) {
				error("session " + id + ": customer got an unexpected message: " + cut(m));
			}
		}

		void onAgent(String m) {
			long now = System.nanoTime();
			if (m.startsWith("{\"t\":\"events\",\"bench\":\"")) {
				int a = m.indexOf(':', 23);
				int b = m.indexOf(':', a + 1);
				int c = m.indexOf('"', b + 1);
				int session = Integer.parseInt(m, 23, a, 10);
				long s = Long.parseLong(m, a + 1, b, 10);
				long due = Long.parseLong(m, b + 1, c, 10);
				if (session != id) {
					error("session " + id + ": agent got session " + session + "'s events");
				}
				if (s != expectedSeq) {
					error("session " + id + ": agent got message " + s + ", expected " + expectedSeq
							+ " (lost or out of order)");
				}
				expectedSeq = s + 1;
				received++;
				relayedMessages.incrementAndGet();
				relayedBytes.addAndGet(m.length());
				if (measuring) {
					int i = latencyCount.getAndIncrement();
					if (i < latencies.length) {
						latencies[i] = now - due;
					}
				}
			} else if (m.startsWith("{\"t\":\"events\"")) {
				if (m.contains("\"type\":2")) {
					snapshotReceived = true;
				}
				relayedMessages.incrementAndGet();
				relayedBytes.addAndGet(m.length());
			} else if (m.startsWith("{\"t\":\"error\"")) {
				error("session " + id + ": agent refused: " + cut(m));
			} else if (!m.startsWith("{\"t\":\"joined\"") && !m.startsWith("{\"t\":\"reset\"")
					&& !m.startsWith("{\"t\":\"customer\",\"state\":\"connected\"") && !m.startsWith("{\"t\":\"pong\"")) {
				error("session " + id + ": agent got an unexpected message: " + cut(m));
			}
		}

		void abort() {
			if (customer != null) {
				customer.abort();
			}
			if (agent != null) {
				agent.abort();
			}
		}
	}

	static String cut(String m) {
		return m.length() > 200 ? m.substring(0, 200) + "..." : m;
	}

	/** Collects the fragments of each text message; reports closes and errors as protocol errors. */
	static final class Reader implements WebSocket.Listener {
		private final String side;
		private final java.util.function.Consumer<String> handler;
		private final StringBuilder partial = new StringBuilder();

		Reader(String side, java.util.function.Consumer<String> handler) {
			this.side = side;
			this.handler = handler;
		}

		@Override
		public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
			if (last && partial.isEmpty()) {
				handler.accept(data.toString());
			} else {
				partial.append(data);
				if (last) {
					handler.accept(partial.toString());
					partial.setLength(0);
				}
			}
			w.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
			if (!shuttingDown) {
				error(side + " connection closed by the hub: " + status + " " + reason);
			}
			return null;
		}

		@Override
		public void onError(WebSocket w, Throwable e) {
			if (!shuttingDown) {
				error(side + " connection error: " + e);
			}
		}
	}
}
