package org.webcallcenter.recording.api;

import java.time.Instant;

/**
 * Something that happened to a recording, kept with it: started, paused (with the reason the agent gave), resumed,
 * finished, found incomplete, a write error, legal hold set or lifted.
 *
 * @param at           when
 * @param kind         what, for example {@code PAUSED}
 * @param detail       the reason or message
 * @param samplePosition where on the recording's timeline, in samples
 */
public record RecordingEvent(Instant at, String kind, String detail, long samplePosition) {
}
