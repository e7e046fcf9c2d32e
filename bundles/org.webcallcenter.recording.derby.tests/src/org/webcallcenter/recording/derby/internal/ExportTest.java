package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.testing.Tones;
import org.webcallcenter.testing.WavFile;
import org.webcallcenter.testing.MutableClock;

/** A recording exports as a standard stereo WAV (customer left, agent right) with a JSON sidecar. */
class ExportTest {
	@TempDir
	Path dir;

	@Test
	void theWavHasBothChannelsInPlaceAndTheSidecarTheChainHash() throws Exception {
		try (Database db = TestStores.open(dir.resolve("db"), true)) {
			RecordingStore store = TestStores.store(db, new MutableClock(Instant.parse("2026-11-26T11:00:00Z")));
			store.create(TestStores.interaction("call-x", "+4133\"quoted\"", Instant.parse("2026-11-26T11:00:00Z")));
			long id = TestStores.recordTones(store, "call-x", 2.5);
			List<Double> progress = new ArrayList<>();
			Path wav = dir.resolve("out/call-x.wav");
			Path json = WavExport.export(store, id, wav, progress::add);
			assertEquals(dir.resolve("out/call-x.json"), json);
			assertEquals(1.0, progress.get(progress.size() - 1));
			WavFile w = WavFile.read(wav);
			assertEquals(2, w.channels());
			assertEquals(8000, w.sampleRate());
			assertEquals(16, w.bitsPerSample());
			assertEquals(20_000, w.frames());
			assertEquals(440.0, Tones.dominant(w.channel(0), 8000, 440, 1000), "channel 1: the customer");
			assertEquals(1000.0, Tones.dominant(w.channel(1), 8000, 440, 1000), "channel 2: the agent");
			Recording r = store.recording(id).orElseThrow();
			String text = Files.readString(json, StandardCharsets.UTF_8);
			assertTrue(text.contains("\"chainHash\":\"" + r.chainHash() + "\""), text);
			assertTrue(text.contains("\"sealHash\":\"" + r.sealHash().orElseThrow() + "\""), text);
			assertTrue(text.contains("\"remoteParty\":\"+4133\\\"quoted\\\"\""), text);
			assertTrue(text.contains("\"intact\":true"), text);
			assertTrue(Files.list(dir.resolve("out")).noneMatch(p -> p.toString().endsWith(".part")));
		}
	}
}
