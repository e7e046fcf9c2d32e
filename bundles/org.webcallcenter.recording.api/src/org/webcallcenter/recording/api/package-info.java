/**
 * Interactions and their recordings, as the rest of the workstation sees them. One {@link Interaction} per call
 * (kept by the {@link InteractionStore}; other plugins attach their links to it), zero or more {@link Recording}s
 * per interaction (made and read through the {@link RecordingService}), each a hash chain of audio chunks that
 * {@link RecordingService#verify(long)} checks, kept for the retention period and never deleted while on legal
 * hold. Nothing here names the database: only the implementation bundle opens it. Version 0.x until the recording
 * view has used it.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.webcallcenter.recording.api;
