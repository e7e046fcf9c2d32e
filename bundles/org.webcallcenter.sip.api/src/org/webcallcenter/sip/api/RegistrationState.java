package org.webcallcenter.sip.api;

/** Where the account stands with its registrar. */
public enum RegistrationState {
	/** Not registered, and not trying (logged out, or direct mode has nothing to register). */
	UNREGISTERED,
	/** REGISTER sent, no final answer yet. */
	REGISTERING,
	/** Registered; refreshed before it expires. */
	REGISTERED,
	/** The registrar refused the credentials (401/403 after a digest answer): the agent must fix the password. */
	AUTHENTICATION_FAILED,
	/** The registrar did not answer or the network is down; retried with back-off. */
	UNREACHABLE,
	/** Direct mode: calls go peer to peer, there is no registrar. */
	DIRECT
}
