package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingState;
import org.webcallcenter.recording.api.SearchCriteria;
import org.webcallcenter.testing.Baresip;
import org.webcallcenter.testing.PeerDirs;
import org.webcallcenter.testing.Ports;
import org.webcallcenter.testing.Tones;
import org.webcallcenter.testing.WavFile;

/**
 * Real calls recorded by the real workstation code. The recorder runs in a separate Equinox process with this test
 * runtime's bundles, as the headless softphone application ({@code org.webcallcenter.sip.jain.headless}, sending a
 * 1000 Hz test tone) with the recording component beside it; baresip (Debian {@code baresip-core}) calls it and
 * sends 440 Hz. A separate process so that the crash test can kill it with SIGKILL and start it again on the same
 * data folder. The recordings are then read from the encrypted database files by this process.
 */
class RealCallRecordingTest {
	private static final int CUSTOMER_HZ = 440;
	private static final int AGENT_HZ = 1000;
	private static final Pattern CONNECTED = Pattern.compile("softphone: call (\\S+) CONNECTED");

	@TempDir
	Path dir;

	private ChildEquinox softphone(String name, int sipPort) throws Exception {
		ChildEquinox child = ChildEquinox.start(dir, name, "org.webcallcenter.sip.jain.headless", dir.resolve("key"),
				"-listen", "127.0.0.1:" + sipPort, "-tone", Integer.toString(AGENT_HZ), "-auto-answer", "always",
				"-warm-up", "100"); // a short warm-up: its calls must leave no trace in the recordings
		child.await("softphone: listening");
		child.await("Recordings database open");
		return child;
	}

	private Path databaseFolder() {
		return dir.resolve("data/.metadata/.plugins/org.webcallcenter.recording.derby/recordings");
	}

	/** Opens the child's database in this process, with the boot password from the child's secure storage. */
	private Database openChildDatabase() throws Exception {
		Path folder = databaseFolder();
		DerbyEngine.start(org.osgi.framework.FrameworkUtil.getBundle(Database.class).getBundleContext(), dir);
		char[] password = new SecureBootPassword(folder.getParent().resolve("secure_storage"), dir.resolve("key"))
				.get(false);
		return Database.open(folder, password);
	}

	/** The child's store, with the chain key from the child's secure storage. */
	private RecordingStore childStore(Database db) throws RecordingException {
		byte[] key = new SecureBootPassword(databaseFolder().getParent().resolve("secure_storage"), dir.resolve("key"))
				.chainKey(false);
		return new RecordingStore(db, Clock.systemUTC(), Period.ofYears(5), key);
	}

	private static String callId(ChildEquinox child) {
		Matcher m = CONNECTED.matcher(child.output());
		assertTrue(m.find(), child.output());
		return m.group(1);
	}

