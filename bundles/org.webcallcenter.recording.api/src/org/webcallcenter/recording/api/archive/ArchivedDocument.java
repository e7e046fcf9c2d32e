package org.webcallcenter.recording.api.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One revision of a published document, as the archive keeps it. Immutable; the body's SHA-256 is computed here
 * (or, when given, checked against the body), so a document can never carry a hash of another body.
 *
 * @param kind        what it is, for example {@value #COMMENTARY}; lower-case letters, digits, {@code .-_}
 * @param id          the publishing plugin's id of the document
 * @param revision    its revision, 1 or more; id and revision together are stored once
 * @param title       one line for lists, may be empty
 * @param author      who wrote it
 * @param approver    who approved it, empty when the kind has no approval
 * @param publisher   who published it
 * @param publishedAt when it was published
 * @param instruments the instruments (symbols) it is about, for search; no duplicates, order kept
 * @param mediaType   how to read the body, for example {@code application/json} or {@code text/plain}
 * @param body        the document itself, at most {@link #MAX_BODY} characters
 * @param sha256      SHA-256 of the body's UTF-8 bytes, 64 lower-case hex digits; null or empty to compute it
 */
public record ArchivedDocument(String kind, String id, int revision, String title, String author, String approver,
		String publisher, Instant publishedAt, List<String> instruments, String mediaType, String body,
		String sha256) {

	/** The kind of published stock commentary. */
	public static final String COMMENTARY = "commentary";
	/** Longest id, author, approver or publisher. */
	public static final int MAX_NAME = 256;
	/** Longest title. */
	public static final int MAX_TITLE = 512;
	/** Longest instrument symbol. */
	public static final int MAX_INSTRUMENT = 64;
	/** Most instruments of one document. */
	public static final int MAX_INSTRUMENTS = 100;
	/** Longest body, in characters. */
	public static final int MAX_BODY = 4_000_000;

	public ArchivedDocument {
		kind = requireText(kind, "document kind", 64);
		if (!kind.matches("[a-z0-9._-]+")) {
			throw new IllegalArgumentException("The document kind '" + kind
					+ "' may only hold lower-case letters, digits, '.', '-' and '_'");
		}
		id = requireText(id, "document id", MAX_NAME);
		if (revision < 1) {
			throw new IllegalArgumentException("A revision is 1 or more, not " + revision);
		}
		title = optionalText(title, "title", MAX_TITLE);
		author = requireText(author, "author", MAX_NAME);
		approver = optionalText(approver, "approver", MAX_NAME);
		publisher = requireText(publisher, "publisher", MAX_NAME);
		Objects.requireNonNull(publishedAt, "The publication time is missing");
		LinkedHashSet<String> symbols = new LinkedHashSet<>();
		for (String s : instruments == null ? List.<String>of() : instruments) {
			symbols.add(requireText(s, "instrument", MAX_INSTRUMENT));
		}
		if (symbols.size() > MAX_INSTRUMENTS) {
			throw new IllegalArgumentException("A document names at most " + MAX_INSTRUMENTS + " instruments");
		}
		instruments = List.copyOf(symbols);
		mediaType = requireText(mediaType, "media type", 128);
		Objects.requireNonNull(body, "The body is missing");
		if (body.length() > MAX_BODY) {
			throw new IllegalArgumentException("The body is longer than " + MAX_BODY + " characters");
		}
		String computed = sha256(body);
		if (sha256 == null || sha256.isEmpty()) {
			sha256 = computed;
		} else if (!computed.equals(sha256)) {
			throw new IllegalArgumentException("The SHA-256 " + sha256 + " is not the body's (" + computed + ")");
		}
	}

	/** @return a document whose hash is computed from {@code body} */
	public static ArchivedDocument of(String kind, String id, int revision, String title, String author,
			String approver, String publisher, Instant publishedAt, List<String> instruments, String mediaType,
			String body) {
		return new ArchivedDocument(kind, id, revision, title, author, approver, publisher, publishedAt, instruments,
				mediaType, body, null);
	}

	/** @return the SHA-256 of the UTF-8 bytes of {@code text}, 64 lower-case hex digits */
	public static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("This Java has no SHA-256", e);
		}
	}

	private static String requireText(String value, String what, int max) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The " + what + " is missing");
		}
		return optionalText(value, what, max);
	}

	private static String optionalText(String value, String what, int max) {
		if (value == null) {
			return "";
		}
		String v = value.strip();
		if (v.length() > max) {
			throw new IllegalArgumentException("The " + what + " is longer than " + max + " characters");
		}
		for (int i = 0; i < v.length(); i++) {
			if (Character.isISOControl(v.charAt(i))) {
				throw new IllegalArgumentException("The " + what + " contains a control character");
			}
		}
		return v;
	}
}
