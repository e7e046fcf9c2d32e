package org.webcallcenter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * baresip as a real far-end phone: two-way audio between two baresips checked by tone frequency and level, sipp's
 * RTP tone heard by baresip, and every sipp scenario of this bundle run against baresip, which plays the softphone's
 * part. All on 127.0.0.1; every peer is stopped by pid when its test ends.
 */
class BaresipTest {
	private static final Duration WAIT = Duration.ofSeconds(60);
	private static final double[] CANDIDATES = { 440, 697, 1000, 1209, 1800 };
	/** 2 s of 8 kHz 16-bit mono audio plus the header. */
	private static final long TWO_SECONDS_OF_AUDIO = 44 + 2 * 8000 * 2;

	@BeforeAll
	static void peersAreInstalled() {
		Baresip.requireInstalled();
		Sipp.requireInstalled();
	}

	@Test
	void twoWayAudioBetweenTwoBaresipsCarriesEachSidesTone() throws IOException {
		try (Baresip callee = Baresip.builder(PeerDirs.create("baresip-callee")).user("callee").toneHz(1000).start();
				Baresip caller = Baresip.builder(PeerDirs.create("baresip-caller")).user("caller").toneHz(440)
						.answer(Baresip.Answer.MANUAL).start()) {
			caller.dial(callee.uri());
			caller.awaitEstablished(1);
			callee.awaitEstablished(1);
			Poll.until("2 s of received audio on both sides",
					() -> size(caller.receivedAudio()) >= TWO_SECONDS_OF_AUDIO
							&& size(callee.receivedAudio()) >= TWO_SECONDS_OF_AUDIO);
			caller.hangup();
			caller.awaitTerminated(1);
			callee.awaitTerminated(1);

			assertTone(caller.receivedAudio(), 1000, "caller hears the callee");
			assertTone(callee.receivedAudio(), 440, "callee hears the caller");
		}
	}

	@Test
	void baresipHearsSippsRtpTone() throws IOException {
		try (Baresip phone = Baresip.builder(PeerDirs.create("baresip-rtp")).user("phone").start();
				Sipp caller = Sipp.caller(PeerDirs.create("sipp-rtp-tone"), phone.sipPort()).service("phone")
						.scenario(Sipp.UAC_CALL_RTP).rtpAudio(Tones.muLaw(Tones.sine(1800, 8000, 1.0, Tones.amplitude(-12))))
						.callLength(Duration.ofMillis(2500)).start()) {
			caller.awaitSuccess(1, WAIT);
			phone.awaitTerminated(1);
			assertTone(phone.receivedAudio(), 1800, "baresip hears sipp's rtp.ulaw");
			double level = Tones.toneDbfs(decoded(phone.receivedAudio()), 8000, 1800);
			assertEquals(-12, level, 1.5, "the tone's level survives G.711 and baresip's jitter buffer");
		}
	}

	@Test
	void callerScenariosPassAgainstAnAutoAnsweringPhone() throws IOException {
		try (Baresip phone = Baresip.builder(PeerDirs.create("baresip-auto")).user("phone").start()) {
			for (String scenario : List.of(Sipp.UAC_ANSWER_BYE, Sipp.UAC_HOLD_RESUME, Sipp.UAC_INFO_DTMF,
					Sipp.UAC_UNSUPPORTED_CODEC)) {
				try (Sipp caller = Sipp.caller(PeerDirs.create("sipp-" + scenario.replace(".xml", "")),
						phone.sipPort()).service("phone").scenario(scenario).callLength(Duration.ofMillis(300))
						.start()) {
					caller.awaitSuccess(1, WAIT);
				}
			}
			String log = phone.log();
			for (String digit : List.of("1", "5", "9", "#")) {
				assertTrue(log.contains("received DTMF: '" + digit + "'"), "INFO digit " + digit + " reached baresip");
			}
			assertTrue(log.contains("no common audio codecs"), "G.729-only offer refused");
		}
	}

	@Test
	void cancelAndRejectScenariosPassAgainstARingingPhone() throws IOException {
		Pattern incoming = Pattern.compile("Incoming call from");
		try (Baresip phone = Baresip.builder(PeerDirs.create("baresip-manual")).user("phone")
				.answer(Baresip.Answer.MANUAL).start()) {
			try (Sipp caller = Sipp.caller(PeerDirs.create("sipp-cancel"), phone.sipPort()).service("phone")
					.scenario(Sipp.UAC_CANCEL).start()) {
				caller.awaitSuccess(1, WAIT);
			}
			try (Sipp caller = Sipp.caller(PeerDirs.create("sipp-reject"), phone.sipPort()).service("phone")
					.scenario(Sipp.UAC_REJECT).start()) {
				phone.awaitLog(incoming, 2, Poll.TIMEOUT);
				phone.hangup();
				caller.awaitSuccess(1, WAIT);
				assertTrue(caller.messages().contains("SIP/2.0 486"), "rejected with 486");
			}
		}
	}

