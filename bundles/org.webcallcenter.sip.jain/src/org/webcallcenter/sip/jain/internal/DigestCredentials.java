package org.webcallcenter.sip.jain.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * HTTP digest (RFC 2617 / RFC 7616 with MD5) as SIP uses it (RFC 3261 section 22): the response value for one
 * request. Only {@code MD5} and {@code qop=auth} (or no qop) are supported; others are refused by
 * {@link #supports}. The password stays a {@code char[]} and its encoded bytes are wiped after use.
 */
final class DigestCredentials {
	private DigestCredentials() {
	}

	/** @return whether this class can answer a challenge with this algorithm and qop list */
	static boolean supports(String algorithm, String qopOptions) {
		boolean md5 = algorithm == null || algorithm.isBlank() || algorithm.equalsIgnoreCase("MD5");
		return md5 && (qopOptions == null || qopOptions.isBlank() || offersAuth(qopOptions));
	}

	/** @return whether a challenge's qop list (e.g. {@code "auth,auth-int"}) offers {@code auth} */
	static boolean offersAuth(String qopOptions) {
		if (qopOptions == null) {
			return false;
		}
		for (String q : qopOptions.split(",")) {
			if (q.strip().toLowerCase(Locale.ROOT).equals("auth")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param qop    {@code "auth"}, or null for the RFC 2069 form without nc and cnonce
	 * @param nc     nonce count as 8 hex digits (only with qop)
	 * @param cnonce client nonce (only with qop)
	 * @return the lower-case hex {@code response} value
	 */
	static String response(String user, String realm, char[] password, String method, String uri, String nonce,
			String qop, String nc, String cnonce) {
		byte[] secret = encode(password);
		try {
			MessageDigest md5 = MessageDigest.getInstance("MD5");
			md5.update((user + ":" + realm + ":").getBytes(StandardCharsets.UTF_8));
			md5.update(secret);
			String ha1 = HexFormat.of().formatHex(md5.digest());
			String ha2 = md5Hex(method + ":" + uri);
			String tail = qop == null ? nonce + ":" + ha2 : nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2;
			return md5Hex(ha1 + ":" + tail);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("MD5 is missing from this Java runtime", e);
		} finally {
			Arrays.fill(secret, (byte) 0);
		}
	}

	private static String md5Hex(String s) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
	}

	private static byte[] encode(char[] password) {
		ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		if (buffer.hasArray()) {
			Arrays.fill(buffer.array(), (byte) 0);
		}
		return bytes;
	}
}
