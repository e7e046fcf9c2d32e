package org.webcallcenter.hub.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcallcenter.testing.MutableClock;

/**
 * The hub's own session records are kept for the retention period after their last message, then purged; open
 * sessions are never purged. Real files; the purge's "now" is a simulated clock moved by the test.
 */
class SessionFilesRetentionTest {
	@TempDir
	Path dir;

	@Test
	void recordsOlderThanTheRetentionArePurgedOpenOnesNever() throws Exception {
		MutableClock clock = new MutableClock(Instant.now());
		SessionFiles files = new SessionFiles(dir, Duration.ofDays(7), clock);
		files.append("old-closed", "customer", "{\"t\":\"events\",\"events\":[]}");
		files.close("old-closed");
		files.append("old-open", "customer", "{\"t\":\"events\",\"events\":[]}");
		files.append("recent", "customer", "{\"t\":\"events\",\"events\":[]}");
		files.close("recent");
		// the two older ones were last written ten days before "recent"
		Instant tenDaysAgo = clock.instant().minus(Duration.ofDays(10));
		for (String id : List.of("old-closed", "old-open")) {
			Files.setLastModifiedTime(dir.resolve(id + SessionFiles.SUFFIX), java.nio.file.attribute.FileTime.from(tenDaysAgo));
		}

		assertEquals(List.of("old-closed"), files.purge(), "only the closed record past its retention");
		assertFalse(Files.exists(dir.resolve("old-closed" + SessionFiles.SUFFIX)));
		assertTrue(files.read("old-open").size() == 1, "an open session's record is kept");
		assertEquals(1, files.read("recent").size());

		clock.advance(Duration.ofDays(6));
		assertEquals(List.of(), files.purge(), "six days after its last message, \"recent\" is still kept");
		clock.advance(Duration.ofDays(2));
		assertEquals(List.of("recent"), files.purge(), "eight days after: purged");
		files.close("old-open");
		assertEquals(List.of("old-open"), files.purge(), "closed now, and long past its retention");
		assertEquals(List.of(), files.sessionIds());
		files.closeAll();
	}

	@Test
	void theRetentionIsASettingWithADefaultAndLimits() {
		Path data = dir.resolve("data");
		assertEquals(Duration.ofDays(7), HubSettings.from(k -> null, data).recordRetention());
		assertEquals(Duration.ofDays(30),
				HubSettings.from(k -> Map.of("recordRetentionDays", "30").get(k), data).recordRetention());
		IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
				() -> HubSettings.from(k -> Map.of("recordRetentionDays", "0").get(k), data));
		assertTrue(zero.getMessage().startsWith("recordRetentionDays: "), zero.getMessage());
		assertThrows(IllegalArgumentException.class,
				() -> HubSettings.from(k -> Map.of("recordRetentionDays", "a week").get(k), data));
	}
}
