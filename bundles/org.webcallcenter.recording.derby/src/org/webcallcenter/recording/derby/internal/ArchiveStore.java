package org.webcallcenter.recording.derby.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingException.Reason;
import org.webcallcenter.recording.api.archive.ArchiveQuery;
import org.webcallcenter.recording.api.archive.ArchiveReceipt;
import org.webcallcenter.recording.api.archive.ArchivedDocument;
import org.webcallcenter.recording.api.archive.DocumentArchive;

/**
 * The document archive in the recordings database ({@link ArchiveSchema}'s tables): plain JDBC, no OSGi, so that
 * the tests use exactly this code. Thread-safe: every call takes its own connection. Bodies are checked against
 * their SHA-256 when read; a mismatch is reported as {@link Reason#CORRUPT}, never served.
 */
public final class ArchiveStore implements DocumentArchive {
	private static final String DUPLICATE_KEY = "23505";
	private static final String COLUMNS = "D.KIND, D.DOC_ID, D.REVISION, D.TITLE, D.AUTHOR, D.APPROVER, D.PUBLISHER,"
			+ " D.PUBLISHED_AT, D.PUBLISHED_NANOS, D.MEDIA_TYPE, D.BODY, D.BODY_SHA256";
	private static final String INSERT_DOCUMENT = "INSERT INTO ARCHIVE_DOCUMENT (KIND, DOC_ID, REVISION, TITLE,"
			+ " AUTHOR, APPROVER, PUBLISHER, PUBLISHED_AT, PUBLISHED_NANOS, ARCHIVED_AT, MEDIA_TYPE, BODY, BODY_SHA256)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	private static final String INSERT_INSTRUMENT = "INSERT INTO ARCHIVE_INSTRUMENT (KIND, DOC_ID, REVISION, POS,"
			+ " INSTRUMENT, INSTRUMENT_KEY, PUBLISHED_AT) VALUES (?, ?, ?, ?, ?, ?, ?)";
	private static final String SELECT_INSTRUMENTS = "SELECT INSTRUMENT FROM ARCHIVE_INSTRUMENT"
			+ " WHERE KIND = ? AND DOC_ID = ? AND REVISION = ? ORDER BY POS";

	private final Database db;
	private final Clock clock;

	/** Opens the archive in {@code db}, creating its tables when missing. */
	public ArchiveStore(Database db, Clock clock) throws RecordingException {
		this.db = db;
		this.clock = clock;
		ArchiveSchema.ensure(db);
	}

	Database database() {
		return db;
	}

	@Override
	public ArchiveReceipt store(ArchivedDocument d) throws RecordingException {
		String name = d.kind() + " " + d.id() + " revision " + d.revision();
		Instant now = clock.instant();
		db.transaction("archive " + name, c -> {
			try {
				insert(c, d, now);
			} catch (SQLException e) {
				if (duplicate(e)) {
					throw new RecordingException(Reason.INVALID, "The archive holds " + name
							+ " already: archived documents never change (publish a new revision instead)", e);
				}
				throw e;
			}
			return null;
		});
		return new ArchiveReceipt(d.kind(), d.id(), d.revision(), d.sha256(), Instant.ofEpochMilli(now.toEpochMilli()));
	}

	/** The document's row and its instruments' rows. */
	private static void insert(Connection c, ArchivedDocument d, Instant now) throws SQLException {
		try (PreparedStatement p = c.prepareStatement(INSERT_DOCUMENT)) {
			p.setString(1, d.kind());
			p.setString(2, d.id());
			p.setInt(3, d.revision());
			p.setString(4, d.title());
			p.setString(5, d.author());
			p.setString(6, d.approver());
			p.setString(7, d.publisher());
			p.setLong(8, d.publishedAt().toEpochMilli());
			p.setInt(9, d.publishedAt().getNano());
			p.setLong(10, now.toEpochMilli());
			p.setString(11, d.mediaType());
			p.setString(12, d.body());
			p.setString(13, d.sha256());
			p.executeUpdate();
		}
		try (PreparedStatement p = c.prepareStatement(INSERT_INSTRUMENT)) {
			int pos = 0;
			for (String s : d.instruments()) {
				p.setString(1, d.kind());
				p.setString(2, d.id());
				p.setInt(3, d.revision());
				p.setInt(4, pos++);
				p.setString(5, s);
				p.setString(6, key(s));
				p.setLong(7, d.publishedAt().toEpochMilli());
				p.addBatch();
			}
			if (pos > 0) {
				p.executeBatch();
			}
		}
	}

	@Override
	public Optional<ArchivedDocument> find(String kind, String id, int revision) throws RecordingException {
		List<ArchivedDocument> found = query("find " + kind + " " + id + " revision " + revision,
				"SELECT " + COLUMNS + " FROM ARCHIVE_DOCUMENT D WHERE D.KIND = ? AND D.DOC_ID = ? AND D.REVISION = ?",
				List.of(kind, id, revision), 1);
		return found.stream().findFirst();
	}

	@Override
	public List<ArchivedDocument> revisions(String kind, String id) throws RecordingException {
		return query("read the revisions of " + kind + " " + id, "SELECT " + COLUMNS
				+ " FROM ARCHIVE_DOCUMENT D WHERE D.KIND = ? AND D.DOC_ID = ? ORDER BY D.REVISION",
				List.of(kind, id), ArchiveQuery.MAX_LIMIT);
	}

	@Override
	public List<ArchivedDocument> search(ArchiveQuery q) throws RecordingException {
		StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ARCHIVE_DOCUMENT D WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		q.kind().ifPresent(k -> {
			sql.append(" AND D.KIND = ?");
			args.add(k);
		});
		q.author().ifPresent(a -> {
			sql.append(" AND D.AUTHOR = ?");
			args.add(a);
		});
		q.from().ifPresent(f -> {
			sql.append(" AND (D.PUBLISHED_AT > ? OR D.PUBLISHED_AT = ? AND D.PUBLISHED_NANOS >= ?)");
			args.add(f.toEpochMilli());
			args.add(f.toEpochMilli());
			args.add(f.getNano());
		});
		q.to().ifPresent(t -> {
			sql.append(" AND (D.PUBLISHED_AT < ? OR D.PUBLISHED_AT = ? AND D.PUBLISHED_NANOS < ?)");
			args.add(t.toEpochMilli());
			args.add(t.toEpochMilli());
			args.add(t.getNano());
		});
		q.instrument().ifPresent(s -> {
			sql.append(" AND EXISTS (SELECT 1 FROM ARCHIVE_INSTRUMENT I WHERE I.KIND = D.KIND AND I.DOC_ID = D.DOC_ID"
					+ " AND I.REVISION = D.REVISION AND I.INSTRUMENT_KEY = ?)");
			args.add(key(s));
		});
		sql.append(" ORDER BY D.PUBLISHED_AT DESC, D.PUBLISHED_NANOS DESC, D.KIND, D.DOC_ID, D.REVISION DESC");
		return query("search the archive", sql.toString(), args, q.limit());
	}

	private List<ArchivedDocument> query(String doing, String sql, List<?> args, int limit)
			throws RecordingException {
		List<ArchivedDocument> out = new ArrayList<>();
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql);
				PreparedStatement instruments = c.prepareStatement(SELECT_INSTRUMENTS)) {
			for (int i = 0; i < args.size(); i++) {
				Object a = args.get(i);
				if (a instanceof Integer n) {
					p.setInt(i + 1, n);
				} else if (a instanceof Long n) {
					p.setLong(i + 1, n);
				} else {
					p.setString(i + 1, (String) a);
				}
			}
			p.setMaxRows(limit);
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) {
					out.add(read(r, instruments));
				}
			}
		} catch (SQLException e) {
			throw Database.translate(e, doing);
		}
		return out;
	}

	private static ArchivedDocument read(ResultSet r, PreparedStatement instruments)
			throws SQLException, RecordingException {
		String kind = r.getString(1);
		String id = r.getString(2);
		int revision = r.getInt(3);
		long millis = r.getLong(8);
		Instant published = Instant.ofEpochSecond(Math.floorDiv(millis, 1000L), r.getInt(9));
		String body = r.getString(11);
		String sha = r.getString(12);
		List<String> symbols = new ArrayList<>();
		instruments.setString(1, kind);
		instruments.setString(2, id);
		instruments.setInt(3, revision);
		try (ResultSet i = instruments.executeQuery()) {
			while (i.next()) {
				symbols.add(i.getString(1));
			}
		}
		try {
			return new ArchivedDocument(kind, id, revision, r.getString(4), r.getString(5), r.getString(6),
					r.getString(7), published, symbols, r.getString(10), body, sha);
		} catch (IllegalArgumentException e) {
			throw new RecordingException(Reason.CORRUPT, "The archived " + kind + " " + id + " revision " + revision
					+ " is damaged: " + e.getMessage(), e);
		}
	}

	/** The search key of an instrument: symbols compare without regard to case. */
	static String key(String instrument) {
		return instrument.strip().toUpperCase(Locale.ROOT);
	}

	private static boolean duplicate(SQLException e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof SQLException s) {
				if (DUPLICATE_KEY.equals(s.getSQLState())) {
					return true;
				}
				for (SQLException n = s.getNextException(); n != null; n = n.getNextException()) {
					if (DUPLICATE_KEY.equals(n.getSQLState())) {
						return true;
					}
				}
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}
}