	@Test
	void aCallWithAToneEachWayIsRecordedAndExportsAsStereoWav() throws Exception {
		Baresip.requireInstalled();
		int sip = Ports.freeUdpPort();
		try (ChildEquinox child = softphone("softphone", sip);
				Baresip peer = Baresip.builder(PeerDirs.create("baresip-recorded")).toneHz(CUSTOMER_HZ).start()) {
			peer.dial("sip:agent@127.0.0.1:" + sip);
			peer.awaitEstablished(1);
			child.await("CONNECTED");
			// while the workstation has the database open, nobody else can open it, and is told why
			RecordingException locked = assertThrows(RecordingException.class, this::openChildDatabase);
			assertTrue(locked.getMessage().contains("locked by another program"), locked.getMessage());
			Thread.sleep(3000); // the length of the call, not a speed check
			Instant hungUpAt = Instant.now();
			peer.hangup();
			peer.awaitTerminated(1);
			child.await(" ENDED ");
			Thread.sleep(2 * Recorder.FLUSH_MILLIS); // the ENDED event reaches the recorder asynchronously
			String callId = callId(child);
			child.terminate(); // SIGTERM: the headless softphone stops (exit status 143), releasing the database

			try (Database db = openChildDatabase()) {
				RecordingStore store = childStore(db);
				Interaction call = store.find(callId).orElseThrow(() -> new AssertionError("no interaction " + callId));
				assertEquals(Interaction.Direction.INCOMING, call.direction());
				assertTrue(call.remoteParty().contains("baresip"), call.toString());
				assertTrue(call.endedAt().isPresent() && call.answeredAt().isPresent(), call.toString());
				assertEquals("REMOTE", call.endCause().orElseThrow().by());
				assertTrue(call.quality().isPresent(), "voice quality stored: " + call);
				assertEquals(List.of(callId), store.search(SearchCriteria.any().withParty(call.remoteParty()))
						.stream().map(Interaction::id).toList());
				assertEquals(List.of(callId), store.search(SearchCriteria.any()).stream().map(Interaction::id).toList(),
						"only the real call is stored, none of the warm-up's calls");
				List<Recording> recordings = store.recordings(callId);
				assertEquals(1, recordings.size(), recordings.toString());
				Recording r = recordings.get(0);
				assertEquals(RecordingState.COMPLETE, r.state());
				assertTrue(store.verify(r.id()).intact(), store.verify(r.id()).problems().toString());

				Path wav = dir.resolve("export/" + callId + ".wav");
				Path json = WavExport.export(store, r.id(), wav, p -> {
				});
				WavFile w = WavFile.read(wav);
				assertEquals(2, w.channels());
				assertEquals(8000, w.sampleRate());
				// the call's media ran from the answer until the softphone reported the call ended (both the
				// softphone's own instants, kept with the interaction)
				double media = Duration.between(call.answeredAt().orElseThrow(), call.endedAt().orElseThrow())
						.toNanos() / 1e9;
				double told = Duration.between(call.answeredAt().orElseThrow(), hungUpAt).toNanos() / 1e9;
				double heard = WavFile.read(peer.receivedAudio().get(0)).seconds();
				System.out.printf("real call: recording %.3f s, media from answer to end %.3f s (to baresip being told"
						+ " to hang up %.3f s, baresip decoded %.3f s); stored customer %d, agent %d samples%n",
						w.seconds(), media, told, heard, r.customerSamples(), r.agentSamples());
				assertTrue(Math.abs(w.seconds() - media) <= 0.100,
						"recording " + w.seconds() + " s, the call's media from answer to end " + media + " s");
				// the tap goes on synchronously when the softphone answers, before the first frame (CallObserver),
				// so nothing is tapped late (no TAPPED event, below) and both channels hold audio for the whole media
				// time. What is short is only the time the media threads take to start sending and playing (measured
				// 79 ms for the agent's channel and 119 ms for the customer's on a quiet machine, up to 307 ms while
				// other builds kept the machine's load at 18) and the frames in flight at the end. That is the
				// machine's speed, not the recorder's: the check is that no more than half a second is missing, which
				// still catches the fault it was written for (up to a whole second lost when the tap came late).
				assertTrue(r.agentSamples() >= (media - 0.500) * 8000, "the agent's audio from the answer is stored: "
						+ r.agentSamples() + " samples of " + media + " s");
				assertTrue(r.customerSamples() >= (media - 0.500) * 8000, "the customer's audio from the answer is"
						+ " stored: " + r.customerSamples() + " samples of " + media + " s");
				List<org.webcallcenter.recording.api.RecordingEvent> events = store.events(r.id());
				assertTrue(events.stream().noneMatch(e -> e.kind().equals("TAPPED")),
						"recorded from the answer, not tapped late: " + events);
				double[] customer = Tones.segment(w.channel(0), 8000, 0.5, w.seconds() - 0.3);
				double[] agent = Tones.segment(w.channel(1), 8000, 0.5, w.seconds() - 0.3);
				assertEquals((double) CUSTOMER_HZ, Tones.dominant(customer, 8000, CUSTOMER_HZ, AGENT_HZ),
						"channel 1 is the customer (baresip's 440 Hz)");
				assertEquals((double) AGENT_HZ, Tones.dominant(agent, 8000, CUSTOMER_HZ, AGENT_HZ),
						"channel 2 is the agent (our 1000 Hz)");
				assertTrue(Tones.toneDbfs(customer, 8000, CUSTOMER_HZ) > -35, "customer tone level");
				assertTrue(Tones.toneDbfs(agent, 8000, AGENT_HZ) > -35, "agent tone level");
				String sidecar = Files.readString(json);
				assertTrue(sidecar.contains(r.chainHash()) && sidecar.contains(r.sealHash().orElseThrow()), sidecar);
			}
		}
	}

