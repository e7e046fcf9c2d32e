package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.VerifyResult;
import org.webcallcenter.testing.Baresip;
import org.webcallcenter.testing.PeerDirs;
import org.webcallcenter.testing.Poll;
import org.webcallcenter.testing.Ports;
import org.webcallcenter.testing.Tones;

/**
 * Storage trouble under a real call, with the real workstation code in a child process (the headless softphone with
 * the recorder, as in {@link RealCallRecordingTest}) and baresip calling it:
 * <ul>
 * <li>a disk that really fills during the recording: the child's data folder is a small tmpfs mounted in a private
 * mount namespace ({@code unshare -m}, util-linux; needs root, as this machine and CI run), which this test fills
 * through {@code /proc/<pid>/root} while the call goes on;</li>
 * <li>a database locked by another process when the workstation starts.</li>
 * </ul>
 * In both the call must go on, the message must say what happened, and what was recorded must stay readable.
 */
class StorageTroubleCallTest {
	private static final int CUSTOMER_HZ = 440;
	private static final int AGENT_HZ = 1000;
	private static final Pattern CONNECTED = Pattern.compile("softphone: call (\\S+) CONNECTED");

	@TempDir
	Path dir;

	private static String[] softphoneArguments(int sip) {
		return new String[] { "-listen", "127.0.0.1:" + sip, "-tone", Integer.toString(AGENT_HZ), "-auto-answer",
				"always" };
	}

	private static String callId(ChildEquinox child) {
		Matcher m = CONNECTED.matcher(child.output());
		assertTrue(m.find(), child.output());
		return m.group(1);
	}

	/** Opens a copy of the child's database in this process, with the child's secure storage. */
	private static RecordingStore open(Path data, Path keyFile, List<Database> opened) throws Exception {
		Path folder = data.resolve(".metadata/.plugins/org.webcallcenter.recording.derby/recordings");
		DerbyEngine.start(org.osgi.framework.FrameworkUtil.getBundle(Database.class).getBundleContext(),
				folder.getParent());
		SecureBootPassword secrets = new SecureBootPassword(folder.getParent().resolve("secure_storage"), keyFile);
		Database db = Database.open(folder, secrets.get(false));
		opened.add(db);
		return new RecordingStore(db, Clock.systemUTC(), Period.ofYears(5), secrets.chainKey(false));
	}

	/** Writes into {@code file} until the file system says it is full; returns the bytes written. */
	private static long fill(Path file) {
		byte[] block = new byte[64 * 1024];
		long written = 0;
		try (OutputStream out = Files.newOutputStream(file)) {
			while (true) {
				out.write(block);
				written += block.length;
			}
		} catch (IOException full) {
			assertTrue(String.valueOf(full.getMessage()).toLowerCase().contains("no space"), full.toString());
		}
		return written;
	}

