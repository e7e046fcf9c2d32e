package org.webcallcenter.sip.jain.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at run time for TLS tests, in the test's own directory: a CA (JDK {@code keytool}), server keys
 * and signing requests ({@code openssl}, Debian package {@code openssl}), and server certificates the CA signs with
 * {@code keytool -gencert}, which can also back-date them (an expired certificate) or name another address. All
 * keys are EC P-256, thrown away with the directory; the CA's store password is a test constant, protecting nothing.
 */
final class TestCertificates {
	private static final String STORE_PASSWORD = "test-ca-store";

	private final Path dir;
	private final Path caStore;
	private final Path caCertificate;

	private TestCertificates(Path dir, Path caStore, Path caCertificate) {
		this.dir = dir;
		this.caStore = caStore;
		this.caCertificate = caCertificate;
	}

	/** A server certificate: the certificate and its private key, PEM. */
	record Server(Path certificate, Path privateKey) {
	}

	/** Makes a new CA named {@code name} in {@code dir}. */
	static TestCertificates newCa(Path dir, String name) throws IOException {
		Files.createDirectories(dir);
		Path store = dir.resolve(name + "-ca.p12");
		Path pem = dir.resolve(name + "-ca.pem");
		run(dir, keytool(), "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=" + name + " test CA", "-ext", "bc:c", "-validity", "2", "-keystore", store.toString(),
				"-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
		run(dir, keytool(), "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass",
				STORE_PASSWORD, "-file", pem.toString());
		return new TestCertificates(dir, store, pem);
	}

	/** @return the CA's certificate (PEM), what an administrator puts in the trust file */
	Path caCertificate() {
		return caCertificate;
	}

	/**
	 * @param name      file name stem
	 * @param ip        the IP address the certificate names (subject alternative name)
	 * @param startDate keytool's {@code -startdate}, for example {@code -3d}, or null for now
	 * @param days      validity in days
	 */
	Server server(String name, String ip, String startDate, int days) throws IOException {
		Path key = dir.resolve(name + ".key");
		Path csr = dir.resolve(name + ".csr");
		Path cert = dir.resolve(name + ".pem");
		run(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
				"-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + ip);
		List<String> sign = new ArrayList<>(List.of(keytool(), "-gencert", "-alias", "ca", "-keystore",
				caStore.toString(), "-storepass", STORE_PASSWORD, "-infile", csr.toString(), "-outfile",
				cert.toString(), "-rfc", "-ext", "san=ip:" + ip, "-ext", "eku=serverAuth", "-validity",
				Integer.toString(days)));
		if (startDate != null) {
			sign.addAll(List.of("-startdate", startDate));
		}
		run(dir, sign.toArray(String[]::new));
		return new Server(cert, key);
	}

	private static String keytool() {
		File own = Path.of(System.getProperty("java.home"), "bin", "keytool").toFile();
		return own.canExecute() ? own.getPath() : "keytool";
	}

	private static void run(Path dir, String... command) throws IOException {
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		try {
			if (!p.waitFor(60, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", e);
		}
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.exitValue() != 0) {
			throw new AssertionError(command[0] + " failed (" + p.exitValue() + "): " + out);
		}
	}
}
