package org.webcallcenter.sip.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told synchronously, on the softphone's own call thread, of moments that cannot wait for the asynchronous
 * {@link SoftphoneEvents#CALL} events: the recorder attaches its {@link Call.MediaTap} here so that nothing of an
 * answered call escapes it. Register an implementation as an OSGi service (whiteboard); the softphone calls every
 * registered observer in turn. Implementations must return at once (no disk, no network, no waiting: hand such work
 * to a thread of your own) and must not throw; a failure is logged and the call goes on. New moments are added as
 * default methods, so an observer written against an older version keeps working.
 *
 * @since 0.3
 */
@ConsumerType
public interface CallObserver {

	/**
	 * A call has been answered and its media is about to begin: for an incoming call after the 200 OK is sent and
	 * before the first RTP frame is sent or played, for an outgoing call when the 2xx arrives, before CONNECTED is
	 * reported. {@link Call#state()} may still read RINGING or DIALING/ALERTING/EARLY_MEDIA; the call's media tap is
	 * available.
	 */
	default void answered(Call call) {
	}
}
