package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.webcallcenter.testing.Poll;
import org.webcallcenter.testing.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second, independent SIP implementation talks to the stack: sipp (Debian package {@code sip-tester}) sends 5
 * OPTIONS at 5 per second from 127.0.0.1 and requires a 200 OK for each.
 */
class SippOptionsTest {
	private static final String SCENARIO = """
			<?xml version="1.0" encoding="ISO-8859-1" ?>
			<scenario name="OPTIONS ping">
			  <send retrans="500">
			    <![CDATA[
			      OPTIONS sip:stack@[remote_ip]:[remote_port] SIP/2.0
			      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
			      From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag[call_number]
			      To: <sip:stack@[remote_ip]:[remote_port]>
			      Call-ID: [call_id]
			      CSeq: 1 OPTIONS
			      Max-Forwards: 70
			      Contact: <sip:sipp@[local_ip]:[local_port]>
			      Content-Length: 0

			    ]]>
			  </send>
			  <recv response="200"/>
			</scenario>
			""";

	@TempDir
	Path dir;

	@Test
	void sippGets200ForEveryOptions() throws Exception {
		try (SipStack stack = SipStack.start("test-sipp", SipUdpClient.LOOPBACK, 0, RequestHandler::new)) {
			Path scenario = dir.resolve("options.xml");
			Files.writeString(scenario, SCENARIO, StandardCharsets.ISO_8859_1);
			try (Sipp sipp = Sipp.caller(dir.resolve("sipp"), stack.local().getPort()).scenarioFile(scenario).calls(5)
					.rate(5).start()) {
				assertEquals(5, sipp.awaitSuccess(5, Poll.TIMEOUT).successful());
			}
		}
	}
}
