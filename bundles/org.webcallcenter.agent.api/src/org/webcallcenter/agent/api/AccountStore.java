package org.webcallcenter.agent.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the workstation keeps who signed in last and the SIP account. The SIP account and its password live in
 * Equinox secure storage (encrypted); nothing here is ever written to plain preferences or logs.
 * Methods may do file I/O and key derivation: call them from a background job, not the UI thread.
 */
@ProviderType
public interface AccountStore {

	/** @return the identity used at the last login, to prefill the login dialog */
	Optional<AgentIdentity> lastIdentity();

	/** Remembers the identity for the next login. */
	void saveIdentity(AgentIdentity identity) throws AccountStoreException;

	/** @return the stored SIP account */
	Optional<SipAccount> account() throws AccountStoreException;

	/**
	 * Stores the SIP account.
	 *
	 * @param password the new password, or {@code null} to keep the stored one; the array is cleared afterwards
	 */
	void saveAccount(SipAccount account, char[] password) throws AccountStoreException;

	/** @return whether a password is stored */
	boolean hasPassword() throws AccountStoreException;

	/** @return a copy of the stored password; the caller clears it after use */
	Optional<char[]> password() throws AccountStoreException;

	/** Forgets the SIP account and password. */
	void clearAccount() throws AccountStoreException;

	/** A failure of the secure store, with a message fit for the agent. */
	class AccountStoreException extends Exception {
		private static final long serialVersionUID = 1L;

		public AccountStoreException(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
