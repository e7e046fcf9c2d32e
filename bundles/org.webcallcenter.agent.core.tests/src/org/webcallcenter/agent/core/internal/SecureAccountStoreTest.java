package org.webcallcenter.agent.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.agent.api.AccountStore.AccountStoreException;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.SipAccount;

/**
 * {@link SecureAccountStore} on real files: Equinox secure storage in a temporary folder, its key in a key file
 * elsewhere in that folder (never the user's real configuration folder).
 */
class SecureAccountStoreTest {
	private static final String PASSWORD = "Tr0ub4dor&3-horse";
	private static final String SIP_USER = "zq.desk-4711";
	private static final String AGENT_ID = "kx-9321";
	private static final AgentIdentity IDENTITY = new AgentIdentity(AGENT_ID, "Jürg Kälin", "Winterthur", "6021");
	private static final SipAccount ACCOUNT = new SipAccount(SipAccount.Mode.REGISTRAR, "pbx.branch-17.test:5070",
			SIP_USER, "auth-" + SIP_USER);

	@TempDir
	Path dir;
	private Path keyFile;
	private Path storageFile;
	private String previousKeyFileProperty;

	@BeforeEach
	void useAPrivateKeyFile() {
		keyFile = dir.resolve("config").resolve("webcallcenter").resolve("secure-storage.key");
		storageFile = dir.resolve("instance").resolve("secure_storage");
		previousKeyFileProperty = System.getProperty(SecureAccountStore.KEY_FILE_PROPERTY);
		System.setProperty(SecureAccountStore.KEY_FILE_PROPERTY, keyFile.toString());
	}

	@AfterEach
	void restoreTheKeyFileProperty() {
		if (previousKeyFileProperty == null) {
			System.clearProperty(SecureAccountStore.KEY_FILE_PROPERTY);
		} else {
			System.setProperty(SecureAccountStore.KEY_FILE_PROPERTY, previousKeyFileProperty);
		}
	}

	private void saveEverything(SecureAccountStore store) throws AccountStoreException {
		store.saveIdentity(IDENTITY);
		store.saveAccount(ACCOUNT, PASSWORD.toCharArray());
	}

	private static void assertHoldsEverything(SecureAccountStore store) throws AccountStoreException {
		assertEquals(Optional.of(IDENTITY), store.lastIdentity());
		assertEquals(Optional.of(ACCOUNT), store.account());
		assertTrue(store.hasPassword());
		assertArrayEquals(PASSWORD.toCharArray(), store.password().orElseThrow());
	}

	@Test
	void aNewStoreIsEmpty() throws AccountStoreException {
		SecureAccountStore store = new SecureAccountStore(storageFile);
		assertEquals(storageFile, store.storageFile());
		assertEquals(Optional.empty(), store.lastIdentity());
		assertEquals(Optional.empty(), store.account());
		assertFalse(store.hasPassword());
		assertEquals(Optional.empty(), store.password());
	}

	@Test
	void whatIsSavedIsReadBackByANewInstance() throws AccountStoreException, IOException {
		SecureAccountStore first = new SecureAccountStore(storageFile);
		first.saveIdentity(IDENTITY);
		char[] password = PASSWORD.toCharArray();
		first.saveAccount(ACCOUNT, password);
		assertArrayEquals(new char[password.length], password, "the caller's password array is cleared");
		assertHoldsEverything(first);

		assertHoldsEverything(new SecureAccountStore(storageFile));

		// Equinox keeps storages it has opened in memory; a copy of the file proves what is on disk
		Path copy = dir.resolve("copy").resolve("secure_storage");
		Files.createDirectories(copy.getParent());
		Files.copy(storageFile, copy);
		assertHoldsEverything(new SecureAccountStore(copy));
	}

	@Test
	void savingWithoutAPasswordKeepsTheStoredOne() throws AccountStoreException, IOException {
		saveEverything(new SecureAccountStore(storageFile));
		SipAccount moved = new SipAccount(SipAccount.Mode.REGISTRAR, "pbx2.branch-17.test", SIP_USER, "");

		SecureAccountStore store = new SecureAccountStore(storageFile);
		store.saveAccount(moved, null);

		assertEquals(Optional.of(moved), store.account());
		assertArrayEquals(PASSWORD.toCharArray(), store.password().orElseThrow());
		Path copy = dir.resolve("copy").resolve("secure_storage");
		Files.createDirectories(copy.getParent());
		Files.copy(storageFile, copy);
		SecureAccountStore fromDisk = new SecureAccountStore(copy);
		assertEquals(Optional.of(moved), fromDisk.account());
		assertArrayEquals(PASSWORD.toCharArray(), fromDisk.password().orElseThrow());
	}