	@Test
	void aDiskThatFillsDuringTheCallIsReportedTheCallGoesOnAndTheRecordingStaysReadable() throws Exception {
		Baresip.requireInstalled();
		assertTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "util-linux (unshare) is required by this test");
		Path data = dir.resolve("data");
		Path copy = dir.resolve("data-copy");
		Files.createDirectories(data);
		Files.createDirectories(copy);
		// the data folder is a 48 MB tmpfs seen only by the child; when Java ends, the shell copies it out
		List<String> wrapper = List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
				"d=\"$0\"; c=\"$1\"; shift; mount -t tmpfs -o size=48m wcc-full-disk-test \"$d\" || exit 97;"
						+ " \"$@\"; rc=$?; cp -a \"$d\"/. \"$c\"/; exit $rc",
				data.toString(), copy.toString());
		int sip = Ports.freeUdpPort();
		String callId;
		Instant filledAt;
		Instant freedAt;
		Instant answeredAfter = Instant.now();
		try (ChildEquinox child = ChildEquinox.start(dir, "softphone-full", wrapper,
				"org.webcallcenter.sip.jain.headless", dir.resolve("key"), softphoneArguments(sip));
				Baresip peer = Baresip.builder(PeerDirs.create("baresip-full-disk")).toneHz(CUSTOMER_HZ).start()) {
			child.await("softphone: listening");
			child.await("Recordings database open");
			// the child's view of its data folder (its own mount namespace)
			Path inside = Path.of("/proc/" + child.java().pid() + "/root").resolve(data.toString().substring(1));
			assertTrue(Files.isDirectory(inside.resolve(".metadata")), "the child's tmpfs is reachable: " + inside);
			assertFalse(Files.exists(data.resolve(".metadata")), "the tmpfs is not visible outside the child");
			peer.dial("sip:agent@127.0.0.1:" + sip);
			peer.awaitEstablished(1);
			child.await("CONNECTED");
			Thread.sleep(3000); // three seconds recorded on a disk with room (the length of the call, not a speed check)
			filledAt = Instant.now();
			long filler = fill(inside.resolve("filler"));
			System.out.printf("full disk: %d MB of filler until the tmpfs was full%n", filler >> 20);
			// the recorder says so: in the log and, through the same message, the workstation's status bar
			Poll.until("the recorder to report the full disk", Duration.ofSeconds(90),
					() -> child.output().contains("the disk holding the recordings is full"));
			Thread.sleep(2000); // the call goes on with a full disk
			assertTrue(child.isAlive(), "the softphone process goes on:\n" + child.output());
			assertFalse(child.output().contains(" ENDED "), "the call goes on:\n" + child.output());
			callId = callId(child);
			Files.delete(inside.resolve("filler")); // space again
			freedAt = Instant.now();
			Thread.sleep(5000); // the recorder opens the database again by itself and goes on recording
			peer.hangup();
			peer.awaitTerminated(1);
			child.await(" ENDED ");
			Thread.sleep(2 * Recorder.FLUSH_MILLIS);
			child.terminate(); // SIGTERM to Java; the shell then copies the data folder out of the tmpfs
		}
		System.out.printf("full disk: filled at +%d ms, freed at +%d ms after the test's call started%n",
				Duration.between(answeredAfter, filledAt).toMillis(), Duration.between(answeredAfter, freedAt).toMillis());
		String out = Files.readString(dir.resolve("softphone-full.out"), java.nio.charset.StandardCharsets.ISO_8859_1);
		String problem = out.lines().filter(l -> l.contains("the disk holding the recordings is full")).findFirst()
				.orElseThrow();
		System.out.println("full disk: the child said: " + problem.strip());
		out.lines().filter(l -> l.contains("!MESSAGE") || l.contains("Recording")).forEach(
				l -> System.out.println("full disk: child log: " + l.strip()));
		assertTrue(problem.contains("Recording ") && problem.contains("the call goes on"), problem);
		assertEquals(1, out.lines().filter(l -> l.contains("the disk holding the recordings is full")).count(),
				"said once, not every half second:\n" + out);

		List<Database> opened = new java.util.ArrayList<>();
		try {
			RecordingStore store = open(copy, dir.resolve("key"), opened);
			store.recoverOpenRecordings();
			Interaction call = store.find(callId).orElseThrow();
			Recording r = store.recordings(callId).get(0);
			VerifyResult v = store.verify(r.id());
			long before = Duration.between(call.answeredAt().orElseThrow(), filledAt).toMillis();
			System.out.printf("full disk: recording %s, %d ms long, customer %d, agent %d samples; %d ms of the call"
					+ " were before the disk filled; verify: %s; events %s%n", r.state(), r.lengthMillis(),
					r.customerSamples(), r.agentSamples(), before, v.intact() ? "intact" : v.problems(),
					store.events(r.id()).stream().map(e -> e.kind()).toList());
			assertTrue(v.intact(), v.problems().toString());
			assertEquals(org.webcallcenter.recording.api.RecordingState.COMPLETE, r.state(),
					"finished and sealed once there was space again");
			assertTrue(store.events(r.id()).stream().anyMatch(e -> e.kind().equals("WRITE_ERROR")),
					"the audio lost while the disk was full is logged with the recording");
			assertTrue(answeredAfter.isBefore(call.answeredAt().orElseThrow()));
			// what was recorded before the disk filled is there (at most the last second before it may be missing)
			assertTrue(r.agentSamples() >= (before - 1000) * 8, "agent: " + r.agentSamples() + " of " + before + " ms");
			short[] agent = store.read(r.id(), Channel.AGENT, 4000, 8000);
			short[] customer = store.read(r.id(), Channel.CUSTOMER, 4000, 8000);
			assertEquals((double) AGENT_HZ, Tones.dominant(ChainTest.doubles(agent), 8000, CUSTOMER_HZ, AGENT_HZ));
			assertEquals((double) CUSTOMER_HZ,
					Tones.dominant(ChainTest.doubles(customer), 8000, CUSTOMER_HZ, AGENT_HZ));
			// and recording went on once space was free again: the agent's tone 3 to 4 s after the disk was freed
			long resumed = Duration.between(call.answeredAt().orElseThrow(), freedAt).toMillis() * 8 + 24_000;
			short[] after = store.read(r.id(), Channel.AGENT, resumed, 8000);
			assertEquals(8000, after.length, "the recording reaches past the freeing: " + r.lengthMillis() + " ms");
			assertEquals((double) AGENT_HZ, Tones.dominant(ChainTest.doubles(after), 8000, CUSTOMER_HZ, AGENT_HZ),
					"recorded again after the disk was freed");
			assertTrue(Tones.toneDbfs(ChainTest.doubles(after), 8000, AGENT_HZ) > -35, "not silence");
		} finally {
			opened.forEach(Database::close);
		}
	}

	@Test
	void aDatabaseLockedByAnotherProcessIsReportedAndTheCallGoesOn() throws Exception {
		Baresip.requireInstalled();
		int sip = Ports.freeUdpPort();
		// a first start makes the database and its secrets, then ends
		try (ChildEquinox first = ChildEquinox.start(dir, "softphone-first", "org.webcallcenter.sip.jain.headless",
				dir.resolve("key"), softphoneArguments(sip))) {
			first.await("Recordings database open");
			first.terminate();
		}
		List<Database> opened = new java.util.ArrayList<>();
		try {
			open(dir.resolve("data"), dir.resolve("key"), opened); // this process holds the database now
			try (ChildEquinox child = ChildEquinox.start(dir, "softphone-locked", "org.webcallcenter.sip.jain.headless",
					dir.resolve("key"), softphoneArguments(sip));
					Baresip peer = Baresip.builder(PeerDirs.create("baresip-locked")).toneHz(CUSTOMER_HZ).start()) {
				child.await("softphone: listening");
				child.await("Calls are NOT recorded");
				String said = child.output().lines().filter(l -> l.contains("Calls are NOT recorded")).findFirst()
						.orElseThrow();
				System.out.println("locked: the child said: " + said.strip());
				assertTrue(said.contains("locked by another program"), said);
				peer.dial("sip:agent@127.0.0.1:" + sip);
				peer.awaitEstablished(1);
				child.await("CONNECTED");
				Thread.sleep(1500); // the call goes on without recording
				assertTrue(child.isAlive(), child.output());
				assertFalse(child.output().contains(" ENDED "), child.output());
				peer.hangup();
				peer.awaitTerminated(1);
				child.await(" ENDED ");
				child.terminate();
			}
		} finally {
			opened.forEach(Database::close);
		}
	}
}
