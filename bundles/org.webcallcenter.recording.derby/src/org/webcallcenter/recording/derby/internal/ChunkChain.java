package org.webcallcenter.recording.derby.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The integrity chain of a recording. The chain starts from a hash of the recording's identity; every chunk's hash
 * covers the previous hash, the chunk's place (sequence, channel, first sample, length) and its audio, so that a
 * changed, removed, reordered or inserted chunk breaks every later link. The seal covers the chain's head and the
 * recording's final metadata.
 */
final class ChunkChain {
	private static final String VERSION = "org.webcallcenter.recording/1";

	private ChunkChain() {
	}

	static byte[] genesis(long recordingId, String interactionId, long startedAtMillis) {
		MessageDigest d = sha256();
		d.update(text(VERSION + "\0genesis\0" + interactionId + "\0"));
		d.update(ByteBuffer.allocate(16).putLong(recordingId).putLong(startedAtMillis).array());
		return d.digest();
	}

	static byte[] next(byte[] previous, long recordingId, int seq, int channel, long startSample, int samples,
			byte[] data) {
		MessageDigest d = sha256();
		d.update(previous);
		d.update(ByteBuffer.allocate(8 + 4 + 4 + 8 + 4 + 4).putLong(recordingId).putInt(seq).putInt(channel)
				.putLong(startSample).putInt(samples).putInt(data.length).array());
		d.update(data);
		return d.digest();
	}

	static byte[] seal(byte[] head, long recordingId, String interactionId, long startedAtMillis, long endedAtMillis,
			String state, int chunks, long customerSamples, long agentSamples, long lengthSamples) {
		MessageDigest d = sha256();
		d.update(text(VERSION + "\0seal\0"));
		d.update(head);
		d.update(text(interactionId + "\0" + state + "\0"));
		d.update(ByteBuffer.allocate(8 * 6 + 4).putLong(recordingId).putLong(startedAtMillis).putLong(endedAtMillis)
				.putInt(chunks).putLong(customerSamples).putLong(agentSamples).putLong(lengthSamples).array());
		return d.digest();
	}

	static String hex(byte[] hash) {
		return HexFormat.of().formatHex(hash);
	}

	static byte[] unhex(String hex) {
		return HexFormat.of().parseHex(hex.strip());
	}

	private static byte[] text(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-256", e);
		}
	}
}
