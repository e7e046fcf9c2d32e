package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.webcallcenter.testing.Poll;
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
		File sipp = SippPeer.sipp();
		try (SipStack stack = SipStack.start("test-sipp", SipUdpClient.LOOPBACK, 0, RequestHandler::new)) {
			Path scenario = dir.resolve("options.xml");
			Files.writeString(scenario, SCENARIO, StandardCharsets.ISO_8859_1);
			Path output = dir.resolve("sipp.out");
			List<String> command = List.of(sipp.getPath(), "127.0.0.1:" + stack.local().getPort(), "-sf",
					scenario.toString(), "-m", "5", "-r", "5", "-i", "127.0.0.1", "-p",
					Integer.toString(SippPeer.freeUdpPort()), "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err",
					"-error_file", dir.resolve("errors.log").toString());
			Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
					.redirectOutput(output.toFile()).start();
			long pid = process.pid();
			try {
				boolean ended = process.waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				assertTrue(ended, "sipp (pid " + pid + ") still running after " + Poll.TIMEOUT.toSeconds() + " s");
				assertEquals(0, process.exitValue(), () -> "sipp exit code (0: every call succeeded); errors: "
						+ SippPeer.read(dir.resolve("errors.log")) + "\noutput tail: " + tail(SippPeer.read(output)));
			} finally {
				ProcessHandle.of(pid).ifPresent(p -> {
					p.destroy();
					try {
						p.onExit().get(5, TimeUnit.SECONDS);
					} catch (Exception e) {
						p.destroyForcibly();
					}
				});
			}
		}
	}

	private static String tail(String s) {
		return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
	}
}
