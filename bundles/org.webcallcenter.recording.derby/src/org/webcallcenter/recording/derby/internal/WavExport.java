package org.webcallcenter.recording.derby.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleConsumer;

import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingEvent;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingException.Reason;
import org.webcallcenter.recording.api.VerifyResult;

/**
 * Exports a recording as a standard RIFF WAVE file (PCM, 16 bit, 8 kHz, stereo: channel 1 the customer, channel 2
 * the agent) and a JSON sidecar with the interaction, the recording's metadata and events, the chain and seal hashes
 * and the verification result at export time. Both files are written under temporary names and moved in place.
 */
final class WavExport {
	private static final int BLOCK = Recording.SAMPLE_RATE;

	private WavExport() {
	}

	static Path export(RecordingStore store, long recordingId, Path wav, DoubleConsumer progress)
			throws RecordingException {
		Recording r = store.recording(recordingId)
				.orElseThrow(() -> new RecordingException(Reason.NOT_FOUND, "There is no recording " + recordingId));
		Path json = sidecar(wav);
		Path wavTmp = wav.resolveSibling(wav.getFileName() + ".part");
		Path jsonTmp = json.resolveSibling(json.getFileName() + ".part");
		long frames = r.lengthSamples();
		if (frames * 4 > 0xFFFFFFFFL - 36) {
			throw new RecordingException(Reason.INVALID, "Recording " + recordingId + " is too long for one WAV file");
		}
		try {
			if (wav.getParent() != null) {
				Files.createDirectories(wav.getParent());
			}
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(wavTmp), 1 << 16)) {
				out.write(header(frames));
				for (long from = 0; from < frames; from += BLOCK) {
					int n = (int) Math.min(BLOCK, frames - from);
					short[] customer = store.read(recordingId, Channel.CUSTOMER, from, n);
					short[] agent = store.read(recordingId, Channel.AGENT, from, n);
					ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
					for (int k = 0; k < n; k++) {
						b.putShort(k < customer.length ? customer[k] : 0);
						b.putShort(k < agent.length ? agent[k] : 0);
					}
					out.write(b.array());
					progress.accept(0.9 * (from + n) / Math.max(1, frames));
				}
			}
			VerifyResult v = store.verify(recordingId);
			Optional<Interaction> interaction = store.find(r.interactionId());
			Files.writeString(jsonTmp, json(r, interaction, store.events(recordingId), v, wav.getFileName().toString()),
					StandardCharsets.UTF_8);
			Files.move(wavTmp, wav, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			Files.move(jsonTmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			progress.accept(1.0);
			return json;
		} catch (IOException e) {
			try {
				Files.deleteIfExists(wavTmp);
				Files.deleteIfExists(jsonTmp);
			} catch (IOException ignored) {
				// best effort
			}
			String text = String.valueOf(e.getMessage());
			throw new RecordingException(text.contains("No space left") ? Reason.DISK_FULL : Reason.INVALID,
					"Recording " + recordingId + " cannot be exported to " + wav + ": " + text, e);
		}
	}

