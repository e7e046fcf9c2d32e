package org.webcallcenter.sip.jain.internal.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates the softphone trusts for SIP over TLS: the JDK's default trust store plus, optionally, the
 * certificates of one file the administrator names (PEM or DER, for example the branch's own CA). Validation is
 * always on: the server's chain must lead to one of those CAs and the certificate must name the address the
 * softphone connected to (an IP address in its subject alternative names, since the softphone only dials IP
 * literals). There is no switch to turn this off.
 * <p>
 * A refused certificate becomes a {@link Refused} exception whose message says why in words for the agent, for
 * example {@code certificate of 127.0.0.1:5061 is not trusted (unknown CA)}.
 */
public final class TlsTrust {
	private final SSLContext context;
	private final String description;

	private TlsTrust(SSLContext context, String description) {
		this.context = context;
		this.description = description;
	}

	/**
	 * @param extraCertificates a file of CA certificates (PEM or DER) trusted in addition to the JDK's, or null
	 * @throws IOException with a message for the administrator when the file cannot be used
	 */
	public static TlsTrust of(Path extraCertificates) throws IOException {
		try {
			KeyStore anchors = KeyStore.getInstance("PKCS12");
			anchors.load(null, null);
			int n = 0;
			for (X509Certificate ca : jdkDefaults().getAcceptedIssuers()) {
				anchors.setCertificateEntry("jdk-" + n++, ca);
			}
			String description = "the JDK's " + n + " CA certificates";
			if (extraCertificates != null) {
				List<X509Certificate> extra = read(extraCertificates);
				for (int i = 0; i < extra.size(); i++) {
					anchors.setCertificateEntry("file-" + i, extra.get(i));
				}
				description += " and " + extra.size() + " from " + extraCertificates;
			}
			TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
			f.init(anchors);
			X509ExtendedTrustManager checked = null;
			for (TrustManager tm : f.getTrustManagers()) {
				if (tm instanceof X509ExtendedTrustManager x) {
					checked = x;
				}
			}
			if (checked == null) {
				throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new Explaining(checked) }, null);
			return new TlsTrust(context, description);
		} catch (GeneralSecurityException e) {
			throw new IOException("TLS cannot be set up: " + e.getMessage(), e);
		}
	}

	private static X509TrustManager jdkDefaults() throws GeneralSecurityException {
		TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		f.init((KeyStore) null);
		for (TrustManager tm : f.getTrustManagers()) {
			if (tm instanceof X509TrustManager x) {
				return x;
			}
		}
		throw new GeneralSecurityException("the JDK has no default trust manager");
	}

	private static List<X509Certificate> read(Path file) throws IOException {
		if (!Files.isReadable(file)) {
			throw new IOException("The TLS trust file " + file + " does not exist or cannot be read");
		}
		try (InputStream in = Files.newInputStream(file)) {
			Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
					.generateCertificates(in);
			List<X509Certificate> result = new ArrayList<>();
			for (java.security.cert.Certificate c : all) {
				result.add((X509Certificate) c);
			}
			if (result.isEmpty()) {
				throw new IOException("The TLS trust file " + file + " holds no certificate (PEM or DER expected)");
			}
			return result;
		} catch (CertificateException e) {
			throw new IOException("The TLS trust file " + file + " is not a PEM or DER certificate file: "
					+ e.getMessage(), e);
		}
	}

	/** @return the context whose client sockets check the server as described above */
	public SSLContext context() {
		return context;
	}

	/** @return which CAs are trusted, for the log */
	public String description() {
		return description;
	}

	/** A server certificate the softphone refused, with the reason in words. */
	public static final class Refused extends CertificateException {
		private static final long serialVersionUID = 1L;

		Refused(String message, Throwable cause) {
			super(message, cause);
		}
	}

	/**
	 * @param peer  {@code ip:port} of the server
	 * @param error what the JDK's PKIX trust manager threw
	 * @return why the certificate was refused, for the agent
	 */
	static String explain(String peer, CertificateException error) {
		String reason = "not trusted (" + firstLine(error.getMessage()) + ")";
		for (Throwable t = error; t != null; t = t.getCause()) {
			String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
			if (t instanceof CertificateExpiredException || t instanceof CertPathValidatorException v
					&& v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
				return "certificate of " + peer + " has expired";
			}
			if (t instanceof CertificateNotYetValidException || t instanceof CertPathValidatorException v
					&& v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
				return "certificate of " + peer + " is not valid yet";
			}
			if (m.contains("subject alternative") || m.contains("no name matching")) {
				return "certificate of " + peer + " does not name " + host(peer)
						+ " (no matching IP address in its subject alternative names)";
			}
			if (m.contains("unable to find valid certification path") || m.contains("path building failed")) {
				reason = "not trusted (unknown CA)";
			}
		}
		return "certificate of " + peer + " is " + reason;
	}

	private static String host(String peer) {
		int colon = peer.lastIndexOf(':');
		return colon < 0 ? peer : peer.substring(0, colon);
	}

	private static String firstLine(String s) {
		if (s == null) {
			return "no reason given";
		}
		int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}

	/** The JDK's PKIX checks, with refusals explained. Servers (incoming TLS) are not checked: none are taken. */
	private static final class Explaining extends X509ExtendedTrustManager {
		private final X509ExtendedTrustManager delegate;

		Explaining(X509ExtendedTrustManager delegate) {
			this.delegate = delegate;
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			try {
				delegate.checkServerTrusted(chain, authType, socket);
			} catch (CertificateException e) {
				String peer = socket == null || socket.getInetAddress() == null ? "the server"
						: TlsNetworkLayer.peer(socket.getInetAddress(), socket.getPort());
				throw new Refused(explain(peer, e), e);
			}
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			try {
				delegate.checkServerTrusted(chain, authType, engine);
			} catch (CertificateException e) {
				String peer = engine == null || engine.getPeerHost() == null ? "the server"
						: engine.getPeerHost() + ":" + engine.getPeerPort();
				throw new Refused(explain(peer, e), e);
			}
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			// without a connection there is no address to check the certificate against: refuse
			throw new CertificateException("a SIP server certificate can only be checked on a connection");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			delegate.checkClientTrusted(chain, authType, socket);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			delegate.checkClientTrusted(chain, authType, engine);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return delegate.getAcceptedIssuers();
		}
	}
}