	@Test
	void transfereeFollowsBaresipsReferToTheTarget() throws IOException {
		try (Sipp target = Sipp.callee(PeerDirs.create("sipp-target")).scenario(Sipp.UAS_ANSWER).start();
				Sipp transferee = Sipp.callee(PeerDirs.create("sipp-transferee")).scenario(Sipp.UAS_TRANSFEREE)
						.start();
				Baresip agent = Baresip.builder(PeerDirs.create("baresip-agent")).user("agent")
						.answer(Baresip.Answer.MANUAL).start()) {
			agent.dial("sip:customer@127.0.0.1:" + transferee.localPort());
			agent.awaitEstablished(1);
			agent.transfer("sip:expert@127.0.0.1:" + target.localPort());
			transferee.awaitSuccess(1, WAIT);
			target.awaitSuccess(1, WAIT);
			// baresip 1.0 logs no "terminated" line for a call it ends after a transfer: its BYE is the proof
			String messages = transferee.messages();
			assertTrue(messages.contains("BYE sip:transferee@"), "the agent hung up after the NOTIFY");
			assertTrue(messages.contains("Refer-To:"), "a REFER arrived");
			assertTrue(messages.contains("INVITE sip:expert@127.0.0.1:" + target.localPort()), "the target was called");
			assertFalse(transferee.errors().contains("Aborting"), transferee::errors);
		}
	}

	@Test
	void callThroughFivePercentLossStillCarriesTheTone() throws IOException {
		int echoPort = Ports.freeUdpPortPair();
		try (LossyUdpRelay relay = LossyUdpRelay.start(Ports.loopback(echoPort), 5, LossyUdpRelay.Lossy.TO_TARGET, 5);
				Sipp echo = Sipp.callee(PeerDirs.create("sipp-echo-relay")).scenario(Sipp.UAS_ECHO_RELAY)
						.mediaPort(echoPort).rtpEcho().arguments("-set", "relay_port", Integer.toString(relay.port()))
						.start();
				Baresip phone = Baresip.builder(PeerDirs.create("baresip-lossy")).user("phone").toneHz(697)
						.answer(Baresip.Answer.MANUAL).start()) {
			phone.dial("sip:echo@127.0.0.1:" + echo.localPort());
			phone.awaitEstablished(1);
			Poll.until("3 s of audio heard back through the relay",
					() -> size(phone.receivedAudio()) >= TWO_SECONDS_OF_AUDIO + 8000 * 2);
			phone.hangup();
			echo.awaitSuccess(1, WAIT);
			Poll.until("relay to go quiet", () -> relay.received() == relay.forwarded() + relay.dropped()
					+ relay.unroutable());
			assertEquals(LossyUdpRelay.expectedDrops(5, 5, (int) relay.receivedTowardsTarget()), relay.dropped(),
					relay::toString);
			double percent = 100.0 * relay.dropped() / relay.receivedTowardsTarget();
			assertTrue(relay.receivedTowardsTarget() >= 150 && percent > 2 && percent < 8, relay::toString);
			// lost packets are gaps of silence (no concealment loaded): their edges spread a little energy around
			assertTone(phone.receivedAudio(), 697, 15, "the phone hears its own tone through 5 % loss");
		}
	}

	private static void assertTone(List<Path> wavs, double hz, String what) throws IOException {
		assertTone(wavs, hz, 30, what);
	}

	/** @param margin how many dB every other candidate frequency must be below the tone */
	private static void assertTone(List<Path> wavs, double hz, double margin, String what) throws IOException {
		double[] x = decoded(wavs);
		assertTrue(x.length >= 16000, what + ": at least 2 s decoded, got " + x.length + " samples");
		// skip the first 0.5 s (jitter buffer filling, resampler settling) and the last 0.2 s
		double[] steady = Tones.segment(x, 8000, 0.5, x.length / 8000.0 - 0.2);
		assertEquals(hz, Tones.dominant(steady, 8000, CANDIDATES), what + ": dominant frequency");
		double level = Tones.toneDbfs(steady, 8000, hz);
		assertTrue(level > -20, what + ": tone level " + level + " dBFS");
		for (double other : CANDIDATES) {
			if (other != hz) {
				assertTrue(Tones.toneDbfs(steady, 8000, other) < level - margin, what + ": little energy at " + other);
			}
		}
	}

	private static double[] decoded(List<Path> wavs) throws IOException {
		assertEquals(1, wavs.size(), "one call, one decoded WAV: " + wavs);
		WavFile w = WavFile.read(wavs.get(0));
		assertEquals(8000, w.sampleRate(), "G.711 decodes at 8 kHz");
		return w.mono();
	}

	private static long size(List<Path> files) {
		try {
			return files.isEmpty() ? 0 : Files.size(files.get(0));
		} catch (IOException e) {
			return 0;
		}
	}
}
