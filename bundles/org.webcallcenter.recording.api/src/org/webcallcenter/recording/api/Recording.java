package org.webcallcenter.recording.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recording of an interaction: two channels of 8 kHz 16-bit PCM, stored in chunks of at most one second, each
 * chunk's SHA-256 chained to the previous one.
 *
 * @param id              the recording's number
 * @param interactionId   the interaction it belongs to
 * @param state           its state
 * @param startedAt       when recording began
 * @param endedAt         when it was finished (or found unfinished after a crash)
 * @param customerSamples samples stored on the customer channel (8000 per second)
 * @param agentSamples    samples stored on the agent channel
 * @param lengthSamples   the timeline's length in samples, pauses and gaps included
 * @param chunks          chunks stored
 * @param chainHash       hex SHA-256 of the last chunk (the chain's head), empty before the first chunk
 * @param sealHash        hex SHA-256 over the chain's head and the metadata, once sealed
 * @param legalHold       whether a legal hold blocks deletion
 */
public record Recording(long id, String interactionId, RecordingState state, Instant startedAt,
		Optional<Instant> endedAt, long customerSamples, long agentSamples, long lengthSamples, int chunks,
		String chainHash, Optional<String> sealHash, boolean legalHold) {

	/** Samples per second of every channel. */
	public static final int SAMPLE_RATE = 8000;

	public Recording {
		Objects.requireNonNull(interactionId, "interactionId");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(startedAt, "startedAt");
		endedAt = endedAt == null ? Optional.empty() : endedAt;
		chainHash = chainHash == null ? "" : chainHash;
		sealHash = sealHash == null ? Optional.empty() : sealHash;
	}

	/** @return the timeline's length in milliseconds */
	public long lengthMillis() {
		return lengthSamples * 1000 / SAMPLE_RATE;
	}
}
