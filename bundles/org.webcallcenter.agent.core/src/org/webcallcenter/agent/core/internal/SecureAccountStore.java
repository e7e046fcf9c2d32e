package org.webcallcenter.agent.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.webcallcenter.agent.api.AccountStore;
import org.webcallcenter.agent.api.AgentEvents;
import org.webcallcenter.agent.api.AgentIdentity;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.agent.core.storage.WorkstationSecureStorage;
import org.webcallcenter.agent.core.storage.DataFolder;

/**
 * {@link AccountStore} on Equinox secure storage. The storage file lives in the data folder
 * ({@code .metadata/.plugins/org.webcallcenter.agent.core/secure_storage}); every value in it is encrypted.
 * <p>
 * Its master password is a random 256-bit key kept in the user's configuration folder
 * ({@code $XDG_CONFIG_HOME/webcallcenter/secure-storage.key}, mode 600), not beside the storage: a copy of the
 * workstation's data folder alone reveals nothing. This replaces Equinox's interactive password prompt, which an
 * agent at a branch cannot be asked to answer; the system property {@value #KEY_FILE_PROPERTY} moves the key
 * (tests, managed desktops).
 */
@Component(service = AccountStore.class)
public class SecureAccountStore implements AccountStore {
	private volatile EventAdmin eventAdmin;

	public static final String KEY_FILE_PROPERTY = WorkstationSecureStorage.KEY_FILE_PROPERTY;
	private static final String ROOT = "org.webcallcenter";
	private static final String IDENTITY = "identity";
	private static final String SIP = "sip";
	private static final String PASSWORD = "password";

	private Path storageFile;
	private ISecurePreferences root;

	@Activate
	void activate(BundleContext context) {
		storageFile = DataFolder.of(context.getBundle()).resolve("secure_storage");
	}

	/** For tests outside DS. */
	public SecureAccountStore(Path storageFile) {
		this.storageFile = storageFile;
	}

	public SecureAccountStore() {
	}

	public Path storageFile() {
		return storageFile;
	}

	private synchronized ISecurePreferences node(String name) throws AccountStoreException {
		if (root == null) {
			try {
				root = WorkstationSecureStorage.open(storageFile);
			} catch (IOException e) {
				throw new AccountStoreException("The secure account store cannot be opened: " + e.getMessage(), e);
			}
		}
		return root.node(ROOT).node(name);
	}

	static Path keyFile() {
		return WorkstationSecureStorage.keyFile();
	}

	@Override
	public Optional<AgentIdentity> lastIdentity() {
		try {
			ISecurePreferences n = node(IDENTITY);
			String id = n.get("agentId", null);
			if (id == null) {
				return Optional.empty();
			}
			return Optional.of(new AgentIdentity(id, n.get("displayName", ""), n.get("branch", ""),
					n.get("extension", "")));
		} catch (StorageException | AccountStoreException | IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	@Override
	public void saveIdentity(AgentIdentity identity) throws AccountStoreException {
		ISecurePreferences n = node(IDENTITY);
		try {
			n.put("agentId", identity.agentId(), true);
			n.put("displayName", identity.displayName(), true);
			n.put("branch", identity.branch(), true);
			n.put("extension", identity.extension(), true);
			n.flush();
		} catch (StorageException | IOException e) {
			throw new AccountStoreException("The login details could not be saved: " + e.getMessage(), e);
		}
	}

	@Override
	public Optional<SipAccount> account() throws AccountStoreException {
		ISecurePreferences n = node(SIP);
		try {
			String mode = n.get("mode", null);
			if (mode == null) {
				return Optional.empty();
			}
			return Optional.of(new SipAccount(SipAccount.Mode.valueOf(mode), n.get("registrar", ""),
					n.get("user", ""), n.get("authUser", "")));
		} catch (StorageException | IllegalArgumentException e) {
			throw new AccountStoreException("The stored SIP account cannot be read: " + e.getMessage(), e);
		}
	}

	@Override
	public void saveAccount(SipAccount account, char[] password) throws AccountStoreException {
		ISecurePreferences n = node(SIP);
		try {
			n.put("mode", account.mode().name(), true);
			n.put("registrar", account.registrar(), true);
			n.put("user", account.user(), true);
			n.put("authUser", account.authUser(), true);
			if (password != null) {
				n.put(PASSWORD, new String(password), true);
			}
			n.flush();
			accountChanged();
		} catch (StorageException | IOException e) {
			throw new AccountStoreException("The SIP account could not be saved: " + e.getMessage(), e);
		} finally {
			if (password != null) {
				Arrays.fill(password, '\0');
			}
		}
	}

	@Override
	public boolean hasPassword() throws AccountStoreException {
		ISecurePreferences n = node(SIP);
		return Arrays.asList(n.keys()).contains(PASSWORD);
	}

	@Override
	public Optional<char[]> password() throws AccountStoreException {
		ISecurePreferences n = node(SIP);
		try {
			String value = n.get(PASSWORD, null);
			return Optional.ofNullable(value).map(String::toCharArray);
		} catch (StorageException e) {
			throw new AccountStoreException("The stored SIP password cannot be decrypted: " + e.getMessage(), e);
		}
	}

	@Override
	public void clearAccount() throws AccountStoreException {
		ISecurePreferences n = node(SIP);
		n.removeNode();
		try {
			root.flush();
			accountChanged();
		} catch (IOException e) {
			throw new AccountStoreException("The SIP account could not be removed: " + e.getMessage(), e);
		}
	}

	private void accountChanged() {
		EventAdmin admin = eventAdmin;
		if (admin != null) {
			admin.postEvent(new Event(AgentEvents.ACCOUNT_CHANGED, Map.of()));
		}
	}

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void setEventAdmin(EventAdmin admin) {
		this.eventAdmin = admin;
	}

	void unsetEventAdmin(EventAdmin admin) {
		if (this.eventAdmin == admin) {
			this.eventAdmin = null;
		}
	}
}
