package org.webcallcenter.recording.derby.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.StorageException;
import org.webcallcenter.agent.core.storage.WorkstationSecureStorage;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingException.Reason;

/**
 * The recordings database's secrets: its boot password and the key of the recordings' HMAC chain, 256 random bits
 * each, made when first needed and kept (encrypted) in Equinox secure storage, never in preferences, the database
 * or logs. Secure storage is opened by agent.core's {@link WorkstationSecureStorage}, as the agent's account store
 * opens it: a storage file in this bundle's state folder, unlocked by the workstation's random master key in {@code $XDG_CONFIG_HOME/webcallcenter/secure-storage.key}
 * (or the file named by the system property {@value #KEY_FILE_PROPERTY}), outside the data folder, so that a copy of
 * the data folder alone opens neither the storage nor the database.
 */
public final class SecureBootPassword {
	/** Same property as agent.core's account store: one master key per workstation. */
	public static final String KEY_FILE_PROPERTY = WorkstationSecureStorage.KEY_FILE_PROPERTY;
	private static final String NODE = "org.webcallcenter/recording";
	private static final String KEY = "databaseBootPassword";
	private static final String CHAIN_KEY = "chainKey";

	private final Path storageFile;
	private final Path keyFile;

	/** Secure storage in {@code storageFile} unlocked by the workstation's master key file. */
	public SecureBootPassword(Path storageFile) {
		this(storageFile, keyFile());
	}

	public SecureBootPassword(Path storageFile, Path keyFile) {
		this.storageFile = storageFile;
		this.keyFile = keyFile;
	}

	/** @return the stored boot password, or a new random one stored first when {@code create} */
	public char[] get(boolean create) throws RecordingException {
		return secret(KEY, create, "The recordings database exists but its boot password is missing from secure"
				+ " storage (" + storageFile + "): the database cannot be opened. Restore the secure storage and its"
				+ " key file.").toCharArray();
	}

	/**
	 * @return the key of the recordings' HMAC chain (256 bits), a new random one stored first when {@code create}
	 *         (the database is new, or was made before keyed chains)
	 */
	public byte[] chainKey(boolean create) throws RecordingException {
		return Base64.getUrlDecoder().decode(secret(CHAIN_KEY, create, "The recordings' chain key is missing from"
				+ " secure storage (" + storageFile + "): recordings cannot be verified. Restore the secure storage"
				+ " and its key file."));
	}

	private String secret(String name, boolean create, String missing) throws RecordingException {
		try {
			ISecurePreferences node = open().node(NODE);
			String value = node.get(name, null);
			if (value == null) {
				if (!create) {
					throw new RecordingException(Reason.STORAGE_UNAVAILABLE, missing);
				}
				byte[] random = new byte[32];
				new SecureRandom().nextBytes(random);
				value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
				node.put(name, value, true);
				node.flush();
			}
			return value;
		} catch (StorageException | IOException e) {
			throw new RecordingException(Reason.STORAGE_UNAVAILABLE,
					"Secure storage does not give the recordings database's secrets: " + e.getMessage(), e);
		}
	}

	private ISecurePreferences open() throws IOException {
		return WorkstationSecureStorage.open(storageFile, keyFile);
	}

	/** The workstation's master key file (agent.core's {@link WorkstationSecureStorage}). */
	static Path keyFile() {
		return WorkstationSecureStorage.keyFile();
	}
}
