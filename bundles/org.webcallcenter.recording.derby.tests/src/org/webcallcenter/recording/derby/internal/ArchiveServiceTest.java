package org.webcallcenter.recording.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.archive.ArchiveQuery;
import org.webcallcenter.recording.api.archive.ArchivedDocument;
import org.webcallcenter.recording.api.archive.DocumentArchive;

/** The archive as the other plugins get it: the DS service over the database the recording component opened. */
class ArchiveServiceTest {

	@Test
	void theServiceStoresInTheRecordingsDatabaseAndRefusesADuplicate() throws Exception {
		ServiceTracker<DocumentArchive, DocumentArchive> tracker = new ServiceTracker<>(
				FrameworkUtil.getBundle(ArchiveServiceTest.class).getBundleContext(), DocumentArchive.class, null);
		tracker.open();
		try {
			DocumentArchive archive = tracker.waitForService(30_000);
			assertNotNull(archive, "the DocumentArchive service is registered");
			String id = "svc-" + UUID.randomUUID();
			String symbol = "SVC" + Math.abs(id.hashCode());
			ArchivedDocument d = ArchivedDocument.of(ArchivedDocument.COMMENTARY, id, 3, "Service test", "alice",
					"carol", "carol", Instant.now(), List.of(symbol), "text/plain", "archived through DS");
			archive.store(d);
			assertEquals(d, archive.find(ArchivedDocument.COMMENTARY, id, 3).orElseThrow());
			assertEquals(List.of(d), archive.search(ArchiveQuery.any().withInstrument(symbol)));
			assertEquals(RecordingException.Reason.INVALID,
					assertThrows(RecordingException.class, () -> archive.store(d)).reason());
		} finally {
			tracker.close();
		}
	}
}
