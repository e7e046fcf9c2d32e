/**
 * Co-browsing session records kept with the interactions: the stream of a co-browsing session (rrweb full snapshots
 * and incremental events, as the agent's view received them from the hub, with their arrival times) stored in the
 * same encrypted store as the calls' recordings, so that a call can later be replayed with its pages. A session is
 * known by the hub's session id and tied to the interaction (call) it belongs to by an
 * {@link org.webcallcenter.recording.api.Interaction.Link#COBROWSE} link whose reference is the session id.
 * <p>
 * {@link org.webcallcenter.recording.api.session.SessionRecords} is the service;
 * {@link org.webcallcenter.recording.api.session.SessionRecorder} appends one session's messages in order and
 * commits them in batches (at most {@link org.webcallcenter.recording.api.session.SessionRecords#MAX_BATCH_DELAY}
 * apart, so a crash loses at most that much, as with audio); {@link org.webcallcenter.recording.api.session.SessionMessage}
 * is one stored message. The stream is masked in the customer's browser before it is sent; it is stored as received
 * and never unmasked. Version 0.x until the replay of recorded calls has used it.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.webcallcenter.recording.api.session;
