package org.webcallcenter.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PCM WAV file read into samples: 8-bit (unsigned) or 16-, 24-, 32-bit (signed) integer PCM, any number of
 * channels, any rate, also WAVE_FORMAT_EXTENSIBLE with a PCM sub-format. Samples are doubles with full scale 1.0.
 * Tolerates a data chunk whose declared size is 0 or larger than the file (a writer that was stopped before it
 * finished the header, as baresip's sndfile module may be): the rest of the file is the data then.
 */
public final class WavFile {
	private static final int PCM = 1;
	private static final int EXTENSIBLE = 0xFFFE;

	private final int sampleRate;
	private final int channels;
	private final int bitsPerSample;
	private final double[][] samples;

	private WavFile(int sampleRate, int channels, int bitsPerSample, double[][] samples) {
		this.sampleRate = sampleRate;
		this.channels = channels;
		this.bitsPerSample = bitsPerSample;
		this.samples = samples;
	}

	/** @throws IOException if the file is unreadable or not a PCM WAV file */
	public static WavFile read(Path file) throws IOException {
		return parse(Files.readAllBytes(file), file.toString());
	}

	/** Parses the bytes of a WAV file; {@code name} only appears in error messages. */
	public static WavFile parse(byte[] bytes, String name) throws IOException {
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.length < 12 || b.getInt(0) != 0x46464952 /* RIFF */ || b.getInt(8) != 0x45564157 /* WAVE */) {
			throw new IOException(name + ": not a RIFF/WAVE file");
		}
		int format = -1;
		int channels = 0;
		int rate = 0;
		int bits = 0;
		int pos = 12;
		while (pos + 8 <= bytes.length) {
			int id = b.getInt(pos);
			long size = Integer.toUnsignedLong(b.getInt(pos + 4));
			int body = pos + 8;
			if (id == 0x20746d66 /* "fmt " */) {
				if (size < 16 || body + 16 > bytes.length) {
					throw new IOException(name + ": fmt chunk too short");
				}
				format = Short.toUnsignedInt(b.getShort(body));
				channels = Short.toUnsignedInt(b.getShort(body + 2));
				rate = b.getInt(body + 4);
				bits = Short.toUnsignedInt(b.getShort(body + 14));
				if (format == EXTENSIBLE && size >= 26 && body + 26 <= bytes.length) {
					format = Short.toUnsignedInt(b.getShort(body + 24));
				}
			} else if (id == 0x61746164 /* "data" */) {
				if (format != PCM) {
					throw new IOException(name + ": format " + format + " is not integer PCM (or fmt comes late)");
				}
				if (channels <= 0 || rate <= 0 || (bits != 8 && bits != 16 && bits != 24 && bits != 32)) {
					throw new IOException(name + ": unsupported " + channels + " channels, " + rate + " Hz, "
							+ bits + " bits");
				}
				long available = bytes.length - body;
				long length = size == 0 || size > available ? available : size;
				return new WavFile(rate, channels, bits, decode(b, body, (int) length, channels, bits));
			}
			pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
		}
		throw new IOException(name + ": no data chunk");
	}

	private static double[][] decode(ByteBuffer b, int offset, int length, int channels, int bits) {
		int bytesPerSample = bits / 8;
		int frames = length / (bytesPerSample * channels);
		double[][] out = new double[channels][frames];
		int p = offset;
		for (int f = 0; f < frames; f++) {
			for (int c = 0; c < channels; c++) {
				out[c][f] = switch (bits) {
				case 8 -> (Byte.toUnsignedInt(b.get(p)) - 128) / 128.0;
				case 16 -> b.getShort(p) / 32768.0;
				case 24 -> ((b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | b.get(p + 2) << 16) / 8388608.0;
				default -> b.getInt(p) / 2147483648.0;
				};
				p += bytesPerSample;
			}
		}
		return out;
	}

	public int sampleRate() {
		return sampleRate;
	}

	public int channels() {
		return channels;
	}

	public int bitsPerSample() {
		return bitsPerSample;
	}

	/** @return samples per channel */
	public int frames() {
		return samples[0].length;
	}

	public double seconds() {
		return (double) frames() / sampleRate;
	}

	/** @return a copy of one channel's samples, full scale 1.0 */
	public double[] channel(int index) {
		return samples[index].clone();
	}

	/** @return the average of all channels per frame */
	public double[] mono() {
		double[] m = new double[frames()];
		for (double[] channel : samples) {
			for (int i = 0; i < m.length; i++) {
				m[i] += channel[i] / channels;
			}
		}
		return m;
	}
}
