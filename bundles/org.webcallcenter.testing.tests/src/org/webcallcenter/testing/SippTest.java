package org.webcallcenter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
	void rejectScenarioTakesA603AfterRinging() throws IOException {
		Path dir = PeerDirs.create("sipp-decline");
		Path decline = dir.resolve("decline.xml");
		Files.writeString(decline, DECLINE, StandardCharsets.ISO_8859_1);
		try (Sipp callee = Sipp.callee(dir).scenarioFile(decline).start();
				Sipp caller = Sipp.caller(PeerDirs.create("sipp-reject-603"), callee.localPort())
						.scenario(Sipp.UAC_REJECT).start()) {
			caller.awaitSuccess(1, WAIT);
			callee.awaitSuccess(1, WAIT);
			assertTrue(caller.messages().contains("SIP/2.0 603 Decline"), "603 seen");
		}
	}

	/** A callee that rings, declines with 603 and expects the ACK. */
	private static final String DECLINE = """
			<?xml version="1.0" encoding="ISO-8859-1" ?>
			<scenario name="decline">
			  <recv request="INVITE"/>
			  <send>
			    <![CDATA[

			      SIP/2.0 180 Ringing
			      [last_Via:]
			      [last_From:]
			      [last_To:];tag=[pid]decline[call_number]
			      [last_Call-ID:]
			      [last_CSeq:]
			      Content-Length: 0

			    ]]>
			  </send>
			  <send retrans="500">
			    <![CDATA[

			      SIP/2.0 603 Decline
			      [last_Via:]
			      [last_From:]
			      [last_To:];tag=[pid]decline[call_number]
			      [last_Call-ID:]
			      [last_CSeq:]
			      Content-Length: 0

			    ]]>
			  </send>
			  <recv request="ACK"/>
			</scenario>
			""";

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
