package org.webcallcenter.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** WAV files built byte by byte here, read back. */
class WavFileTest {
	@Test
	void reads16BitMono() throws IOException {
		byte[] data = le16(0, 16384, -16384, 32767, -32768);
		WavFile w = WavFile.parse(wav(1, 8000, 1, 16, data, data.length, false), "mono16");
		assertEquals(8000, w.sampleRate());
		assertEquals(1, w.channels());
		assertEquals(16, w.bitsPerSample());
		assertEquals(5, w.frames());
		assertArrayEquals(new double[] { 0, 0.5, -0.5, 32767 / 32768.0, -1 }, w.channel(0), 1e-12);
		assertEquals(5 / 8000.0, w.seconds(), 1e-12);
	}

	@Test
	void reads8BitStereoUnsigned() throws IOException {
		byte[] data = { (byte) 128, (byte) 255, 0, (byte) 192 };
		WavFile w = WavFile.parse(wav(1, 48000, 2, 8, data, data.length, true), "stereo8");
		assertEquals(48000, w.sampleRate());
		assertEquals(2, w.frames());
		assertArrayEquals(new double[] { 0, -1 }, w.channel(0), 1e-12);
		assertArrayEquals(new double[] { 127 / 128.0, 0.5 }, w.channel(1), 1e-12);
		assertArrayEquals(new double[] { 127 / 256.0, -0.25 }, w.mono(), 1e-12);
	}

	@Test
	void reads24Bit() throws IOException {
		byte[] data = { 0, 0, 0x40, 0, 0, (byte) 0xC0 }; // +0.5, -0.5
		WavFile w = WavFile.parse(wav(1, 16000, 1, 24, data, data.length, false), "mono24");
		assertArrayEquals(new double[] { 0.5, -0.5 }, w.channel(0), 1e-12);
	}

	@Test
	void unfinishedDataSizeMeansTheRestOfTheFile() throws IOException {
		byte[] data = le16(100, 200, 300);
		assertEquals(3, WavFile.parse(wav(1, 8000, 1, 16, data, 0, false), "size0").frames());
		assertEquals(3, WavFile.parse(wav(1, 8000, 1, 16, data, 0x7FFFFFF0, false), "too big").frames());
	}

	@Test
	void refusesWhatIsNotPcm() {
		byte[] data = le16(1, 2);
		assertThrows(IOException.class, () -> WavFile.parse(wav(3, 8000, 1, 32, data, 4, false), "float"));
		assertThrows(IOException.class, () -> WavFile.parse("RIFF....WAVEjunk".getBytes(StandardCharsets.US_ASCII),
				"no chunks"));
		assertThrows(IOException.class, () -> WavFile.parse(new byte[4], "short"));
	}

	@Test
	void readsATone() throws IOException {
		double[] tone = Tones.sine(1000, 8000, 0.5, 0.25);
		int[] pcm = new int[tone.length];
		for (int i = 0; i < tone.length; i++) {
			pcm[i] = (int) Math.round(tone[i] * 32767);
		}
		byte[] data = le16(pcm);
		WavFile w = WavFile.parse(wav(1, 8000, 1, 16, data, data.length, false), "tone");
		assertEquals(1000, Tones.dominant(w.mono(), 8000, 440, 1000));
		assertEquals(20 * Math.log10(0.25 / Math.sqrt(2)), Tones.rmsDbfs(w.mono()), 0.01);
	}

	private static byte[] le16(int... samples) {
		ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (int s : samples) {
			b.putShort((short) s);
		}
		return b.array();
	}

	/** RIFF/WAVE with a fmt chunk (and a LIST chunk before it when {@code extraChunk}) and a data chunk. */
	private static byte[] wav(int format, int rate, int channels, int bits, byte[] data, int declaredDataSize,
			boolean extraChunk) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
		b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0).put("WAVE".getBytes(StandardCharsets.US_ASCII));
		if (extraChunk) {
			b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(3).put(new byte[] { 1, 2, 3, 0 });
		}
		b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) format)
				.putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
				.putShort((short) (channels * bits / 8)).putShort((short) bits);
		b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(declaredDataSize);
		out.write(b.array(), 0, b.position());
		out.write(data, 0, data.length);
		return out.toByteArray();
	}
}