	@Test
	void theStorageFileHoldsNoSecretInClear() throws AccountStoreException, IOException {
		saveEverything(new SecureAccountStore(storageFile));
		byte[] raw = Files.readAllBytes(storageFile);
		assertTrue(raw.length > 0, "the storage file was written");

		for (String secret : new String[] { PASSWORD, SIP_USER, AGENT_ID, "pbx.branch-17.test", "Jürg Kälin" }) {
			assertNotIn(raw, secret.getBytes(StandardCharsets.UTF_8), secret + " as UTF-8");
			// without padding: the storage is a properties file, which writes a padding '=' as "\\="
			assertNotIn(raw, Base64.getEncoder().withoutPadding().encode(secret.getBytes(StandardCharsets.UTF_8)),
					secret + " as Base64");
		}
		String key = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
		assertNotIn(raw, key.getBytes(StandardCharsets.US_ASCII), "the master key");
	}

	private static void assertNotIn(byte[] haystack, byte[] needle, String what) {
		for (int i = 0; i + needle.length <= haystack.length; i++) {
			if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
				throw new AssertionError(what + " appears in clear in the storage file at byte " + i);
			}
		}
	}

	@Test
	void theKeyFileIsCreatedReadableByTheOwnerOnly() throws AccountStoreException, IOException {
		assertFalse(Files.exists(keyFile));
		saveEverything(new SecureAccountStore(storageFile));

		assertTrue(Files.isRegularFile(keyFile), "key file " + keyFile);
		assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
		String key = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
		assertEquals(32, Base64.getDecoder().decode(key).length, "a 256-bit random key");
		assertFalse(storageFile.getParent().equals(keyFile.getParent()), "the key is not kept beside the storage");
	}

	@Test
	void aCopyOfTheStorageWithoutItsKeyRevealsNothing() throws AccountStoreException, IOException {
		saveEverything(new SecureAccountStore(storageFile));
		Path copy = dir.resolve("stolen").resolve("secure_storage");
		Files.createDirectories(copy.getParent());
		Files.copy(storageFile, copy);

		// another machine: a different key file, created fresh
		System.setProperty(SecureAccountStore.KEY_FILE_PROPERTY, dir.resolve("other.key").toString());
		SecureAccountStore thief = new SecureAccountStore(copy);
		Optional<char[]> password;
		try {
			password = thief.password();
		} catch (AccountStoreException e) {
			password = Optional.empty();
		}
		assertFalse(password.isPresent() && Arrays.equals(PASSWORD.toCharArray(), password.get()),
				"the password was decrypted without its key");
		assertFalse(thief.lastIdentity().equals(Optional.of(IDENTITY)), "the identity was decrypted without its key");
	}

	@Test
	void aDamagedKeyFileIsReportedWithItsName() throws IOException {
		Files.createDirectories(keyFile.getParent());
		Files.writeString(keyFile, "short", StandardCharsets.US_ASCII);
		SecureAccountStore store = new SecureAccountStore(storageFile);

		AccountStoreException e = assertThrows(AccountStoreException.class, () -> store.saveIdentity(IDENTITY));
		assertTrue(e.getMessage().contains(keyFile.toString()), "message '" + e.getMessage() + "' names the key file");
		AccountStoreException e2 = assertThrows(AccountStoreException.class, store::account);
		assertTrue(e2.getMessage().contains(keyFile.toString()), e2.getMessage());
		assertEquals(Optional.empty(), store.lastIdentity(), "the login dialog just starts empty");
		assertEquals("short", Files.readString(keyFile, StandardCharsets.US_ASCII), "a damaged key is not replaced");
	}

	@Test
	void clearAccountForgetsTheAccountAndThePassword() throws AccountStoreException, IOException {
		SecureAccountStore store = new SecureAccountStore(storageFile);
		saveEverything(store);

		store.clearAccount();

		assertEquals(Optional.empty(), store.account());
		assertFalse(store.hasPassword());
		assertEquals(Optional.empty(), store.password());
		assertEquals(Optional.of(IDENTITY), store.lastIdentity(), "the identity is not part of the account");
		Path copy = dir.resolve("copy").resolve("secure_storage");
		Files.createDirectories(copy.getParent());
		Files.copy(storageFile, copy);
		SecureAccountStore fromDisk = new SecureAccountStore(copy);
		assertEquals(Optional.empty(), fromDisk.account());
		assertFalse(fromDisk.hasPassword());
		assertEquals(Optional.of(IDENTITY), fromDisk.lastIdentity());
	}
}
