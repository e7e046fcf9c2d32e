package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webcallcenter.media.audio.ToneSource;
import org.webcallcenter.media.session.FrameSink;
import org.webcallcenter.media.session.FrameSource;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallEvent;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;
import org.webcallcenter.testing.Baresip;
import org.webcallcenter.testing.LossyUdpRelay;
import org.webcallcenter.testing.PeerDirs;
import org.webcallcenter.testing.Ports;
import org.webcallcenter.testing.Poll;
import org.webcallcenter.testing.Sipp;
import org.webcallcenter.testing.Tones;
import org.webcallcenter.testing.WavFile;

/**
 * Two-way audio with real, independent phones on 127.0.0.1. baresip (Debian {@code baresip-core}) sends 440 Hz, our
 * softphone 1000 Hz; each side's decoded audio must carry the other's tone: ours checked live from the earpiece,
 * baresip's from the WAV file it writes of what it decoded (checked with the test-side oracle {@link Tones}, not
 * with our own code). And a call whose audio crosses a relay that drops 5% of the packets each way still decodes.
 */
class RealPeerAudioTest {
	private static final double OURS_HZ = 1000;
	private static final int BARESIP_HZ = 440;

	private SipStack stack;
	private UserAgent ua;
	private final Earpiece ear = new Earpiece();
	private final List<CallEvent> events = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws IOException {
		RequestHandler[] handler = new RequestHandler[1];
		stack = SipStack.start("test-real-peers", SipUdpClient.LOOPBACK, 0, provider -> {
			handler[0] = new RequestHandler(provider);
			return handler[0];
		});
		FrameSource mic = ToneSource.testTone(OURS_HZ, -20);
		AudioRouter.Endpoint headset = new AudioRouter.Endpoint() {
			@Override
			public FrameSource microphone() {
				return mic;
			}

			@Override
			public FrameSink speaker() {
				return ear;
			}
		};
		ua = new UserAgent(stack, UserAgent.Settings.DEFAULT.withAutoAnswerAll(true)
				.withRtcpInterval(Duration.ofMillis(500)), new AudioRouter(headset), events::add,
				c -> CompletableFuture.completedFuture(null));
		ua.account(UserAgent.Account.direct("agent"));
		handler[0].calls(ua);
	}

	@AfterEach
	void stop() {
		ua.close();
		stack.close();
	}

	private Baresip baresip(Path dir) throws IOException {
		Baresip.requireInstalled();
		return Baresip.builder(dir).toneHz(BARESIP_HZ).answer(Baresip.Answer.AUTO).start();
	}

	/** baresip's decoded audio must be our tone: dominant among the two, and loud enough. */
	private static void assertBaresipHeardUs(Baresip peer) throws IOException {
		Poll.until("baresip's WAV of what it decoded", () -> !peer.receivedAudio().isEmpty());
		Path wav = peer.receivedAudio().get(0);
		Poll.until("the WAV to be complete", () -> {
			try {
				return Files.size(wav) > 44 + 8000 * 2;
			} catch (IOException e) {
				return false;
			}
		});
		WavFile file = WavFile.read(wav);
		double[] audio = Tones.segment(file.mono(), file.sampleRate(), 0.5, Math.max(1.0, file.seconds() - 0.2));
		assertEquals(OURS_HZ, Tones.dominant(audio, file.sampleRate(), BARESIP_HZ, OURS_HZ),
				"baresip decoded our tone");
		assertTrue(Tones.toneDbfs(audio, file.sampleRate(), OURS_HZ) > -30,
				"our tone reached baresip at a usable level: " + Tones.toneDbfs(audio, file.sampleRate(), OURS_HZ));
	}

	@Test
	void weCallBaresipAndEachSideHearsTheOthersTone() throws Exception {
		try (Baresip peer = baresip(PeerDirs.create("baresip-callee"))) {
			Call call = ua.dial(SipAddress.parse(peer.uri()));
			Poll.until("baresip to answer", () -> call.state() == CallState.CONNECTED);
			Poll.until("us to hear baresip's 440 Hz", () -> ear.hears(BARESIP_HZ, -30));
			assertTrue(!ear.hears(OURS_HZ, -40), "we do not hear ourselves");
			Thread.sleep(1500); // let baresip record a stretch of our tone (the length of the call, not a speed check)
			call.hangUp();
			peer.awaitTerminated(1);
			assertBaresipHeardUs(peer);
		}
	}

	@Test
	void baresipCallsUsAndEachSideHearsTheOthersTone() throws Exception {
		try (Baresip peer = baresip(PeerDirs.create("baresip-caller"))) {
			peer.dial("sip:agent@127.0.0.1:" + stack.local().getPort());
			Poll.until("our phone to answer baresip", () -> events.stream()
					.anyMatch(e -> e.current() == CallState.CONNECTED));
			Call call = events.get(0).call();
			assertEquals("baresip", call.remote().user());
			Poll.until("us to hear baresip's 440 Hz", () -> ear.hears(BARESIP_HZ, -30));
			Thread.sleep(1500);
			call.hangUp();
			peer.awaitTerminated(1);
			assertBaresipHeardUs(peer);
		}
	}

	@Test
	void aCallLosingFivePercentEachWayStillDecodes() throws Exception {
		Path dir = PeerDirs.create("lossy");
		int media = Ports.freeUdpPortPair();
		try (LossyUdpRelay relay = LossyUdpRelay.start(Ports.loopback(media), 5.0, LossyUdpRelay.Lossy.BOTH, 20261126L);
				Sipp echo = Sipp.callee(dir).scenario(Sipp.UAS_ECHO_RELAY).mediaPort(media).rtpEcho()
						.arguments("-set", "relay_port", Integer.toString(relay.port())).start()) {
			Call call = ua.dial(SipAddress.parse("sip:echo@127.0.0.1:" + echo.localPort()));
			Poll.until("the echo to answer", () -> call.state() == CallState.CONNECTED);
			JainCall jc = (JainCall) call;
			Poll.until("a few seconds of our tone back through the lossy relay",
					() -> jc.media != null && jc.media.quality().packetsReceived() > 200 && relay.dropped() > 10);
			assertTrue(ear.hears(OURS_HZ, -30), "our tone decodes through 5% loss each way");
			var quality = call.capability(Call.QualityMonitor.class).orElseThrow().current();
			assertTrue(quality.lossPercent() > 2 && quality.lossPercent() < 20, "loss seen: " + quality);
			assertTrue(quality.mos() > 2.5 && quality.mos() < 4.4, "the MOS reflects the loss: " + quality);
			call.hangUp();
			assertTrue(echo.awaitSuccess(1, Poll.TIMEOUT).allSucceeded(1), echo::errors);
		}
	}
}
