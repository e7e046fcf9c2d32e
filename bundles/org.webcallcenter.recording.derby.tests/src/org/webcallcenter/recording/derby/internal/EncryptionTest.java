package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.RecordingState;
import org.webcallcenter.testing.MutableClock;

/**
 * A raw scan of every byte of the database folder finds neither a party's number nor a run of the recorded audio
 * when the database is encrypted, and finds both in an unencrypted control database written the same way (so the
 * scan itself is shown to work).
 */
class EncryptionTest {
	private static final String NUMBER = "+41445559876";

	@TempDir
	Path dir;

	@Test
	void theEncryptedDatabaseShowsNoNumberAndNoAudio() throws Exception {
		short[] audio = writeDatabase(dir.resolve("encrypted"), true);
		List<String> found = scan(dir.resolve("encrypted"), needles(audio));
		assertEquals(List.of(), found, "nothing readable in the encrypted database's files");
	}

	@Test
	void theUnencryptedControlShowsBoth() throws Exception {
		short[] audio = writeDatabase(dir.resolve("control"), false);
		List<String> found = scan(dir.resolve("control"), needles(audio));
		assertTrue(found.contains("number"), "the control database shows the number: " + found);
		assertTrue(found.stream().anyMatch(s -> s.startsWith("audio")), "and the audio: " + found);
	}

	/** Writes one interaction with the number and two seconds of known noise on the customer channel. */
	private static short[] writeDatabase(Path folder, boolean encrypted) throws Exception {
		short[] audio = new short[16_000];
		Random random = new Random(20261126L);
		for (int k = 0; k < audio.length; k++) {
			audio[k] = (short) (random.nextGaussian() * 3000);
		}
		try (Database db = TestStores.open(folder, encrypted)) {
			RecordingStore store = TestStores.store(db, new MutableClock(Instant.parse("2026-11-26T10:00:00Z")));
			store.create(TestStores.interaction("call-enc", NUMBER, Instant.parse("2026-11-26T10:00:00Z")));
			RecordingStore.OpenChain chain = store.startRecording("call-enc");
			store.append(chain, List.of(new RecordingStore.Chunk(Channel.CUSTOMER, 0, audio)), audio.length);
			store.finish(chain.id, RecordingState.COMPLETE, audio.length, "done");
			assertTrue(store.verify(chain.id).intact());
		}
		assertFalse(Files.exists(folder.resolve("db.lck")), "the database was shut down before the scan");
		return audio;
	}

	private static List<byte[]> needles(short[] audio) {
		List<byte[]> n = new ArrayList<>();
		n.add(NUMBER.getBytes(StandardCharsets.US_ASCII));
		for (int at : new int[] { 1000, 5000, 9000, 13000 }) {
			n.add(RecordingStore.toBytes(audio, at, 16)); // 32 bytes of the stored audio, as stored
		}
		return n;
	}

	/** @return "number" and "audio@N" for each needle found in any file under the folder */
	private static List<String> scan(Path folder, List<byte[]> needles) throws IOException {
		List<String> found = new ArrayList<>();
		List<Path> files;
		try (Stream<Path> s = Files.walk(folder)) {
			files = s.filter(Files::isRegularFile).toList();
		}
		assertTrue(files.size() > 5, "the database has files to scan: " + files);
		long bytes = 0;
		for (Path f : files) {
			byte[] content = Files.readAllBytes(f);
			bytes += content.length;
			for (int k = 0; k < needles.size(); k++) {
				String name = k == 0 ? "number" : "audio@" + k;
				if (!found.contains(name) && indexOf(content, needles.get(k)) >= 0) {
					found.add(name);
				}
			}
		}
		assertTrue(bytes > 32_000, "the files hold at least the audio's size: " + bytes);
		return found;
	}

	static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}
}
