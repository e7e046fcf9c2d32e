package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingState;
import org.webcallcenter.recording.api.VerifyResult;
import org.webcallcenter.testing.Tones;
import org.webcallcenter.testing.MutableClock;

/** Chunks are chained and the recording sealed; a changed byte, a removed chunk or changed metadata is found. */
class ChainTest {
	@TempDir
	Path dir;
	private Database db;
	private RecordingStore store;
	private long id;

	@BeforeEach
	void record() throws Exception {
		db = TestStores.open(dir.resolve("db"), true);
		store = TestStores.store(db, new MutableClock(Instant.parse("2026-11-26T09:00:00Z")));
		store.create(TestStores.interaction("call-1", "+41445551234", Instant.parse("2026-11-26T09:00:00Z")));
		id = TestStores.recordTones(store, "call-1", 3.0);
	}

	@AfterEach
	void close() {
		db.close();
	}

	@Test
	void aFinishedRecordingIsChunkedByTheSecondSealedAndIntact() throws Exception {
		Recording r = store.recording(id).orElseThrow();
		assertEquals(RecordingState.COMPLETE, r.state());
		assertEquals(24_000, r.customerSamples());
		assertEquals(24_000, r.agentSamples());
		assertEquals(24_000, r.lengthSamples());
		assertTrue(r.sealHash().isPresent());
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
				"SELECT MAX(SAMPLES), COUNT(*) FROM RECORDING_CHUNK WHERE RECORDING_ID = ?")) {
			p.setLong(1, id);
			try (ResultSet rs = p.executeQuery()) {
				rs.next();
				assertTrue(rs.getInt(1) <= 8000, "no chunk holds more than a second: " + rs.getInt(1));
				assertEquals(r.chunks(), rs.getInt(2));
			}
		}
		VerifyResult v = store.verify(id);
		assertTrue(v.intact(), v.problems().toString());
		assertEquals(r.chunks(), v.chunksChecked());
		double[] customer = doubles(store.read(id, Channel.CUSTOMER, 0, 24_000));
		double[] agent = doubles(store.read(id, Channel.AGENT, 0, 24_000));
		assertEquals(440.0, Tones.dominant(customer, 8000, 440, 1000));
		assertEquals(1000.0, Tones.dominant(agent, 8000, 440, 1000));
	}

	@Test
	void oneChangedByteInAStoredChunkIsReportedByVerify() throws Exception {
		try (Connection c = db.connection()) {
			byte[] data;
			try (PreparedStatement p = c.prepareStatement(
					"SELECT DATA FROM RECORDING_CHUNK WHERE RECORDING_ID = ? AND SEQ = 2")) {
				p.setLong(1, id);
				try (ResultSet rs = p.executeQuery()) {
					rs.next();
					data = rs.getBytes(1);
				}
			}
			data[100] ^= 0x01;
			try (PreparedStatement p = c.prepareStatement(
					"UPDATE RECORDING_CHUNK SET DATA = ? WHERE RECORDING_ID = ? AND SEQ = 2")) {
				p.setBytes(1, data);
				p.setLong(2, id);
				assertEquals(1, p.executeUpdate());
			}
		}
		VerifyResult v = store.verify(id);
		assertFalse(v.intact());
		assertEquals(List.of("chunk 2 does not match its hash: its audio or place was changed"), v.problems());
	}

	@Test
	void aRemovedChunkAndChangedMetadataAreReported() throws Exception {
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
				"DELETE FROM RECORDING_CHUNK WHERE RECORDING_ID = ? AND SEQ = 3")) {
			p.setLong(1, id);
			assertEquals(1, p.executeUpdate());
		}
		VerifyResult v = store.verify(id);
		assertTrue(v.problems().stream().anyMatch(s -> s.startsWith("chunk 3 is missing")), v.problems().toString());

		long other = TestStores.recordTones(store, "call-1", 1.0);
		assertTrue(store.verify(other).intact());
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
				"UPDATE RECORDING SET LENGTH_SAMPLES = LENGTH_SAMPLES - 800 WHERE ID = ?")) {
			p.setLong(1, other);
			p.executeUpdate();
		}
		assertEquals(List.of("the seal does not match: the recording's metadata was changed"),
				store.verify(other).problems());
		List<VerifyResult> all = store.verifyAll(x -> {
		});
		assertEquals(2, all.size());
		assertTrue(all.stream().noneMatch(VerifyResult::intact));
	}

	/**
	 * Someone with write access to the database but not the workstation's chain key silences a stretch of audio and
	 * recomputes every link, the head and the seal, with the published algorithm: unkeyed SHA-256 (the chain of the
	 * development builds), or HMAC-SHA256 under a key of their own. Verify catches both.
	 */
	@Test
	void aWholeChainRecomputedWithoutTheKeyIsCaught() throws Exception {
		rewriteWholeChain(ChunkChain.UNKEYED);
		VerifyResult unkeyed = store.verify(id);
		assertFalse(unkeyed.intact());
		assertEquals(1, unkeyed.problems().size(), unkeyed.problems().toString());
		assertTrue(unkeyed.problems().get(0).contains("plain SHA-256 without the workstation's key"),
				unkeyed.problems().toString());

		byte[] guessed = new byte[32];
		new java.security.SecureRandom().nextBytes(guessed);
		rewriteWholeChain(ChunkChain.keyed(guessed));
		VerifyResult other = store.verify(id);
		assertFalse(other.intact());
		assertTrue(other.problems().contains("chunk 0 does not match its hash: its audio or place was changed"),
				other.problems().toString());

		// the same rewrite with the workstation's own key would pass: the key is what protects the chain
		rewriteWholeChain(ChunkChain.keyed(TestStores.CHAIN_KEY));
		assertTrue(store.verify(id).intact(), store.verify(id).problems().toString());
	}

	/** Zeroes the agent's audio of chunk 1 and recomputes every link, the head and the seal with {@code code}. */
	private void rewriteWholeChain(ChunkChain code) throws Exception {
		Recording r = store.recording(id).orElseThrow();
		try (Connection c = db.connection()) {
			byte[] head = code.genesis(r.id(), r.interactionId(), r.startedAt().toEpochMilli());
			try (PreparedStatement p = c.prepareStatement("SELECT SEQ, CHANNEL, START_SAMPLE, SAMPLES, DATA "
					+ "FROM RECORDING_CHUNK WHERE RECORDING_ID = ? ORDER BY SEQ");
					PreparedStatement u = c.prepareStatement(
							"UPDATE RECORDING_CHUNK SET DATA = ?, HASH = ? WHERE RECORDING_ID = ? AND SEQ = ?")) {
				p.setLong(1, id);
				try (ResultSet rs = p.executeQuery()) {
					while (rs.next()) {
						int seq = rs.getInt(1);
						byte[] data = rs.getBytes(5);
						if (seq == 1) {
							data = new byte[data.length];
						}
						head = code.next(head, id, seq, rs.getShort(2), rs.getLong(3), rs.getInt(4), data);
						u.setBytes(1, data);
						u.setString(2, ChunkChain.hex(head));
						u.setLong(3, id);
						u.setInt(4, seq);
						u.executeUpdate();
					}
				}
			}
			byte[] seal = code.seal(head, r.id(), r.interactionId(), r.startedAt().toEpochMilli(),
					r.endedAt().orElseThrow().toEpochMilli(), r.state().name(), r.chunks(), r.customerSamples(),
					r.agentSamples(), r.lengthSamples());
			try (PreparedStatement u = c.prepareStatement(
					"UPDATE RECORDING SET CHAIN_HASH = ?, SEAL_HASH = ? WHERE ID = ?")) {
				u.setString(1, ChunkChain.hex(head));
				u.setString(2, ChunkChain.hex(seal));
				u.setLong(3, id);
				u.executeUpdate();
			}
		}
	}

	static double[] doubles(short[] pcm) {
		double[] d = new double[pcm.length];
		for (int k = 0; k < pcm.length; k++) {
			d[k] = pcm[k] / 32768.0;
		}
		return d;
	}
}
