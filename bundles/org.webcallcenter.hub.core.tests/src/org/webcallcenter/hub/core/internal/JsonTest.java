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
			assertThrows(Json.Malformed.class, () -> Json.parseShallow(bad, 0), "checked only: " + bad);
		}
	}

	@Test
	void aShallowParseBuildsTheOuterLevelsAndChecksTheRestAsStrictly() throws Exception {
		String events = "{\"t\":\"events\",\"events\":[{\"type\":3,\"data\":{\"source\":5,\"text\":\"a\\u00e9\","
				+ "\"p\":[1,{\"x\":2}]},\"timestamp\":17}]}";
		Object v = Json.parseShallow(events, 3);
		assertEquals(Map.of("t", "events", "events", List.of(Map.of("type", 3.0, "data", Json.CHECKED, "timestamp",
				17.0))), v);
		assertEquals(Json.parse(events), Json.parseShallow(events, Integer.MAX_VALUE));
		// what is only checked is refused as strictly as what is built, however deep
		for (String bad : List.of("{\"p\":[1,]}", "{\"p\":{\"x\":01}}", "{\"p\":[\"a\\x\"]}", "{\"p\":[\"\\u-123\"]}",
				"{\"p\":[\"\\u12\"]}", "{\"p\":[tru]}", "{\"p\":" + "[".repeat(Json.MAX_DEPTH + 2) + "}")) {
			assertThrows(Json.Malformed.class, () -> Json.parseShallow(bad, 1), bad);
			assertThrows(Json.Malformed.class, () -> Json.parse(bad), bad);
		}
	}
}
