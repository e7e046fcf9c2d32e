package org.webcallcenter.releng.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recording ships in both products (experts at home are recorded too), with Derby and the fragment that lets its
 * JDBC data sources reach the engine; and the built product runs the command-line verify application, which
 * creates the encrypted recordings database in the data folder and finds nothing broken in it.
 */
class RecordingProductTest {

	@ParameterizedTest(name = "{0}")
	@EnumSource(Product.class)
	void bothProductsCarryRecordingWithDerby(Product p) throws IOException {
		ProductContentTest.Content c = ProductContentTest.content(p);
		assertTrue(c.features().contains("org.webcallcenter.recording.feature"), p + " features: " + c.features());
		for (String plugin : Set.of("org.webcallcenter.recording.api", "org.webcallcenter.recording.derby",
				"org.webcallcenter.derby.exports", "derby", "derbyshared", "derbytools")) {
			assertTrue(c.plugins().contains(plugin), p + " lacks " + plugin + ": " + c.plugins());
		}
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void theVerifyCommandOfTheBuiltProductChecksTheEncryptedDatabase() throws Exception {
		Product p = Product.EXPERT;
		Path work = Releng.target().resolve("recording-verify");
		Releng.deleteTree(work);
		Files.createDirectories(work);
		TarArchive.extract(p.archive(), work.resolve("install"));
		Path launcher = work.resolve("install").resolve(p.root).resolve(p.launcher());
		Path data = work.resolve("data");
		Path home = work.resolve("home");
		Files.createDirectories(home);
		Map<String, String> env = new HashMap<>();
		env.put("HOME", home.toString());
		env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
		env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
		env.put("JAVA_HOME", System.getProperty("java.home"));
		env.put("WCC_AOT", "0");
		Tools.Result r = Tools.run(List.of(launcher.toString(), "-application", "org.webcallcenter.recording.derby.verify",
				"-data", data.toString(), "-nosplash"), env, Duration.ofMinutes(3));
		String all = r.stdout() + "\n" + r.stderr();
		assertEquals(0, r.exitCode(), all);
		assertTrue(r.stdout().contains("verified 0 recordings, 0 broken"), all);
		Path plugin = data.resolve(".metadata/.plugins/org.webcallcenter.recording.derby");
		String service = Files.readString(plugin.resolve("recordings/service.properties"), StandardCharsets.ISO_8859_1);
		assertTrue(service.contains("dataEncryption=true"), "the database is encrypted: " + service);
		assertTrue(Files.isRegularFile(plugin.resolve("secure_storage")), "the boot password is in secure storage");
		assertTrue(Files.isRegularFile(home.resolve(".config/webcallcenter/secure-storage.key")),
				"under the workstation's key, outside the data folder");
		assertTrue(Files.isRegularFile(plugin.resolve("derby.log")), "Derby's log goes to the data folder");
		assertFalse(Files.readString(plugin.resolve("secure_storage"), StandardCharsets.ISO_8859_1)
				.contains("bootPassword"), "only the encrypted value is stored");
	}
}
