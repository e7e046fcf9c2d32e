package org.webcallcenter.sip.jain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads SIP messages as text, independently of the stack under test. */
final class SipText {
	private static final Pattern STATUS_LINE = Pattern.compile("SIP/2\\.0 ([1-6][0-9][0-9]) ([^\\r\\n]*)");
	private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!%*_+`'~.-]+[ \\t]*:.*");

	private SipText() {
	}

	/** @return the first value of header {@code name} (case-insensitive, compact forms not expanded), or null */
	static String header(String message, String name) {
		for (String line : headerLines(message)) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
				return line.substring(colon + 1).strip();
			}
		}
		return null;
	}

	static int status(String response) {
		Matcher m = STATUS_LINE.matcher(firstLine(response));
		return m.matches() ? Integer.parseInt(m.group(1)) : -1;
	}

	/**
	 * Asserts that {@code response} is a well-formed SIP/2.0 response: a status line whose reason phrase has no
	 * {@code @} (a Java object id) and no line feed, then header lines up to an empty line, with the headers a
	 * response must copy from its request.
	 */
	static void assertWellFormedResponse(String response) {
		assertTrue(response.contains("\r\n\r\n"), () -> "no end of headers in: " + response);
		String first = firstLine(response);
		Matcher m = STATUS_LINE.matcher(first);
		assertTrue(m.matches(), () -> "bad status line '" + first + "' in: " + response);
		assertFalse(m.group(2).contains("@"), () -> "reason phrase has an '@': " + first);
		assertFalse(m.group(2).isBlank(), () -> "empty reason phrase: " + first);
		for (String line : headerLines(response)) {
			assertTrue(HEADER.matcher(line).matches() || line.startsWith(" ") || line.startsWith("\t"),
					() -> "not a header line: '" + line + "' in: " + response);
		}
		for (String required : List.of("Via", "From", "To", "Call-ID", "CSeq")) {
			assertNotNull(header(response, required), () -> "no " + required + " in: " + response);
		}
		String length = header(response, "Content-Length");
		if (length != null) {
			int body = response.length() - response.indexOf("\r\n\r\n") - 4;
			assertEquals(Integer.parseInt(length), body, () -> "Content-Length does not match in: " + response);
		}
	}

	private static String firstLine(String message) {
		int end = message.indexOf("\r\n");
		return end < 0 ? message : message.substring(0, end);
	}

	private static List<String> headerLines(String message) {
		int end = message.indexOf("\r\n\r\n");
		String head = end < 0 ? message : message.substring(0, end);
		String[] lines = head.split("\r\n", -1);
		List<String> result = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			result.add(lines[i]);
		}
		return result;
	}
}
