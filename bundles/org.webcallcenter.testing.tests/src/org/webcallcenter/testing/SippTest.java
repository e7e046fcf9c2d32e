package org.webcallcenter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our scenarios against sipp's own callee, and the Sipp helper's reporting. All on 127.0.0.1. */
class SippTest {
	private static final Duration WAIT = Duration.ofSeconds(60);

	@BeforeAll
	static void sippIsInstalled() {
		Sipp.requireInstalled();
	}

	@Test
	void everyScenarioIsABundleResource() throws IOException {
		Path dir = PeerDirs.create("scenarios");
		for (String name : Sipp.SCENARIOS) {
			String xml = Files.readString(Sipp.scenario(name, dir));
			assertTrue(xml.contains("<scenario name=\"" + name.replace(".xml", "") + "\">"), name);
		}
	}

	@Test
	void answerByeCallsSucceedAgainstSippsCallee() throws IOException {
		try (Sipp callee = Sipp.callee(PeerDirs.create("sipp-uas")).builtIn("uas").calls(5).start();
				Sipp caller = Sipp.caller(PeerDirs.create("sipp-uac"), callee.localPort())
						.scenario(Sipp.UAC_ANSWER_BYE).calls(5).rate(10).callLength(Duration.ofMillis(100)).start()) {
			Sipp.Result r = caller.awaitSuccess(5, WAIT);
			assertEquals(5, r.successful());
			assertEquals(0, r.failed());
			callee.awaitSuccess(5, WAIT);
		}
	}

	@Test
	void callWithRtpSendsTheToneAndHangsUp() throws IOException {
		try (Sipp callee = Sipp.callee(PeerDirs.create("sipp-uas-rtp")).builtIn("uas").calls(2).start();
				Sipp caller = Sipp.caller(PeerDirs.create("sipp-uac-rtp"), callee.localPort())
						.scenario(Sipp.UAC_CALL_RTP).calls(2).rate(2).callLength(Duration.ofMillis(600)).start()) {
			caller.awaitSuccess(2, WAIT);
			callee.awaitSuccess(2, WAIT);
			String messages = caller.messages();
			assertTrue(messages.contains("m=audio " + caller.mediaPort() + " RTP/AVP 0 101"), "SDP offers PCMU");
			assertTrue(messages.contains("c=IN IP4 127.0.0.1"), "media on loopback");
		}
	}

	@Test
	void failedCallsAreCounted() throws IOException {
		// nobody listens at the remote port: the INVITE times out (10 s in the scenario) and the call fails
		int nobody = Ports.freeUdpPort();
		try (Sipp caller = Sipp.caller(PeerDirs.create("sipp-nobody"), nobody).scenario(Sipp.UAC_ANSWER_BYE)
				.arguments("-max_invite_retrans", "1").start()) {
			Sipp.Result r = caller.await(WAIT);
			assertEquals(1, r.failed(), r::toString);
			assertEquals(0, r.successful(), r::toString);
			assertTrue(r.exitCode() != 0, r::toString);
		}
	}
}
