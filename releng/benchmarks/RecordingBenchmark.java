import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.SearchCriteria;
import org.webcallcenter.recording.derby.internal.Database;
import org.webcallcenter.recording.derby.internal.RecordingStore;
import org.webcallcenter.recording.derby.internal.SyntheticRecordings;

/**
 * Recording benchmarks (issue 4), run by recording-benchmark.sh on the built bundles and Derby jars, outside OSGi,
 * through the recorder's own classes on an encrypted database:
 *
 * <pre>
 * recordings N SECONDS [WARMUP]
 *                       N concurrent synthetic calls (a paced 20 ms frame per direction per call, as the media tap
 *                       delivers them, through LiveRecording and the 500 ms writer) for WARMUP + SECONDS; prints
 *                       process CPU of the whole run and of the SECONDS after the warm-up (steady state), bytes the
 *                       database folder grew per recorded minute, chunks lost (failed writes)
 * search N QUERIES      N interactions over 365 days with 5000 parties, then QUERIES date-range (7 days) + party
 *                       searches; prints p50/p99/max latency
 * </pre>
 * The synthetic calls are simulated (no RTP, no SIP): they measure the recorder and the database, not the network.
 */
public final class RecordingBenchmark {
	public static void main(String[] args) throws Exception {
		Path dir = Files.createTempDirectory("wcc-recording-bench");
		char[] password = "benchmark-boot-password-0123456789".toCharArray();
		if (args[0].equals("recordings")) {
			recordings(dir, password, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
					args.length > 3 ? Integer.parseInt(args[3]) : 0);
		} else {
			search(dir, password, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
		}
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
	}

	/** A random chain key, as a workstation keeps in secure storage. */
	private static byte[] chainKey() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return key;
	}

	private static long size(Path dir) throws Exception {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
		}
	}

	static void recordings(Path dir, char[] password, int calls, int seconds, int warmup) throws Exception {
		try (Database db = Database.open(dir.resolve("db"), password)) {
			RecordingStore store = new RecordingStore(db, Clock.systemUTC(), Period.ofYears(5), chainKey());
			store.warmUp();
			List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
			SyntheticRecordings synthetic = new SyntheticRecordings(store, problems::add);
			for (int c = 0; c < calls; c++) {
				synthetic.start("bench-" + c, 440 + c);
			}
			long sizeBefore = size(dir.resolve("db"));
			long dataBefore = size(dir.resolve("db/seg0"));
			long cpuBefore = cpuNanos();
			long wallBefore = System.nanoTime();
			ScheduledExecutorService media = Executors.newSingleThreadScheduledExecutor();
			long warmFrames = warmup * 50L;
			long frames = warmFrames + seconds * 50L;
			AtomicLong sent = new AtomicLong();
			long[] mediaThread = { -1 };
			media.scheduleAtFixedRate(() -> {
				mediaThread[0] = Thread.currentThread().threadId();
				if (sent.get() < frames) {
					synthetic.frame();
					sent.incrementAndGet();
				}
			}, 0, 20, TimeUnit.MILLISECONDS);
			while (sent.get() < warmFrames) {
				Thread.sleep(5);
			}
			// steady state: from the end of the warm-up (JIT compilation of Derby's paths) to the last frame
			long cpuSteady = cpuNanos();
			long wallSteady = System.nanoTime();
			long mediaSteady = warmFrames > 0 ? ManagementFactory.getThreadMXBean().getThreadCpuTime(mediaThread[0]) : 0;
			while (sent.get() < frames) {
				Thread.sleep(5);
			}
			long steadyCpu = cpuNanos() - cpuSteady;
			long steadyWall = System.nanoTime() - wallSteady;
			// the simulated media tap's own CPU (filling frames), which a real call's media threads would spend
			long mediaCpu = ManagementFactory.getThreadMXBean().getThreadCpuTime(mediaThread[0]);
			media.shutdown();
			synthetic.finishAll();
			long wall = System.nanoTime() - wallBefore;
			long cpu = cpuNanos() - cpuBefore;
			long grown = size(dir.resolve("db")) - sizeBefore;
			long dataGrown = size(dir.resolve("db/seg0")) - dataBefore;
			long expectedSamples = frames * 160 * calls;
			long stored = 0;
			for (Recording r : store.allRecordings()) {
				stored += r.customerSamples();
			}
			double recordedMinutes = calls * (warmup + seconds) / 60.0;
			System.out.printf("recordings: %d concurrent calls for %d s (%d s warm-up + %d s): whole run CPU %.1f %% of"
					+ " one core (process, %.1f s CPU in %.1f s, warm-up and final seals included), database grew %.2f"
					+ " MB per recorded minute (both channels), customer samples stored %d of %d, write problems %d%n",
					calls, warmup + seconds, warmup, seconds, 100.0 * cpu / wall, cpu / 1e9, wall / 1e9,
					grown / 1e6 / recordedMinutes, stored, expectedSamples, problems.size());
			System.out.printf("recordings: of the growth, data files (seg0) %.2f MB per recorded minute, the rest is"
					+ " transaction log not yet removed by a checkpoint%n", dataGrown / 1e6 / recordedMinutes);
			System.out.printf("recordings: steady state (the %d s after the warm-up): CPU %.1f %% of one core (%.1f s CPU"
					+ " in %.1f s); without the simulated media tap's thread (making frames, %.1f s) %.1f %%%n", seconds,
					100.0 * steadyCpu / steadyWall, steadyCpu / 1e9, steadyWall / 1e9, (mediaCpu - mediaSteady) / 1e9,
					100.0 * (steadyCpu - (mediaCpu - mediaSteady)) / steadyWall);
		}
	}

	static void search(Path dir, char[] password, int interactions, int queries) throws Exception {
		System.setProperty("derby.system.durability", "test"); // loading only: no fsync per insert
		try (Database db = Database.open(dir.resolve("db"), password)) {
			RecordingStore store = new RecordingStore(db, Clock.systemUTC(), Period.ofYears(5), chainKey());
			Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
			Random random = new Random(4);
			long load = System.nanoTime();
			for (int i = 0; i < interactions; i++) {
				Instant at = t0.plusSeconds(random.nextInt(365 * 86400));
				Interaction x = Interaction.started("i-" + i, i % 2 == 0 ? Interaction.Direction.INCOMING
						: Interaction.Direction.OUTGOING, "70" + (i % 40), "+41" + (1_000_000 + random.nextInt(5000)),
						at).withAgent("agent" + (i % 40), "branch" + (i % 5));
				store.create(x.withEnded(at.plusSeconds(30 + random.nextInt(600)), null));
			}
			System.out.printf("search: loaded %d interactions in %.1f s%n", interactions,
					(System.nanoTime() - load) / 1e9);
			long[] took = new long[queries];
			int found = 0;
			for (int q = 0; q < queries; q++) {
				Instant from = t0.plus(Duration.ofDays(random.nextInt(358)));
				String party = "+41" + (1_000_000 + random.nextInt(5000));
				long s = System.nanoTime();
				found += store.search(SearchCriteria.any().withDateRange(from, from.plus(Duration.ofDays(7)))
						.withParty(party)).size();
				took[q] = System.nanoTime() - s;
			}
			Arrays.sort(took);
			System.out.printf("search: %d date-range (7 days) + party queries over %d interactions: p50 %.2f ms,"
					+ " p99 %.2f ms, max %.2f ms (%d hits in all; the first %d queries included)%n", queries,
					interactions, took[queries / 2] / 1e6, took[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
					took[queries - 1] / 1e6, found, queries);
		}
	}
}
