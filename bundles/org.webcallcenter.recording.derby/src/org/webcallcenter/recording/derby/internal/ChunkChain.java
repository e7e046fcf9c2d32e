package org.webcallcenter.recording.derby.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The integrity chain of a recording. The chain starts from a code of the recording's identity; every chunk's code
 * covers the previous one, the chunk's place (sequence, channel, first sample, length) and its audio, so that a
 * changed, removed, reordered or inserted chunk breaks every later link. The seal covers the chain's head and the
 * recording's final metadata.
 * <p>
 * Every link and the seal are HMAC-SHA256 under the workstation's chain key (256 random bits in Equinox secure
 * storage, {@link SecureBootPassword#chainKey}): whoever changes the audio and recomputes the whole chain and the
 * seal without that key is still caught. {@link #UNKEYED} is the plain SHA-256 chain of the development builds
 * before keys (version 1): it is kept only to recognise such recordings, which verify reports as not vouched for.
 */
final class ChunkChain {
	private static final String KEYED_VERSION = "org.webcallcenter.recording/2";
	private static final String UNKEYED_VERSION = "org.webcallcenter.recording/1";
	private static final String HMAC = "HmacSHA256";
	/** The development builds' unkeyed SHA-256 chain (version 1). */
	static final ChunkChain UNKEYED = new ChunkChain(null, UNKEYED_VERSION);

	private final SecretKeySpec key;
	private final String version;

	private ChunkChain(SecretKeySpec key, String version) {
		this.key = key;
		this.version = version;
	}

	/** @param key at least 32 bytes of secret */
	static ChunkChain keyed(byte[] key) {
		if (key == null || key.length < 32) {
			throw new IllegalArgumentException("The chain key must have at least 256 bits");
		}
		return new ChunkChain(new SecretKeySpec(key.clone(), HMAC), KEYED_VERSION);
	}

	boolean isKeyed() {
		return key != null;
	}

	/** One code being computed: HMAC-SHA256 with the key, SHA-256 without. */
	private interface Code {
		void update(byte[] bytes);

		byte[] done();
	}

	/**
	 * The HMAC of this chain for the calling thread, initialised once: {@link Mac#getInstance} and {@link Mac#init}
	 * per chunk cost more than the code of a 2 KB chunk itself. {@code doFinal} leaves it ready for the next code.
	 */
	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(key);
			return mac;
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
		}
	}

	private Code code() {
		if (key == null) {
			try {
				MessageDigest d = MessageDigest.getInstance("SHA-256");
				return new Code() {
					@Override
					public void update(byte[] bytes) {
						d.update(bytes);
					}

					@Override
					public byte[] done() {
						return d.digest();
					}
				};
			} catch (GeneralSecurityException e) {
				throw new IllegalStateException("Every Java runtime has SHA-256", e);
			}
		}
		Mac mac = macs.get();
		mac.reset();
		return new Code() {
			@Override
			public void update(byte[] bytes) {
				mac.update(bytes);
			}

			@Override
			public byte[] done() {
				return mac.doFinal();
			}
		};
	}

	byte[] genesis(long recordingId, String interactionId, long startedAtMillis) {
		Code d = code();
		d.update(text(version + "\0genesis\0" + interactionId + "\0"));
		d.update(ByteBuffer.allocate(16).putLong(recordingId).putLong(startedAtMillis).array());
		return d.done();
	}

	byte[] next(byte[] previous, long recordingId, int seq, int channel, long startSample, int samples, byte[] data) {
		Code d = code();
		d.update(previous);
		d.update(ByteBuffer.allocate(8 + 4 + 4 + 8 + 4 + 4).putLong(recordingId).putInt(seq).putInt(channel)
				.putLong(startSample).putInt(samples).putInt(data.length).array());
		d.update(data);
		return d.done();
	}

	byte[] seal(byte[] head, long recordingId, String interactionId, long startedAtMillis, long endedAtMillis,
			String state, int chunks, long customerSamples, long agentSamples, long lengthSamples) {
		Code d = code();
		d.update(text(version + "\0seal\0"));
		d.update(head);
		d.update(text(interactionId + "\0" + state + "\0"));
		d.update(ByteBuffer.allocate(8 * 6 + 4).putLong(recordingId).putLong(startedAtMillis).putLong(endedAtMillis)
				.putInt(chunks).putLong(customerSamples).putLong(agentSamples).putLong(lengthSamples).array());
		return d.done();
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
}
