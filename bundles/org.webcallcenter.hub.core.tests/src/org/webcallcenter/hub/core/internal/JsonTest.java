package org.webcallcenter.hub.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
	@Test
	void readsAndWritesTheProtocolsValues() throws Exception {
		Object v = Json.parse(" {\"t\":\"events\",\"n\":-1.5e2,\"a\":[true,false,null,\"\\u00e9\\n\"],\"class\":\"java.lang.Runtime\"} ");
		assertEquals(Map.of("t", "events", "n", -150.0, "a", java.util.Arrays.asList(true, false, null, "é\n"),
				"class", "java.lang.Runtime"), v);
		assertEquals("{\"a\":[1,2.5,\"x\\\"\\n\"]}", Json.write(Map.of("a", List.of(1.0, 2.5, "x\"\n"))));
	}

	@Test
	void refusesWhatIsNotStrictJson() {
		for (String bad : List.of("", "{", "{'a':1}", "[1,]", "{\"a\":1,}", "01", "1.", "\"a\nb\"", "nul", "{} x",
				"[".repeat(Json.MAX_DEPTH + 2))) {
			assertThrows(Json.Malformed.class, () -> Json.parse(bad), bad);
		}
	}
}