	@Test
	void theCustomerHearsTheStartOfCallNoticeBeforeTheAgentAndTheRecordingHoldsIt() throws Exception {
		Baresip.requireInstalled();
		// the admin's preference, as the workstation stores it in its data folder
		Path settings = dir.resolve("data/.metadata/.plugins/org.eclipse.core.runtime/.settings");
		Files.createDirectories(settings);
		Files.writeString(settings.resolve("org.webcallcenter.prefs"),
				"eclipse.preferences.version=1\nrecording.notice=true\n");
		int sip = Ports.freeUdpPort();
		String callId;
		Path heard;
		try (ChildEquinox child = softphone("softphone-notice", sip);
				Baresip peer = Baresip.builder(PeerDirs.create("baresip-notice")).toneHz(CUSTOMER_HZ).start()) {
			peer.dial("sip:agent@127.0.0.1:" + sip);
			peer.awaitEstablished(1);
			child.await("CONNECTED");
			Thread.sleep(3000); // the length of the call, not a speed check
			peer.hangup();
			peer.awaitTerminated(1);
			child.await(" ENDED ");
			Thread.sleep(2 * Recorder.FLUSH_MILLIS);
			callId = callId(child);
			child.terminate();
			heard = peer.receivedAudio().get(0);
		}
		// what baresip decoded (the customer's ear): the notice's tone first, then the agent's
		WavFile w = WavFile.read(heard);
		double rate = w.sampleRate();
		double beep = RecordingNotice.BEEP_MILLIS / 1000.0;
		double[] first = Tones.segment(w.channel(0), rate, 0.1, beep - 0.1);
		double[] later = Tones.segment(w.channel(0), rate, RecordingNotice.millis() / 1000.0 + 0.3,
				w.seconds() - 0.3);
		System.out.printf("notice: customer heard %.3f s; first %.1f s %.0f Hz at %.1f dBFS, then %.0f Hz%n",
				w.seconds(), beep - 0.2, Tones.dominant(first, rate, RecordingNotice.HZ, AGENT_HZ),
				Tones.toneDbfs(first, rate, RecordingNotice.HZ), Tones.dominant(later, rate, RecordingNotice.HZ, AGENT_HZ));
		assertEquals((double) RecordingNotice.HZ, Tones.dominant(first, rate, RecordingNotice.HZ, AGENT_HZ),
				"the customer hears the notice first");
		assertTrue(Tones.toneDbfs(first, rate, RecordingNotice.HZ) > -30, "the notice is audible");
		assertEquals((double) AGENT_HZ, Tones.dominant(later, rate, RecordingNotice.HZ, AGENT_HZ),
				"then the agent");
		// the recording holds the notice on the agent's channel (what was sent), from its start
		try (Database db = openChildDatabase()) {
			RecordingStore store = childStore(db);
			Recording r = store.recordings(callId).get(0);
			short[] agent = store.read(r.id(), Channel.AGENT, 800, 2400); // 0.1 to 0.4 s
			assertEquals((double) RecordingNotice.HZ,
					Tones.dominant(ChainTest.doubles(agent), 8000, RecordingNotice.HZ, AGENT_HZ),
					"the recording holds the notice");
		}
	}

	@Test
	void aRecorderKilledMidCallLeavesAnIncompleteReadableRecordingAtMostOneSecondShort() throws Exception {
		Baresip.requireInstalled();
		int sip = Ports.freeUdpPort();
		Instant killedAt;
		String callId;
		try (ChildEquinox child = softphone("softphone-killed", sip);
				Baresip peer = Baresip.builder(PeerDirs.create("baresip-crash")).toneHz(CUSTOMER_HZ).start()) {
			peer.dial("sip:agent@127.0.0.1:" + sip);
			peer.awaitEstablished(1);
			child.await("CONNECTED");
			Thread.sleep(3500); // mid-call
			killedAt = Instant.now();
			child.kill();
			callId = callId(child);
		}
		// restart: the verify application starts the recording service, which marks the open recording incomplete
		try (ChildEquinox verify = ChildEquinox.start(dir, "verify", VerifyApplication.ID, dir.resolve("key"))) {
			int exit = verify.awaitExit();
			assertTrue(verify.output().contains("verified 1 recordings, 0 broken"), verify.output());
			assertEquals(0, exit, verify.output());
		}
		try (Database db = openChildDatabase()) {
			RecordingStore store = childStore(db);
			Interaction call = store.find(callId).orElseThrow();
			Recording r = store.recordings(callId).get(0);
			assertEquals(RecordingState.INCOMPLETE, r.state());
			assertTrue(store.verify(r.id()).intact());
			assertTrue(store.events(r.id()).stream().anyMatch(e -> e.kind().equals("INCOMPLETE")));
			// the media ran from the answer until the kill; at most one second of it may be missing
			long mediaMillis = Duration.between(call.answeredAt().orElseThrow(), killedAt).toMillis();
			System.out.printf("crash: recorded %d ms (customer %d, agent %d samples) of %d ms before SIGKILL%n",
					r.lengthMillis(), r.customerSamples(), r.agentSamples(), mediaMillis);
			assertTrue(r.lengthMillis() >= mediaMillis - 1000 && r.lengthMillis() <= mediaMillis + 100,
					"recorded " + r.lengthMillis() + " ms of " + mediaMillis + " ms before the kill");
			assertTrue(r.agentSamples() >= (mediaMillis - 1000) * 8, "agent channel: " + r.agentSamples());
			short[] agent = store.read(r.id(), Channel.AGENT, 4000, 8000);
			short[] customer = store.read(r.id(), Channel.CUSTOMER, 4000, 8000);
			assertEquals((double) AGENT_HZ, Tones.dominant(ChainTest.doubles(agent), 8000, CUSTOMER_HZ, AGENT_HZ));
			assertEquals((double) CUSTOMER_HZ,
					Tones.dominant(ChainTest.doubles(customer), 8000, CUSTOMER_HZ, AGENT_HZ));
		}
	}
}
