package org.webcallcenter.app.api;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Register a service of this type when your plugin does start-up work in the background (opening a database,
 * binding a SIP stack). The workstation is "ready" once the main window is up and every participant's
 * {@link #started()} has completed. Never do such work on the UI thread.
 */
@ConsumerType
public interface StartupParticipant {

	/** @return a short name for logs and the workstation view, for example {@code SIP stack} */
	String name();

	/** @return completes when the plugin's start-up work is done (exceptionally when it failed) */
	CompletionStage<?> started();
}
