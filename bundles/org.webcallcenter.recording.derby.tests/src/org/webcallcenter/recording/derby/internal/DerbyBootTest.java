package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Derby 10.17 boots inside Equinox through its data source (derbytools + the engine-exports fragment). */
class DerbyBootTest {
	@TempDir
	Path dir;

	@Test
	void anEncryptedDatabaseIsCreatedAndReopenedWithItsBootPassword() throws Exception {
		Bundle self = FrameworkUtil.getBundle(Database.class);
		DerbyEngine.start(self.getBundleContext(), dir);
		Path folder = dir.resolve("db");
		char[] password = "0123456789abcdef-boot".toCharArray();
		try (Database db = Database.open(folder, password)) {
			try (Connection c = db.connection(); Statement s = c.createStatement();
					ResultSet r = s.executeQuery("SELECT VERSION FROM WCC_SCHEMA")) {
				assertTrue(r.next());
				assertEquals(Database.SCHEMA_VERSION, r.getInt(1));
			}
		}
		String props = Files.readString(folder.resolve("service.properties"));
		assertTrue(props.contains("dataEncryption=true"), props);
		assertTrue(props.contains("AES/CBC/NoPadding"), props);
		try (Database db = Database.open(folder, password); Connection c = db.connection();
				Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INTERACTION")) {
			assertTrue(r.next());
			assertEquals(0, r.getInt(1));
		}
	}
}