	static Path sidecar(Path wav) {
		String name = wav.getFileName().toString();
		String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".wav") ? name.substring(0, name.length() - 4)
				: name;
		return wav.resolveSibling(base + ".json");
	}

	static byte[] header(long frames) {
		int channels = 2;
		int bits = 16;
		int rate = Recording.SAMPLE_RATE;
		long data = frames * channels * bits / 8;
		ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
		b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + data));
		b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
		b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
				.putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8))
				.putShort((short) bits);
		b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) data);
		return b.array();
	}

	static String json(Recording r, Optional<Interaction> interaction, List<RecordingEvent> events, VerifyResult v,
			String wavName) {
		Json j = new Json();
		j.open();
		j.field("format", "org.webcallcenter.recording/1");
		j.field("audio", wavName);
		j.field("audioFormat", "RIFF WAVE, PCM 16-bit little-endian, 8000 Hz, 2 channels (1: customer, 2: agent)");
		j.key("recording").open();
		j.field("id", r.id());
		j.field("interactionId", r.interactionId());
		j.field("state", r.state().name());
		j.field("startedAt", r.startedAt().toString());
		j.field("endedAt", r.endedAt().map(Object::toString).orElse(null));
		j.field("lengthSamples", r.lengthSamples());
		j.field("lengthMillis", r.lengthMillis());
		j.field("customerSamples", r.customerSamples());
		j.field("agentSamples", r.agentSamples());
		j.field("chunks", r.chunks());
		j.field("chainHash", r.chainHash());
		j.field("sealHash", r.sealHash().orElse(null));
		j.field("legalHold", r.legalHold());
		j.close();
		j.key("verification").open();
		j.field("intact", v.intact());
		j.field("chunksChecked", v.chunksChecked());
		j.key("problems").array();
		for (String p : v.problems()) {
			j.value(p);
		}
		j.endArray();
		j.close();
		j.key("events").array();
		for (RecordingEvent e : events) {
			j.open();
			j.field("at", e.at().toString());
			j.field("kind", e.kind());
			j.field("detail", e.detail());
			j.field("samplePosition", e.samplePosition());
			j.close();
		}
		j.endArray();
		if (interaction.isPresent()) {
			Interaction i = interaction.get();
			j.key("interaction").open();
			j.field("id", i.id());
			j.field("sipCallId", i.sipCallId());
			j.field("direction", i.direction().name());
			j.field("localParty", i.localParty());
			j.field("remoteParty", i.remoteParty());
			j.field("agent", i.agent());
			j.field("branch", i.branch());
			j.field("gateway", i.gateway());
			j.field("startedAt", i.startedAt().toString());
			j.field("answeredAt", i.answeredAt().map(Object::toString).orElse(null));
			j.field("endedAt", i.endedAt().map(Object::toString).orElse(null));
			if (i.endCause().isPresent()) {
				Interaction.EndCause c = i.endCause().get();
				j.key("endCause").open();
				j.field("by", c.by());
				j.field("sipStatus", c.sipStatus().isPresent() ? (Object) c.sipStatus().getAsInt() : null);
				j.field("q850Cause", c.q850Cause().isPresent() ? (Object) c.q850Cause().getAsInt() : null);
				j.field("description", c.description());
				j.close();
			}
			if (i.disposition().isPresent()) {
				j.key("disposition").open();
				j.field("code", i.disposition().get().code());
				j.field("reason", i.disposition().get().reason());
				j.close();
			}
			if (i.quality().isPresent()) {
				Interaction.Quality q = i.quality().get();
				j.key("quality").open();
				j.field("codec", q.codec());
				j.field("mos", q.mos());
				j.field("jitterMs", q.jitterMs());
				j.field("lossPercent", q.lossPercent());
				j.field("roundTripMs", q.roundTripMs().isPresent() ? (Object) q.roundTripMs().getAsDouble() : null);
				j.close();
			}
			j.key("links").array();
			for (Interaction.Link l : i.links()) {
				j.open();
				j.field("kind", l.kind());
				j.field("reference", l.reference());
				j.close();
			}
			j.endArray();
			j.close();
		}
		j.close();
		return j.toString();
	}

	/** A small JSON writer (objects, arrays, strings, numbers, booleans, null), escaping per RFC 8259. */
	static final class Json {
		private final StringBuilder b = new StringBuilder();
		private boolean first = true;

		Json open() {
			comma();
			b.append('{');
			first = true;
			return this;
		}

		void close() {
			b.append('}');
			first = false;
		}

		void array() {
			comma();
			b.append('[');
			first = true;
		}

		void endArray() {
			b.append(']');
			first = false;
		}

		Json key(String name) {
			comma();
			string(name);
			b.append(':');
			first = true;
			return this;
		}

		void field(String name, Object value) {
			key(name);
			value(value);
		}

		void value(Object value) {
			comma();
			if (value == null) {
				b.append("null");
			} else if (value instanceof Number n) {
				double d = n.doubleValue();
				b.append(Double.isFinite(d) ? n.toString() : "null");
			} else if (value instanceof Boolean x) {
				b.append(x);
			} else {
				string(value.toString());
			}
			first = false;
		}

		private void comma() {
			if (!first) {
				b.append(',');
			}
			first = false;
		}

		private void string(String s) {
			b.append('"');
			for (int k = 0; k < s.length(); k++) {
				char c = s.charAt(k);
				switch (c) {
				case '"' -> b.append("\\\"");
				case '\\' -> b.append("\\\\");
				case '\n' -> b.append("\\n");
				case '\r' -> b.append("\\r");
				case '\t' -> b.append("\\t");
				default -> {
					if (c < 0x20) {
						b.append(String.format("\\u%04x", (int) c));
					} else {
						b.append(c);
					}
				}
				}
			}
			b.append('"');
		}

		@Override
		public String toString() {
			return b.toString();
		}
	}
}
