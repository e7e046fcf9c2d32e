package org.webcallcenter.app.api;

/**
 * Keys of the workstation-wide preferences, kept in the instance scope node {@link #NODE}. Secrets never go here:
 * the SIP password lives in secure storage ({@code AccountStore}).
 */
public final class WorkstationPreferences {
	/** Preference node shared by the plugins. */
	public static final String NODE = "org.webcallcenter";

	/** Address of the service center hub (co-browsing, CALL ME routing), an {@code http(s)://host:port} URL. */
	public static final String HUB_ADDRESS = "hub.address";
	/** Default hub address: the hub the README starts on this machine. */
	public static final String HUB_ADDRESS_DEFAULT = "http://127.0.0.1:8480";

	/** {@link RecordingPolicy} name. */
	public static final String RECORDING_POLICY = "recording.policy";
	/** Whether callers hear a notice that the call is recorded. */
	public static final String RECORDING_NOTICE = "recording.notice";
	/** Years recordings are kept before the retention job may purge them (MiFID II: 5, up to 7). */
	public static final String RECORDING_RETENTION_YEARS = "recording.retentionYears";
	public static final int RECORDING_RETENTION_YEARS_DEFAULT = 5;

	/** javax.sound mixer name for the microphone; empty means the system default. */
	public static final String AUDIO_INPUT = "audio.input";
	/** javax.sound mixer name for the headset; empty means the system default. */
	public static final String AUDIO_OUTPUT = "audio.output";
	/** javax.sound mixer name the ringer plays on; empty means the same as the headset. */
	public static final String AUDIO_RINGER = "audio.ringer";

	/** Whether the login dialog opens by itself when the workstation starts logged out. */
	public static final String LOGIN_PROMPT_AT_START = "login.promptAtStart";
	/** System property that overrides {@link #LOGIN_PROMPT_AT_START} (tests, benchmarks, kiosks). */
	public static final String LOGIN_PROMPT_SYSTEM_PROPERTY = "webcallcenter.login.prompt";

	private WorkstationPreferences() {
	}
}
