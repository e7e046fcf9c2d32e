package org.webcallcenter.releng.tests;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Just enough of a tar.gz reader for the product archives Tycho writes (ustar with PAX and GNU long-name headers):
 * lists entries with their mode, and extracts them keeping the permission bits. No dependency beyond the JDK.
 */
final class TarArchive {
	enum Type {
		FILE, DIRECTORY, SYMLINK, OTHER
	}

	record Entry(String name, Type type, int mode, long size, String linkTarget) {
	}

	interface Visitor {
		/** Called for each entry; {@code data} holds exactly the entry's bytes (empty for non-files). */
		void visit(Entry entry, InputStream data) throws IOException;
	}

	private TarArchive() {
	}

	static List<Entry> list(Path archive) throws IOException {
		List<Entry> entries = new ArrayList<>();
		read(archive, (entry, data) -> entries.add(entry));
		return entries;
	}

	/** Extracts into {@code into} (which must not exist or be empty), refusing entries that would leave it. */
	static void extract(Path archive, Path into) throws IOException {
		Path base = into.toAbsolutePath().normalize();
		Files.createDirectories(base);
		List<Runnable> dirModes = new ArrayList<>();
		read(archive, (entry, data) -> {
			Path target = base.resolve(entry.name()).normalize();
			if (!target.startsWith(base) || target.equals(base) && entry.type() != Type.DIRECTORY) {
				throw new IOException("Archive entry " + entry.name() + " points outside " + base);
			}
			switch (entry.type()) {
				case DIRECTORY -> {
					Files.createDirectories(target);
					dirModes.add(() -> setMode(target, entry.mode()));
				}
				case FILE -> {
					Files.createDirectories(target.getParent());
					Files.copy(data, target, StandardCopyOption.REPLACE_EXISTING);
					setMode(target, entry.mode());
				}
				case SYMLINK -> {
					Files.createDirectories(target.getParent());
					Files.createSymbolicLink(target, Path.of(entry.linkTarget()));
				}
				case OTHER -> throw new IOException("Unexpected entry type in the archive: " + entry);
			}
		});
		dirModes.forEach(Runnable::run);
	}

	static void read(Path archive, Visitor visitor) throws IOException {
		try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 65536)) {
			byte[] header = new byte[512];
			String longName = null;
			String paxPath = null;
			String paxLink = null;
			while (true) {
				if (!readFully(in, header)) {
					return; // end of stream without the end-of-archive blocks: accept
				}
				if (isZero(header)) {
					return;
				}
				String name = string(header, 0, 100);
				int mode = (int) octal(header, 100, 8);
				long size = octal(header, 124, 12);
				char flag = (char) header[156];
				String link = string(header, 157, 100);
				if ("ustar".equals(string(header, 257, 6).trim())) {
					String prefix = string(header, 345, 155);
					if (!prefix.isEmpty()) {
						name = prefix + "/" + name;
					}
				}
				long padded = (size + 511) / 512 * 512;
				if (flag == 'x' || flag == 'g' || flag == 'L' || flag == 'K') {
					byte[] body = in.readNBytes((int) size);
					skip(in, padded - size);
					if (flag == 'L') {
						longName = new String(body, StandardCharsets.UTF_8).replaceAll("\0+$", "");
					} else if (flag == 'x') {
						for (String[] kv : pax(body)) {
							if (kv[0].equals("path")) {
								paxPath = kv[1];
							} else if (kv[0].equals("linkpath")) {
								paxLink = kv[1];
							} else if (kv[0].equals("size")) {
								throw new IOException("PAX size records are not supported");
							}
						}
					}
					continue;
				}
				if (paxPath != null) {
					name = paxPath;
				} else if (longName != null) {
					name = longName;
				}
				if (paxLink != null) {
					link = paxLink;
				}
				longName = paxPath = paxLink = null;
				if (name.startsWith("./")) {
					name = name.substring(2);
				}
				Type type = switch (flag) {
					case '0', '\0', '7' -> Type.FILE;
					case '5' -> Type.DIRECTORY;
					case '2' -> Type.SYMLINK;
					default -> Type.OTHER;
				};
				if (type == Type.DIRECTORY && name.endsWith("/")) {
					name = name.substring(0, name.length() - 1);
				}
				InputStream data = new BoundedStream(in, type == Type.FILE ? size : 0);
				visitor.visit(new Entry(name, type, mode & 07777, size, link), data);
				long consumed = ((BoundedStream) data).consumed;
				skip(in, padded - consumed);
			}
		}
	}

	private static List<String[]> pax(byte[] body) {
		List<String[]> records = new ArrayList<>();
		int i = 0;
		while (i < body.length) {
			int space = i;
			while (space < body.length && body[space] != ' ') {
				space++;
			}
			if (space >= body.length) {
				break;
			}
			int length = Integer.parseInt(new String(body, i, space - i, StandardCharsets.US_ASCII));
			String record = new String(body, space + 1, length - (space - i) - 2, StandardCharsets.UTF_8);
			int eq = record.indexOf('=');
			records.add(new String[] { record.substring(0, eq), record.substring(eq + 1) });
			i += length;
		}
		return records;
	}

	private static void setMode(Path path, int mode) {
		Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] order = { PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
				PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_READ };
		for (int bit = 0; bit < order.length; bit++) {
			if ((mode & (1 << bit)) != 0) {
				perms.add(order[bit]);
			}
		}
		try {
			Files.setPosixFilePermissions(path, perms);
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static boolean readFully(InputStream in, byte[] block) throws IOException {
		int n = in.readNBytes(block, 0, block.length);
		if (n == 0) {
			return false;
		}
		if (n < block.length) {
			throw new IOException("Truncated tar header");
		}
		return true;
	}

	private static void skip(InputStream in, long n) throws IOException {
		in.skipNBytes(n);
	}

	private static boolean isZero(byte[] block) {
		for (byte b : block) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

	private static String string(byte[] b, int off, int len) {
		int end = off;
		while (end < off + len && b[end] != 0) {
			end++;
		}
		return new String(b, off, end - off, StandardCharsets.UTF_8);
	}

	private static long octal(byte[] b, int off, int len) {
		String s = string(b, off, len).trim();
		return s.isEmpty() ? 0 : Long.parseLong(s, 8);
	}

	/** Lets a visitor read at most one entry's bytes, and remembers how many it read. */
	private static final class BoundedStream extends InputStream {
		private final InputStream in;
		private final long size;
		long consumed;

		BoundedStream(InputStream in, long size) {
			this.in = in;
			this.size = size;
		}

		@Override
		public int read() throws IOException {
			if (consumed >= size) {
				return -1;
			}
			int b = in.read();
			if (b >= 0) {
				consumed++;
			}
			return b;
		}

		@Override
		public int read(byte[] buf, int off, int len) throws IOException {
			if (consumed >= size) {
				return -1;
			}
			int n = in.read(buf, off, (int) Math.min(len, size - consumed));
			if (n > 0) {
				consumed += n;
			}
			return n;
		}

		@Override
		public void close() {
			// the archive stream stays open
		}
	}
}
