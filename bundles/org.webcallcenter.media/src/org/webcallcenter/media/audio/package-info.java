/**
 * Audio devices of the softphone through javax.sound: listing devices ({@link AudioDevices}), capture and playback
 * as 20 ms frames of 8 kHz PCM for {@link org.webcallcenter.media.session.RtpSession} ({@link AudioCapture},
 * {@link AudioPlayback}, converting other device rates with a {@link Resampler}), signals for the agent
 * ({@link TonePlayer}, {@link Signal}), and a headless mode for servers and tests ({@link AudioMode#headless()},
 * {@link ToneSource}). Plain Java; no OSGi or UI.
 */
package org.webcallcenter.media.audio;
