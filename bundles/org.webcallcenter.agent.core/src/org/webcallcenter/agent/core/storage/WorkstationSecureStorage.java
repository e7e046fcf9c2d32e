package org.webcallcenter.agent.core.storage;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;

/**
 * Opens an Equinox secure storage file of the workstation without asking anybody for a password: the storage's
 * master password is the workstation's random 256-bit key in {@code $XDG_CONFIG_HOME/webcallcenter/secure-storage.key}
 * (mode 600, created on first use), outside the data folder, so that a copy of the data folder alone reveals
 * nothing. The system property {@value #KEY_FILE_PROPERTY} moves the key (tests, managed desktops). Used by the
 * agent's account store and the recordings database's secrets: one key per workstation.
 */
public final class WorkstationSecureStorage {
	/** System property: the master key file instead of the default one. */
	public static final String KEY_FILE_PROPERTY = "webcallcenter.secureStorage.keyFile";

	private WorkstationSecureStorage() {
	}

	/** @return the workstation's master key file (it may not exist yet) */
	public static Path keyFile() {
		String override = System.getProperty(KEY_FILE_PROPERTY);
		if (override != null && !override.isBlank()) {
			return Path.of(override);
		}
		String xdg = System.getenv("XDG_CONFIG_HOME");
		Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
		return config.resolve("webcallcenter").resolve("secure-storage.key");
	}

	/** Opens {@code storageFile} (created when missing) with the workstation's master key. */
	public static ISecurePreferences open(Path storageFile) throws IOException {
		return open(storageFile, keyFile());
	}

	/** Opens {@code storageFile} (created when missing) with the master key in {@code keyFile}. */
	public static ISecurePreferences open(Path storageFile, Path keyFile) throws IOException {
		Files.createDirectories(storageFile.getParent());
		Map<String, Object> options = new HashMap<>();
		char[] key = masterKey(keyFile);
		options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(key));
		options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
		Arrays.fill(key, '\0');
		URL url = storageFile.toUri().toURL();
		ISecurePreferences root = SecurePreferencesFactory.open(url, options);
		if (root == null) {
			throw new IOException("Equinox secure storage did not open " + storageFile);
		}
		return root;
	}

	/** The master key: made once with 256 random bits, mode 600; a damaged file is an error, never replaced. */
	private static char[] masterKey(Path file) throws IOException {
		if (!Files.exists(file)) {
			Files.createDirectories(file.getParent());
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String encoded = Base64.getEncoder().encodeToString(random);
			// written in full to a private temporary file, then linked into place: a second caller (the account
			// store and the recordings database open at the same moment on a fresh workstation) sees either no key
			// file or a complete one, never an empty one, and an existing key is never replaced
			Path temp;
			try {
				temp = Files.createTempFile(file.getParent(), ".key", ".tmp",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			} catch (UnsupportedOperationException e) {
				temp = Files.createTempFile(file.getParent(), ".key", ".tmp");
			}
			try {
				Files.writeString(temp, encoded, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
				try {
					Files.createLink(file, temp);
				} catch (UnsupportedOperationException e) {
					Files.move(temp, file);
				}
			} catch (FileAlreadyExistsException e) {
				// another part of the workstation created it at the same moment: use theirs
			} finally {
				Files.deleteIfExists(temp);
			}
		}
		String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
		if (text.length() < 40) {
			throw new IOException("The key file " + file + " is damaged (too short)");
		}
		return text.toCharArray();
	}
}
