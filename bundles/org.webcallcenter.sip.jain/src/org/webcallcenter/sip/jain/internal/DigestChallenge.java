package org.webcallcenter.sip.jain.internal;

import java.text.ParseException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;

/**
 * A digest challenge (401 or 407) remembered to answer it, and to pre-authorise later requests with the same nonce.
 * Not thread-safe: each owner uses it from its own thread.
 */
final class DigestChallenge {
	final boolean proxy;
	final String realm;
	final String nonce;
	private final String opaque;
	private final String algorithm;
	private final boolean qopAuth;
	private final boolean stale;
	private int nonceCount;

	private DigestChallenge(boolean proxy, WWWAuthenticateHeader h) {
		this.proxy = proxy;
		this.realm = h.getRealm();
		this.nonce = h.getNonce();
		this.opaque = h.getOpaque();
		this.algorithm = h.getAlgorithm();
		this.qopAuth = DigestCredentials.offersAuth(h.getQop());
		this.stale = h.isStale();
	}

	/** Thrown when a challenge cannot be answered; the message is fit for the user. */
	static final class Unsupported extends Exception {
		private static final long serialVersionUID = 1L;

		Unsupported(String message) {
			super(message);
		}
	}

	/**
	 * @param response a 401 or 407
	 * @param answer   how the response is described to the user, for example {@code 401 Unauthorized from X}
	 */
	static DigestChallenge of(Response response, String answer) throws Unsupported {
		boolean proxy = response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
		WWWAuthenticateHeader h = (WWWAuthenticateHeader) response
				.getHeader(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
		if (h == null || !"Digest".equalsIgnoreCase(h.getScheme())) {
			throw new Unsupported(answer + " without a digest challenge");
		}
		if (!DigestCredentials.supports(h.getAlgorithm(), h.getQop())) {
			throw new Unsupported(answer + " asks for digest " + h.getAlgorithm() + "/qop=" + h.getQop()
					+ ", which is not supported");
		}
		return new DigestChallenge(proxy, h);
	}

	/** @return whether the server only said the nonce was stale (the credentials were right) */
	boolean stale() {
		return stale;
	}

	/** @return the (Proxy-)Authorization header answering this challenge for one request */
	AuthorizationHeader authorize(HeaderFactory headers, String authUser, char[] password, String method, URI uri)
			throws ParseException {
		AuthorizationHeader h = proxy ? headers.createProxyAuthorizationHeader("Digest")
				: headers.createAuthorizationHeader("Digest");
		h.setUsername(authUser);
		h.setRealm(realm);
		h.setNonce(nonce);
		h.setURI(uri);
		if (algorithm != null) {
			h.setAlgorithm(algorithm);
		}
		if (opaque != null) {
			h.setOpaque(opaque);
		}
		String uriText = uri.toString();
		if (qopAuth) {
			nonceCount++;
			String nc = String.format("%08x", nonceCount);
			byte[] random = new byte[8];
			ThreadLocalRandom.current().nextBytes(random);
			String cnonce = HexFormat.of().formatHex(random);
			h.setQop("auth");
			h.setCNonce(cnonce);
			h.setNonceCount(nonceCount);
			h.setResponse(DigestCredentials.response(authUser, realm, password, method, uriText, nonce, "auth", nc,
					cnonce));
		} else {
			h.setResponse(DigestCredentials.response(authUser, realm, password, method, uriText, nonce, null, null,
					null));
		}
		return h;
	}
}
