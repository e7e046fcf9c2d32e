package org.webcallcenter.recording.api;

import java.util.List;

/**
 * What {@link RecordingService#verify(long)} found.
 *
 * @param recordingId   the recording
 * @param interactionId its interaction
 * @param chunksChecked chunks whose hash was recomputed
 * @param problems      every break found (empty when the chain and seal hold), each naming the chunk or the seal
 */
public record VerifyResult(long recordingId, String interactionId, int chunksChecked, List<String> problems) {
	public VerifyResult {
		problems = List.copyOf(problems);
	}

	public boolean intact() {
		return problems.isEmpty();
	}
}
