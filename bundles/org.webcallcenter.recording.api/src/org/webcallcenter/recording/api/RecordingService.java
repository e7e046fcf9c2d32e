package org.webcallcenter.recording.api;

import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleConsumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Recordings: made by the recorder from the softphone's calls (policy "record all", or {@link #start(String)} on
 * demand), paused and resumed by the agent, read back, verified, exported, kept for the retention period. An OSGi
 * service; every method may block on the disk (call it off the UI thread).
 */
@ProviderType
public interface RecordingService {

	/** @return the recordings of an interaction, oldest first */
	List<Recording> recordings(String interactionId) throws RecordingException;

	Optional<Recording> find(long recordingId) throws RecordingException;

	/** @return what happened to the recording, oldest first (pauses with their reasons among them) */
	List<RecordingEvent> events(long recordingId) throws RecordingException;

	/**
	 * Starts recording a live call of the softphone (policy "on demand"; under "record all" the call is already
	 * being recorded and its recording is returned).
	 *
	 * @throws RecordingException NOT_FOUND when no such call is live
	 */
	Recording start(String callId) throws RecordingException;

	/**
	 * @return true when the agent starts and stops recordings (policy "on demand"); false when every call is
	 *         recorded ("record all", always in Expert Home), so {@link #stop(String)} is refused
	 * @since 0.2
	 */
	boolean onDemand();

	/** Stops and seals the recording of a live call (policy "on demand" only). */
	void stop(String callId) throws RecordingException;

	/** Pauses the recording of a live call, for example while the customer gives card data; the reason is logged. */
	void pause(String callId, String reason) throws RecordingException;

	void resume(String callId) throws RecordingException;

	/**
	 * Reads one channel; gaps (pauses, silence the far end did not send, a lost last second) read as zeros.
	 *
	 * @param fromSample first sample of the timeline
	 * @param count      samples wanted
	 * @return {@code count} samples, or fewer at the end of the recording
	 */
	short[] read(long recordingId, Channel channel, long fromSample, int count) throws RecordingException;

	/** Recomputes the chain and the seal of one recording. */
	VerifyResult verify(long recordingId) throws RecordingException;

	/** @return the result for every recording, in id order */
	List<VerifyResult> verifyAll(DoubleConsumer progress) throws RecordingException;

	/**
	 * Writes a stereo WAV (RIFF, 16-bit PCM, 8 kHz, channel 1 customer, channel 2 agent) and beside it a JSON sidecar
	 * ({@code <name>.json}) with the interaction, the recording's metadata, its events, the chain and seal hashes.
	 *
	 * @param progress told 0..1 as the export advances
	 * @return the sidecar's path
	 */
	Path export(long recordingId, Path wavFile, DoubleConsumer progress) throws RecordingException;

	/** Sets or lifts a legal hold; the reason is logged with the recording. */
	void setLegalHold(long recordingId, boolean hold, String reason) throws RecordingException;

	/**
	 * Deletes a recording whose retention period has ended.
	 *
	 * @throws RecordingException RETENTION before the period ends, LEGAL_HOLD while on hold
	 */
	void delete(long recordingId, String reason) throws RecordingException;

	/** @return how long recordings are kept (the admin's setting; 5 years unless configured) */
	Period retention();
}
