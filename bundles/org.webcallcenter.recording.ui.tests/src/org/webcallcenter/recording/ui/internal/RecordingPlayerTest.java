package org.webcallcenter.recording.ui.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The player's mixing: one channel as it is, both averaged so that two loud voices do not clip. */
class RecordingPlayerTest {
	@Test
	void oneChannelOrBothAveraged() {
		short[] customer = new short[200];
		short[] agent = new short[200];
		customer[40] = 30000;
		agent[40] = 30000;
		customer[41] = -1000;
		agent[41] = 3000;
		short[] both = RecordingPlayer.mix(customer, agent, 40, RecordingPlayer.Mode.BOTH);
		short[] onlyCustomer = RecordingPlayer.mix(customer, agent, 40, RecordingPlayer.Mode.CUSTOMER);
		short[] onlyAgent = RecordingPlayer.mix(customer, agent, 40, RecordingPlayer.Mode.AGENT);
		assertArrayEquals(new short[] { 30000, 1000 }, new short[] { both[0], both[1] });
		assertArrayEquals(new short[] { 30000, -1000 }, new short[] { onlyCustomer[0], onlyCustomer[1] });
		assertArrayEquals(new short[] { 30000, 3000 }, new short[] { onlyAgent[0], onlyAgent[1] });
		short[] pastTheEnd = RecordingPlayer.mix(customer, agent, 100, RecordingPlayer.Mode.BOTH);
		assertArrayEquals(new short[60], java.util.Arrays.copyOfRange(pastTheEnd, 100, 160), "silence after the end");
	}
}
