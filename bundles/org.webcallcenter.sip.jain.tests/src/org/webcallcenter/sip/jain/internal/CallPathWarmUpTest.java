package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.webcallcenter.media.codec.G711;
import org.webcallcenter.testing.Poll;

/** The headless softphone's warm-up: real calls between two private user agents, all answered and all ended. */
class CallPathWarmUpTest {

	@Test
	void everyWarmUpCallIsAnsweredAndEndsAndNothingStaysOpen() throws Exception {
		int before = sipThreads();
		CallPathWarmUp.Result r = CallPathWarmUp.run(60, Duration.ofSeconds(60), List.of(G711.Law.MU_LAW));
		assertEquals("", r.problem(), r.describe());
		assertEquals(60, r.placed(), r.describe());
		assertEquals(60, r.answered(), r.describe());
		assertTrue(r.describe().startsWith("warm-up: 60 of 60 loopback calls"), r.describe());
		// both private stacks and user agents are closed: their threads end
		Poll.until("the warm-up's user agent threads to end", () -> sipThreads() <= before);
	}

	@Test
	void aTimeLimitEndsTheWarmUpAndSaysSo() {
		CallPathWarmUp.Result r = CallPathWarmUp.run(100_000, Duration.ofSeconds(2), List.of(G711.Law.A_LAW));
		assertTrue(r.placed() < 100_000, r.describe());
		assertTrue(r.problem().contains("time limit of 2 s"), r.describe());
	}

	@Test
	void theCommandLineTakesTheWarmUpSize() {
		assertEquals(CallPathWarmUp.DEFAULT_CALLS,
				HeadlessSoftphone.Options.parse(new String[] { "-listen", "127.0.0.1:5070" }).warmUpCalls());
		assertEquals(0, HeadlessSoftphone.Options.parse(new String[] { "-listen", "127.0.0.1:5070", "-warm-up", "0" })
				.warmUpCalls());
		IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> HeadlessSoftphone.Options
				.parse(new String[] { "-listen", "127.0.0.1:5070", "-warm-up", "many" }));
		assertEquals("-warm-up takes a number of calls, 0 to 100000", bad.getMessage());
	}

	private static int sipThreads() {
		return (int) Thread.getAllStackTraces().keySet().stream()
				.filter(t -> t.getName().startsWith(UserAgent.THREAD_NAME)).count();
	}
}
