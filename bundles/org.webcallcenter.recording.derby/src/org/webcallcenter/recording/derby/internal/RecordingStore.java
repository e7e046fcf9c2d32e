package org.webcallcenter.recording.derby.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.DoubleConsumer;

import org.webcallcenter.recording.api.Channel;
import org.webcallcenter.recording.api.Interaction;
import org.webcallcenter.recording.api.Recording;
import org.webcallcenter.recording.api.RecordingEvent;
import org.webcallcenter.recording.api.RecordingException;
import org.webcallcenter.recording.api.RecordingException.Reason;
import org.webcallcenter.recording.api.RecordingState;
import org.webcallcenter.recording.api.SearchCriteria;
import org.webcallcenter.recording.api.VerifyResult;

/**
 * Interactions and recordings in the Derby database: plain JDBC, no OSGi, so that the tests and the crash-test
 * process use exactly this code. Thread-safe: every call takes its own connection; an open recording has one
 * writer (its {@link LiveRecording}), which keeps the chain's head in memory ({@link OpenChain}).
 */
public final class RecordingStore {
	/** Audio format of every chunk: 16-bit little-endian linear PCM, 8 kHz, one channel per chunk. */
	static final String FORMAT = "PCM_S16LE_8000";
	/** Most samples a chunk holds: one second. */
	static final int MAX_CHUNK_SAMPLES = Recording.SAMPLE_RATE;

	private static final String DELETE_PARTIES = "DELETE FROM INTERACTION_PARTY WHERE INTERACTION_ID = ?";
	private static final String EXISTS_INTERACTION = "SELECT 1 FROM INTERACTION WHERE ID = ?";
	private static final String FIND_LINK = "SELECT 1 FROM INTERACTION_LINK WHERE INTERACTION_ID = ? AND KIND = ? AND LINK_REF = ?";
	private static final String INSERT_CHUNK = "INSERT INTO RECORDING_CHUNK (RECORDING_ID, SEQ, CHANNEL, "
						+ "START_SAMPLE, SAMPLES, WRITTEN_AT, DATA, HASH) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	private static final String INSERT_EVENT = "INSERT INTO RECORDING_EVENT (RECORDING_ID, EVENT_AT, KIND, "
				+ "DETAIL, SAMPLE_POS) VALUES (?, ?, ?, ?, ?)";
	private static final String INSERT_INTERACTION = "INSERT INTO INTERACTION (ID, SIP_CALL_ID, DIRECTION, "
						+ "LOCAL_PARTY, REMOTE_PARTY, AGENT, BRANCH, GATEWAY, STARTED_AT, ANSWERED_AT, ENDED_AT, "
						+ "DURATION_MS, END_BY, SIP_STATUS, Q850_CAUSE, END_TEXT, DISPOSITION, DISPOSITION_REASON, "
						+ "CODEC, MOS, JITTER_MS, LOSS_PERCENT, RTT_MS) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	private static final String INSERT_LINK = "INSERT INTO INTERACTION_LINK (INTERACTION_ID, KIND, LINK_REF) VALUES (?, ?, ?)";
	private static final String INSERT_PARTY = "INSERT INTO INTERACTION_PARTY (PARTY, STARTED_AT, INTERACTION_ID) VALUES (?, ?, ?)";
	private static final String INSERT_RECORDING = "INSERT INTO RECORDING (INTERACTION_ID, STATE, STARTED_AT, "
						+ "FORMAT, CHUNKS, CUSTOMER_SAMPLES, AGENT_SAMPLES, LENGTH_SAMPLES, CHAIN_HASH, LEGAL_HOLD) "
						+ "VALUES (?, ?, ?, ?, 0, 0, 0, 0, '', FALSE)";
	private static final String SET_GENESIS = "UPDATE RECORDING SET CHAIN_HASH = ? WHERE ID = ?";
	private static final String UPDATE_COUNTS = "UPDATE RECORDING SET CHUNKS = ?, CHAIN_HASH = ?, "
						+ "CUSTOMER_SAMPLES = ?, AGENT_SAMPLES = ?, LENGTH_SAMPLES = ? WHERE ID = ?";
	private static final String UPDATE_INTERACTION = "UPDATE INTERACTION SET SIP_CALL_ID = ?, DIRECTION = ?, "
						+ "LOCAL_PARTY = ?, REMOTE_PARTY = ?, AGENT = ?, BRANCH = ?, GATEWAY = ?, STARTED_AT = ?, "
						+ "ANSWERED_AT = ?, ENDED_AT = ?, DURATION_MS = ?, END_BY = ?, SIP_STATUS = ?, Q850_CAUSE = ?, "
						+ "END_TEXT = ?, DISPOSITION = ?, DISPOSITION_REASON = ?, CODEC = ?, MOS = ?, JITTER_MS = ?, "
						+ "LOSS_PERCENT = ?, RTT_MS = ? WHERE ID = ?";
	/** Statements of the call path, compiled once at start-up so that the first call is not kept waiting. */
	private static final java.util.List<String> HOT = java.util.List.of(DELETE_PARTIES, EXISTS_INTERACTION, FIND_LINK, INSERT_CHUNK, INSERT_EVENT, INSERT_INTERACTION, INSERT_LINK, INSERT_PARTY, INSERT_RECORDING, SET_GENESIS, UPDATE_COUNTS, UPDATE_INTERACTION);

	private final Database db;
	private final Clock clock;
	private volatile Period retention;
	/** Links and seals: HMAC-SHA256 under the workstation's chain key. */
	private final ChunkChain chainCode;

	/** @param chainKey the secret of the chain's HMACs (from secure storage), at least 256 bits */
	public RecordingStore(Database db, Clock clock, Period retention, byte[] chainKey) {
		this.db = db;
		this.clock = clock;
		this.retention = retention;
		this.chainCode = ChunkChain.keyed(chainKey);
	}

	/**
	 * Compiles the statements a call needs (Derby compiles each statement text once per engine, slowly the first
	 * time) so that recording starts within milliseconds of the answer.
	 */
	public void warmUp() throws RecordingException {
		try (Connection c = db.connection()) {
			for (String sql : HOT) {
				c.prepareStatement(sql).close();
			}
		} catch (SQLException e) {
			throw Database.translate(e, "prepare the recorder's statements");
		}
	}

	public Database database() {
		return db;
	}

	public Clock clock() {
		return clock;
	}

	public Period retention() {
		return retention;
	}

	public void retention(Period value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("The retention period must be positive, not " + value);
		}
		retention = value;
	}

	// ---- interactions ----

	private static final String INTERACTION_COLUMNS = "I.ID, I.SIP_CALL_ID, I.DIRECTION, I.LOCAL_PARTY, "
			+ "I.REMOTE_PARTY, I.AGENT, I.BRANCH, I.GATEWAY, I.STARTED_AT, I.ANSWERED_AT, I.ENDED_AT, I.END_BY, "
			+ "I.SIP_STATUS, I.Q850_CAUSE, I.END_TEXT, I.DISPOSITION, I.DISPOSITION_REASON, I.CODEC, I.MOS, "
			+ "I.JITTER_MS, I.LOSS_PERCENT, I.RTT_MS";

	public void create(Interaction i) throws RecordingException {
		db.transaction("store the interaction " + i.id(), c -> {
			if (exists(c, i.id())) {
				throw new RecordingException(Reason.INVALID, "The interaction " + i.id() + " exists already");
			}
			try (PreparedStatement p = c.prepareStatement(INSERT_INTERACTION)) {
				p.setString(1, i.id());
				bindInteraction(p, 2, i);
				p.executeUpdate();
			}
			writeParties(c, i);
			for (Interaction.Link l : i.links()) {
				link(c, i.id(), l);
			}
			return null;
		});
	}

	public void update(Interaction i) throws RecordingException {
		db.transaction("update the interaction " + i.id(), c -> {
			try (PreparedStatement p = c.prepareStatement(UPDATE_INTERACTION)) {
				bindInteraction(p, 1, i);
				p.setString(23, i.id());
				if (p.executeUpdate() == 0) {
					throw new RecordingException(Reason.NOT_FOUND, "There is no interaction " + i.id());
				}
			}
			try (PreparedStatement p = c.prepareStatement(DELETE_PARTIES)) {
				p.setString(1, i.id());
				p.executeUpdate();
			}
			writeParties(c, i);
			for (Interaction.Link l : i.links()) {
				link(c, i.id(), l);
			}
			return null;
		});
	}

	public void attach(String interactionId, Interaction.Link link) throws RecordingException {
		try (Connection c = db.connection()) {
			if (!exists(c, interactionId)) {
				throw new RecordingException(Reason.NOT_FOUND, "There is no interaction " + interactionId);
			}
			link(c, interactionId, link);
		} catch (SQLException e) {
			throw Database.translate(e, "link the interaction " + interactionId);
		}
	}

	public Optional<Interaction> find(String interactionId) throws RecordingException {
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
				"SELECT " + INTERACTION_COLUMNS + " FROM INTERACTION I WHERE I.ID = ?")) {
			p.setString(1, interactionId);
			List<Interaction> found = readInteractions(c, p);
			return found.stream().findFirst();
		} catch (SQLException e) {
			throw Database.translate(e, "read the interaction " + interactionId);
		}
	}

	public List<Interaction> search(SearchCriteria s) throws RecordingException {
		StringBuilder sql = new StringBuilder("SELECT ").append(INTERACTION_COLUMNS);
		List<Object> args = new ArrayList<>();
		if (s.party().isPresent()) {
			// the party table's key (party, start) serves "this number in this period" without scanning
			sql.append(" FROM INTERACTION_PARTY P JOIN INTERACTION I ON I.ID = P.INTERACTION_ID WHERE P.PARTY = ?");
			args.add(s.party().get());
			s.from().ifPresent(f -> {
				sql.append(" AND P.STARTED_AT >= ?");
				args.add(f.toEpochMilli());
			});
			s.to().ifPresent(t -> {
				sql.append(" AND P.STARTED_AT < ?");
				args.add(t.toEpochMilli());
			});
		} else {
			sql.append(" FROM INTERACTION I WHERE 1 = 1");
			s.from().ifPresent(f -> {
				sql.append(" AND I.STARTED_AT >= ?");
				args.add(f.toEpochMilli());
			});
			s.to().ifPresent(t -> {
				sql.append(" AND I.STARTED_AT < ?");
				args.add(t.toEpochMilli());
			});
		}
		s.agent().ifPresent(a -> {
			sql.append(" AND I.AGENT = ?");
			args.add(a);
		});
		s.direction().ifPresent(d -> {
			sql.append(" AND I.DIRECTION = ?");
			args.add(d.name());
		});
		s.minDuration().ifPresent(d -> {
			sql.append(" AND I.DURATION_MS >= ?");
			args.add(d.toMillis());
		});
		s.maxDuration().ifPresent(d -> {
			sql.append(" AND I.DURATION_MS <= ?");
			args.add(d.toMillis());
		});
		s.disposition().ifPresent(d -> {
			sql.append(" AND I.DISPOSITION = ?");
			args.add(d);
		});
		sql.append(" ORDER BY I.STARTED_AT DESC, I.ID FETCH FIRST ").append(s.limit()).append(" ROWS ONLY");
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
			for (int k = 0; k < args.size(); k++) {
				Object a = args.get(k);
				if (a instanceof Long l) {
					p.setLong(k + 1, l);
				} else {
					p.setString(k + 1, (String) a);
				}
			}
			return readInteractions(c, p);
		} catch (SQLException e) {
			throw Database.translate(e, "search the interactions");
		}
	}

	private static boolean exists(Connection c, String id) throws SQLException {
		try (PreparedStatement p = c.prepareStatement(EXISTS_INTERACTION)) {
			p.setString(1, id);
			try (ResultSet r = p.executeQuery()) {
				return r.next();
			}
		}
	}

	private static void bindInteraction(PreparedStatement p, int first, Interaction i) throws SQLException {
		int k = first;
		p.setString(k++, i.sipCallId());
		p.setString(k++, i.direction().name());
		p.setString(k++, i.localParty());
		p.setString(k++, i.remoteParty());
		p.setString(k++, i.agent());
		p.setString(k++, i.branch());
		p.setString(k++, i.gateway());
		p.setLong(k++, i.startedAt().toEpochMilli());
		setLong(p, k++, i.answeredAt().map(Instant::toEpochMilli));
		setLong(p, k++, i.endedAt().map(Instant::toEpochMilli));
		setLong(p, k++, i.endedAt().map(e -> e.toEpochMilli() - i.startedAt().toEpochMilli()));
		Optional<Interaction.EndCause> end = i.endCause();
		p.setString(k++, end.map(Interaction.EndCause::by).orElse(null));
		setInt(p, k++, end.map(Interaction.EndCause::sipStatus).orElse(OptionalInt.empty()));
		setInt(p, k++, end.map(Interaction.EndCause::q850Cause).orElse(OptionalInt.empty()));
		p.setString(k++, end.map(Interaction.EndCause::description).orElse(null));
		p.setString(k++, i.disposition().map(Interaction.Disposition::code).orElse(null));
		p.setString(k++, i.disposition().map(Interaction.Disposition::reason).orElse(null));
		Optional<Interaction.Quality> q = i.quality();
		p.setString(k++, q.map(Interaction.Quality::codec).orElse(null));
		setDouble(p, k++, q.map(x -> OptionalDouble.of(x.mos())).orElse(OptionalDouble.empty()));
		setDouble(p, k++, q.map(x -> OptionalDouble.of(x.jitterMs())).orElse(OptionalDouble.empty()));
		setDouble(p, k++, q.map(x -> OptionalDouble.of(x.lossPercent())).orElse(OptionalDouble.empty()));
		setDouble(p, k, q.map(Interaction.Quality::roundTripMs).orElse(OptionalDouble.empty()));
	}

	private static void writeParties(Connection c, Interaction i) throws SQLException {
		Set<String> parties = new LinkedHashSet<>();
		if (!i.localParty().isEmpty()) {
			parties.add(i.localParty());
		}
		if (!i.remoteParty().isEmpty()) {
			parties.add(i.remoteParty());
		}
		try (PreparedStatement p = c.prepareStatement(INSERT_PARTY)) {
			for (String party : parties) {
				p.setString(1, party);
				p.setLong(2, i.startedAt().toEpochMilli());
				p.setString(3, i.id());
				p.executeUpdate();
			}
		}
	}

	private static void link(Connection c, String id, Interaction.Link l) throws SQLException {
		try (PreparedStatement p = c.prepareStatement(FIND_LINK)) {
			p.setString(1, id);
			p.setString(2, l.kind());
			p.setString(3, l.reference());
			try (ResultSet r = p.executeQuery()) {
				if (r.next()) {
					return;
				}
			}
		}
		try (PreparedStatement p = c.prepareStatement(INSERT_LINK)) {
			p.setString(1, id);
			p.setString(2, l.kind());
			p.setString(3, l.reference());
			p.executeUpdate();
		}
	}

	private static List<Interaction> readInteractions(Connection c, PreparedStatement p) throws SQLException {
		List<Object[]> rows = new ArrayList<>();
		try (ResultSet r = p.executeQuery()) {
			while (r.next()) {
				Object[] row = new Object[22];
				for (int k = 0; k < row.length; k++) {
					row[k] = r.getObject(k + 1);
				}
				rows.add(row);
			}
		}
		Map<String, List<Interaction.Link>> links = new HashMap<>();
		for (int from = 0; from < rows.size(); from += 100) {
			List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + 100));
			String marks = String.join(", ", java.util.Collections.nCopies(batch.size(), "?"));
			try (PreparedStatement q = c.prepareStatement("SELECT INTERACTION_ID, KIND, LINK_REF FROM INTERACTION_LINK "
					+ "WHERE INTERACTION_ID IN (" + marks + ") ORDER BY INTERACTION_ID, KIND, LINK_REF")) {
				for (int k = 0; k < batch.size(); k++) {
					q.setString(k + 1, (String) batch.get(k)[0]);
				}
				try (ResultSet r = q.executeQuery()) {
					while (r.next()) {
						links.computeIfAbsent(r.getString(1), x -> new ArrayList<>())
								.add(new Interaction.Link(r.getString(2), r.getString(3)));
					}
				}
			}
		}
		List<Interaction> result = new ArrayList<>(rows.size());
		for (Object[] row : rows) {
			Optional<Interaction.EndCause> end = row[11] == null ? Optional.empty()
					: Optional.of(new Interaction.EndCause((String) row[11], optInt(row[12]), optInt(row[13]),
							(String) row[14]));
			Optional<Interaction.Disposition> disposition = row[15] == null ? Optional.empty()
					: Optional.of(new Interaction.Disposition((String) row[15], (String) row[16]));
			Optional<Interaction.Quality> quality = row[17] == null ? Optional.empty()
					: Optional.of(new Interaction.Quality((String) row[17], num(row[18]), num(row[19]), num(row[20]),
							row[21] == null ? OptionalDouble.empty() : OptionalDouble.of(num(row[21]))));
			result.add(new Interaction((String) row[0], (String) row[1],
					Interaction.Direction.valueOf((String) row[2]), (String) row[3], (String) row[4],
					(String) row[5], (String) row[6], (String) row[7], Instant.ofEpochMilli((Long) row[8]),
					optInstant(row[9]), optInstant(row[10]), end, disposition, quality,
					links.getOrDefault((String) row[0], List.of())));
		}
		return result;
	}

	// ---- recordings: writing ----

	/** The writer's view of an open recording: the chain's head and the counters, kept in memory. */
	static final class OpenChain {
		final long id;
		final String interactionId;
		final long startedAt;
		int seq;
		byte[] head;
		long customerSamples;
		long agentSamples;
		long lengthSamples;

		OpenChain(long id, String interactionId, long startedAt, byte[] head) {
			this.id = id;
			this.interactionId = interactionId;
			this.startedAt = startedAt;
			this.head = head;
		}
	}

	/** One chunk to store: a stretch of one channel starting at a sample of the recording's timeline. */
	record Chunk(Channel channel, long startSample, short[] pcm) {
	}

	/** Creates a recording of an interaction, in state RECORDING, with the chain's genesis as its head. */
	public OpenChain startRecording(String interactionId) throws RecordingException {
		long now = clock.millis();
		return db.transaction("start a recording of " + interactionId, c -> {
			if (!exists(c, interactionId)) {
				throw new RecordingException(Reason.NOT_FOUND, "There is no interaction " + interactionId);
			}
			long id;
			try (PreparedStatement p = c.prepareStatement(INSERT_RECORDING, Statement.RETURN_GENERATED_KEYS)) {
				p.setString(1, interactionId);
				p.setString(2, RecordingState.RECORDING.name());
				p.setLong(3, now);
				p.setString(4, FORMAT);
				p.executeUpdate();
				try (ResultSet keys = p.getGeneratedKeys()) {
					keys.next();
					id = keys.getLong(1);
				}
			}
			byte[] genesis = chainCode.genesis(id, interactionId, now);
			try (PreparedStatement p = c.prepareStatement(SET_GENESIS)) {
				p.setString(1, ChunkChain.hex(genesis));
				p.setLong(2, id);
				p.executeUpdate();
			}
			event(c, id, now, "STARTED", "Recording started", 0);
			return new OpenChain(id, interactionId, now, genesis);
		});
	}

	/** One recording's share of a write round: its chunks and the timeline's length when they were taken. */
	record Batch(OpenChain chain, List<Chunk> chunks, long lengthSamples) {
	}

	/** Serialises chunk writing: one writer connection, rounds and single flushes never interleave. */
	final Object writing = new Object();
	/** The writer's connection (auto-commit off) and statements, kept between rounds; dropped after any error. */
	private Connection writer;
	private PreparedStatement insertChunk;
	private PreparedStatement updateCounts;
	/** After the database went down or read-only: the error, and until when rounds fail with it at once. */
	private SQLException resting;
	private long restingUntil;
	private static final long RETRY_NANOS = 2_000_000_000L;

	/**
	 * Stores chunks of one open recording in one transaction (see {@link #appendAll}).
	 *
	 * @param lengthSamples the timeline's length now (pauses included)
	 */
	public void append(OpenChain chain, List<Chunk> chunks, long lengthSamples) throws RecordingException {
		RecordingException failed = appendAll(List.of(new Batch(chain, chunks, lengthSamples))).get(0);
		if (failed != null) {
			throw failed;
		}
	}

	/**
	 * Stores the chunks of several open recordings in ONE transaction on the writer's own connection (one commit and
	 * one log flush per round for every live recording, not one per recording): each chunk gets the next sequence
	 * number of its recording and its link of the chain, each recording's row its new head and counters. Nothing
	 * changes in memory unless the commit succeeds. When the round fails for a reason of one recording (a constraint),
	 * each recording is retried in a transaction of its own, so that one recording's trouble costs no other its
	 * audio; when the database itself fails (full disk, locked, damaged, shut down) every batch gets that error.
	 *
	 * @return for each batch, in order: null when it was stored, else why not
	 */
	List<RecordingException> appendAll(List<Batch> batches) {
		synchronized (writing) {
			List<RecordingException> result = new ArrayList<>(java.util.Collections.nCopies(batches.size(), null));
			if (batches.isEmpty()) {
				return result;
			}
			SQLException rest = resting;
			if (rest != null && System.nanoTime() - restingUntil < 0) {
				for (int k = 0; k < batches.size(); k++) {
					result.set(k, Database.translate(rest, "store audio of recording " + batches.get(k).chain().id));
				}
				return result;
			}
			resting = null;
			long now = clock.millis();
			List<OpenChain> next = new ArrayList<>(batches.size());
			boolean kept = writer != null;
			try {
				Connection c = writer();
				try {
					for (Batch b : batches) {
						next.add(write(b, now));
					}
					c.commit();
				} catch (SQLException | RuntimeException e) {
					rollbackQuietly(c);
					throw e;
				}
			} catch (SQLException e) {
				closeWriter();
				String state = e.getSQLState();
				if (kept && state != null && state.startsWith("08")) {
					// the kept connection went down with the database (shut down and booted again since): once more
					// on a new connection, which also tells the real state of the database
					return appendAll(batches);
				}
				if (batches.size() > 1 && state != null && state.startsWith("23")) {
					for (int k = 0; k < batches.size(); k++) {
						result.set(k, appendAll(List.of(batches.get(k))).get(0));
					}
					return result;
				}
				for (int k = 0; k < batches.size(); k++) {
					result.set(k, Database.translate(e, "store audio of recording " + batches.get(k).chain().id));
				}
				Reason why = result.get(0).reason();
				if (why == Reason.DISK_FULL || why == Reason.CORRUPT || "XJ001".equals(state)
						|| "25502".equals(state) || state != null && state.startsWith("08")) {
					// Derby took the database down or made it read-only (a log or page write failed): it is booted
					// afresh, so that recording goes on by itself once space is freed; not more often than every
					// RETRY_NANOS, the rounds in between fail at once with the same error
					db.restart();
					resting = e;
					restingUntil = System.nanoTime() + RETRY_NANOS;
				}
				return result;
			} catch (RuntimeException e) {
				closeWriter();
				for (int k = 0; k < batches.size(); k++) {
					result.set(k, new RecordingException(Reason.STORAGE_UNAVAILABLE, "Cannot store audio of recording "
							+ batches.get(k).chain().id + ": " + e, e));
				}
				return result;
			}
			for (int k = 0; k < batches.size(); k++) {
				OpenChain chain = batches.get(k).chain();
				OpenChain n = next.get(k);
				chain.seq = n.seq;
				chain.head = n.head;
				chain.customerSamples = n.customerSamples;
				chain.agentSamples = n.agentSamples;
				chain.lengthSamples = n.lengthSamples;
			}
			return result;
		}
	}

	/** Writes one batch in the round's transaction; returns the chain as it is once that commits. */
	private OpenChain write(Batch b, long now) throws SQLException {
		OpenChain chain = b.chain();
		// the chain advances in a copy; memory changes only once the transaction committed
		OpenChain next = new OpenChain(chain.id, chain.interactionId, chain.startedAt, chain.head);
		next.seq = chain.seq;
		next.customerSamples = chain.customerSamples;
		next.agentSamples = chain.agentSamples;
		next.lengthSamples = Math.max(chain.lengthSamples, b.lengthSamples());
		PreparedStatement p = insertChunk;
		for (Chunk k : b.chunks()) {
			for (int off = 0; off < k.pcm().length; off += MAX_CHUNK_SAMPLES) {
				int n = Math.min(MAX_CHUNK_SAMPLES, k.pcm().length - off);
				byte[] data = toBytes(k.pcm(), off, n);
				long start = k.startSample() + off;
				next.head = chainCode.next(next.head, chain.id, next.seq, k.channel().ordinal(), start, n, data);
				p.setLong(1, chain.id);
				p.setInt(2, next.seq);
				p.setShort(3, (short) k.channel().ordinal());
				p.setLong(4, start);
				p.setInt(5, n);
				p.setLong(6, now);
				p.setBytes(7, data);
				p.setString(8, ChunkChain.hex(next.head));
				p.executeUpdate();
				next.seq++;
				if (k.channel() == Channel.CUSTOMER) {
					next.customerSamples += n;
				} else {
					next.agentSamples += n;
				}
				next.lengthSamples = Math.max(next.lengthSamples, start + n);
			}
		}
		PreparedStatement u = updateCounts;
		u.setInt(1, next.seq);
		u.setString(2, ChunkChain.hex(next.head));
		u.setLong(3, next.customerSamples);
		u.setLong(4, next.agentSamples);
		u.setLong(5, next.lengthSamples);
		u.setLong(6, chain.id);
		u.executeUpdate();
		return next;
	}

	/** The writer's connection, opened (with its two statements prepared) when there is none. */
	private Connection writer() throws SQLException {
		if (writer == null) {
			Connection c = db.connection();
			try {
				c.setAutoCommit(false);
				insertChunk = c.prepareStatement(INSERT_CHUNK);
				updateCounts = c.prepareStatement(UPDATE_COUNTS);
			} catch (SQLException | RuntimeException e) {
				try {
					c.close();
				} catch (SQLException ignored) {
					// it failed already
				}
				throw e;
			}
			writer = c;
		}
		return writer;
	}

	private void closeWriter() {
		Connection c = writer;
		writer = null;
		insertChunk = null;
		updateCounts = null;
		if (c != null) {
			try {
				rollbackQuietly(c);
				c.close();
			} catch (SQLException ignored) {
				// the database went away under it (full disk, shut down): a new connection is made next round
			}
		}
	}

	private static void rollbackQuietly(Connection c) {
		try {
			c.rollback();
		} catch (SQLException ignored) {
			// the connection is gone with the database: nothing was committed
		}
	}

	/**
	 * Closes the writer's connection (the database is about to be shut down, or the recorder stops); a later write
	 * opens a new one.
	 */
	public void closeWriterConnection() {
		synchronized (writing) {
			closeWriter();
		}
	}

	/** Records a state change (paused, resumed) with its reason. */
	public void state(long recordingId, RecordingState state, String kind, String detail, long position)
			throws RecordingException {
		db.transaction("log " + kind + " of recording " + recordingId, c -> {
			try (PreparedStatement p = c.prepareStatement("UPDATE RECORDING SET STATE = ? WHERE ID = ?")) {
				p.setString(1, state.name());
				p.setLong(2, recordingId);
				p.executeUpdate();
			}
			event(c, recordingId, clock.millis(), kind, detail, position);
			return null;
		});
	}

	/** Logs an event without changing the state (a write error, the notice played). */
	public void event(long recordingId, String kind, String detail, long position) throws RecordingException {
		try (Connection c = db.connection()) {
			event(c, recordingId, clock.millis(), kind, detail, position);
		} catch (SQLException e) {
			throw Database.translate(e, "log " + kind + " of recording " + recordingId);
		}
	}

	/** Finishes an open recording: its final length and state, and the seal over the chain and the metadata. */
	public void finish(long recordingId, RecordingState state, long lengthSamples, String detail)
			throws RecordingException {
		if (state.isOpen()) {
			throw new IllegalArgumentException("A finished recording is COMPLETE or INCOMPLETE, not " + state);
		}
		long now = clock.millis();
		db.transaction("finish recording " + recordingId, c -> {
			Recording r = readRecording(c, recordingId);
			if (!r.state().isOpen()) {
				throw new RecordingException(Reason.INVALID, "Recording " + recordingId + " is finished already");
			}
			long length = Math.max(r.lengthSamples(), lengthSamples);
			byte[] seal = chainCode.seal(ChunkChain.unhex(r.chainHash()), recordingId, r.interactionId(),
					r.startedAt().toEpochMilli(), now, state.name(), r.chunks(), r.customerSamples(),
					r.agentSamples(), length);
			try (PreparedStatement p = c.prepareStatement("UPDATE RECORDING SET STATE = ?, ENDED_AT = ?, "
					+ "LENGTH_SAMPLES = ?, SEAL_HASH = ? WHERE ID = ?")) {
				p.setString(1, state.name());
				p.setLong(2, now);
				p.setLong(3, length);
				p.setString(4, ChunkChain.hex(seal));
				p.setLong(5, recordingId);
				p.executeUpdate();
			}
			event(c, recordingId, now, state == RecordingState.COMPLETE ? "FINISHED" : "INCOMPLETE", detail,
					length);
			return null;
		});
	}

	/**
	 * Marks every recording left open (the workstation stopped while writing) INCOMPLETE and seals what it holds;
	 * run once at start-up, before new recordings begin.
	 *
	 * @return the ids of the recordings marked
	 */
	public List<Long> recoverOpenRecordings() throws RecordingException {
		List<Long> open = new ArrayList<>();
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
				"SELECT ID FROM RECORDING WHERE STATE IN ('RECORDING', 'PAUSED') ORDER BY ID")) {
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) {
					open.add(r.getLong(1));
				}
			}
		} catch (SQLException e) {
			throw Database.translate(e, "look for recordings left open");
		}
		for (long id : open) {
			finish(id, RecordingState.INCOMPLETE, 0,
					"The workstation stopped while this was being recorded; what was stored is kept");
		}
		return open;
	}

	private static void event(Connection c, long recordingId, long at, String kind, String detail, long position)
			throws SQLException {
		try (PreparedStatement p = c.prepareStatement(INSERT_EVENT)) {
			p.setLong(1, recordingId);
			p.setLong(2, at);
			p.setString(3, kind);
			p.setString(4, detail.length() > 1024 ? detail.substring(0, 1024) : detail);
			p.setLong(5, position);
			p.executeUpdate();
		}
	}

	// ---- recordings: reading ----

	private static final String RECORDING_COLUMNS = "ID, INTERACTION_ID, STATE, STARTED_AT, ENDED_AT, "
			+ "CUSTOMER_SAMPLES, AGENT_SAMPLES, LENGTH_SAMPLES, CHUNKS, CHAIN_HASH, SEAL_HASH, LEGAL_HOLD";

	public Optional<Recording> recording(long id) throws RecordingException {
		try (Connection c = db.connection()) {
			return Optional.of(readRecording(c, id));
		} catch (RecordingException e) {
			if (e.reason() == Reason.NOT_FOUND) {
				return Optional.empty();
			}
			throw e;
		} catch (SQLException e) {
			throw Database.translate(e, "read recording " + id);
		}
	}

	public List<Recording> recordings(String interactionId) throws RecordingException {
		return recordingsWhere("INTERACTION_ID = ?", interactionId);
	}

	/** @return every recording, in id order */
	public List<Recording> allRecordings() throws RecordingException {
		return recordingsWhere("1 = 1", null);
	}

	private List<Recording> recordingsWhere(String where, String arg) throws RecordingException {
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
				"SELECT " + RECORDING_COLUMNS + " FROM RECORDING WHERE " + where + " ORDER BY ID")) {
			if (arg != null) {
				p.setString(1, arg);
			}
			List<Recording> result = new ArrayList<>();
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) {
					result.add(recording(r));
				}
			}
			return result;
		} catch (SQLException e) {
			throw Database.translate(e, "list recordings");
		}
	}

	private static Recording readRecording(Connection c, long id) throws SQLException, RecordingException {
		try (PreparedStatement p = c.prepareStatement("SELECT " + RECORDING_COLUMNS + " FROM RECORDING WHERE ID = ?")) {
			p.setLong(1, id);
			try (ResultSet r = p.executeQuery()) {
				if (!r.next()) {
					throw new RecordingException(Reason.NOT_FOUND, "There is no recording " + id);
				}
				return recording(r);
			}
		}
	}

	private static Recording recording(ResultSet r) throws SQLException {
		long ended = r.getLong(5);
		Optional<Instant> endedAt = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
		String seal = r.getString(11);
		return new Recording(r.getLong(1), r.getString(2), RecordingState.valueOf(r.getString(3)),
				Instant.ofEpochMilli(r.getLong(4)), endedAt, r.getLong(6), r.getLong(7), r.getLong(8), r.getInt(9),
				r.getString(10).strip(), Optional.ofNullable(seal).map(String::strip), r.getBoolean(12));
	}

	public List<RecordingEvent> events(long recordingId) throws RecordingException {
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT EVENT_AT, KIND, DETAIL, "
				+ "SAMPLE_POS FROM RECORDING_EVENT WHERE RECORDING_ID = ? ORDER BY EVENT_AT")) {
			p.setLong(1, recordingId);
			List<RecordingEvent> result = new ArrayList<>();
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) {
					result.add(new RecordingEvent(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
							r.getLong(4)));
				}
			}
			return result;
		} catch (SQLException e) {
			throw Database.translate(e, "read the events of recording " + recordingId);
		}
	}

	/** Reads one channel from {@code from}; gaps read as zeros; fewer samples at the end of the timeline. */
	public short[] read(long recordingId, Channel channel, long from, int count) throws RecordingException {
		if (from < 0 || count < 0) {
			throw new IllegalArgumentException("Cannot read " + count + " samples from " + from);
		}
		try (Connection c = db.connection()) {
			Recording rec = readRecording(c, recordingId);
			long end = Math.min(rec.lengthSamples(), from + count);
			if (end <= from) {
				return new short[0];
			}
			short[] out = new short[(int) (end - from)];
			try (PreparedStatement p = c.prepareStatement("SELECT START_SAMPLE, SAMPLES, DATA FROM RECORDING_CHUNK "
					+ "WHERE RECORDING_ID = ? AND CHANNEL = ? AND START_SAMPLE < ? AND START_SAMPLE >= ? "
					+ "ORDER BY SEQ")) {
				p.setLong(1, recordingId);
				p.setShort(2, (short) channel.ordinal());
				p.setLong(3, end);
				p.setLong(4, from - MAX_CHUNK_SAMPLES);
				try (ResultSet r = p.executeQuery()) {
					while (r.next()) {
						long start = r.getLong(1);
						int n = r.getInt(2);
						byte[] data = r.getBytes(3);
						short[] pcm = toShorts(data, Math.min(n, data.length / 2));
						for (int k = 0; k < pcm.length; k++) {
							long at = start + k;
							if (at >= from && at < end) {
								out[(int) (at - from)] = pcm[k];
							}
						}
					}
				}
			}
			return out;
		} catch (SQLException e) {
			throw Database.translate(e, "read recording " + recordingId);
		}
	}

	// ---- integrity ----

	public VerifyResult verify(long recordingId) throws RecordingException {
		VerifyResult v;
		try {
			v = verifyOnce(recordingId);
		} catch (RecordingException e) {
			if (!Database.wentDown(e)) {
				throw e;
			}
			v = verifyOnce(recordingId); // booted afresh by verifyOnce
		}
		if (v.problems().stream().anyMatch(p -> p.startsWith(DOWN))) {
			// Derby took the database down under the read; booted afresh, the recording is read once more: a page
			// that takes it down again is damaged
			v = verifyOnce(recordingId);
			List<String> problems = v.problems().stream().map(p -> p.startsWith(DOWN) ? "chunk "
					+ p.substring(DOWN.length()) + " and the chunks after it cannot be read: reading them takes the"
					+ " database down each time (a damaged database page; derby.log beside the database names it);"
					+ " restore the database from a backup" : p).toList();
			v = new VerifyResult(v.recordingId(), v.interactionId(), v.chunksChecked(), problems);
		}
		return v;
	}

	/** The start of a problem saying that the database went down under the read of a chunk (its number follows). */
	private static final String DOWN = "the database went down while reading chunk ";

	private VerifyResult verifyOnce(long recordingId) throws RecordingException {
		List<String> problems = new ArrayList<>();
		boolean[] damaged = { false };
		Connection c;
		try {
			c = db.connection();
		} catch (SQLException e) {
			throw Database.translate(e, "verify recording " + recordingId);
		}
		try {
			Recording r = readRecording(c, recordingId);
			int checked = check(c, r, chainCode, problems, damaged);
			if (!problems.isEmpty() && !damaged[0] && unkeyedIntact(c, r)) {
				problems = List.of("its chain and seal are plain SHA-256 without the workstation's key: recorded by a"
						+ " development build before keyed seals, or rewritten by someone who does not have the key;"
						+ " its integrity cannot be vouched for");
			}
			return new VerifyResult(recordingId, r.interactionId(), checked, problems);
		} catch (SQLException e) {
			RecordingException t = Database.translate(e, "verify recording " + recordingId);
			damaged[0] |= t.reason() == Reason.CORRUPT || Database.wentDown(t);
			throw t;
		} finally {
			try {
				c.close();
			} catch (SQLException ignored) {
				// the connection went down with a damaged page: its work is over anyway
			}
			if (damaged[0]) {
				// Derby shut the database down on the damaged page: boot it afresh for the next recording
				db.restart();
			}
		}
	}

	/** @return whether the recording holds under the unkeyed chain of version 1 */
	private boolean unkeyedIntact(Connection c, Recording r) throws SQLException {
		List<String> problems = new ArrayList<>();
		check(c, r, ChunkChain.UNKEYED, problems, new boolean[1]);
		return problems.isEmpty();
	}

	/**
	 * Recomputes the chain and the seal of a recording with {@code code}, adding every break to {@code problems}.
	 *
	 * @return the chunks checked
	 */
	private int check(Connection c, Recording r, ChunkChain code, List<String> problems, boolean[] damaged)
			throws SQLException {
		long recordingId = r.id();
		int checked = 0;
		byte[] head = code.genesis(r.id(), r.interactionId(), r.startedAt().toEpochMilli());
		long customer = 0;
		long agent = 0;
		int expected = 0;
		try (PreparedStatement p = c.prepareStatement("SELECT SEQ, CHANNEL, START_SAMPLE, SAMPLES, DATA, HASH "
				+ "FROM RECORDING_CHUNK WHERE RECORDING_ID = ? ORDER BY SEQ")) {
			p.setLong(1, recordingId);
			try (ResultSet rs = p.executeQuery()) {
				while (rs.next()) {
					int seq = rs.getInt(1);
					int channel = rs.getShort(2);
					long start = rs.getLong(3);
					int samples = rs.getInt(4);
					byte[] data = rs.getBytes(5);
					String stored = rs.getString(6).strip();
					if (seq != expected) {
						problems.add("chunk " + expected + (seq > expected ? " is missing" : " is duplicated")
								+ " (found chunk " + seq + " in its place)");
						expected = seq;
					}
					if (channel < 0 || channel >= Channel.values().length || samples <= 0
							|| samples > MAX_CHUNK_SAMPLES || data.length != samples * 2) {
						problems.add("chunk " + seq + " has an impossible shape (channel " + channel + ", "
								+ samples + " samples, " + data.length + " bytes)");
					}
					head = code.next(head, recordingId, seq, channel, start, samples, data);
					if (!ChunkChain.hex(head).equals(stored)) {
						problems.add("chunk " + seq + " does not match its hash: its audio or place was changed");
						head = ChunkChain.unhex(stored); // report each break once, not every later link
					}
					if (channel == Channel.CUSTOMER.ordinal()) {
						customer += samples;
					} else {
						agent += samples;
					}
					expected++;
					checked++;
				}
			}
		} catch (SQLException e) {
			RecordingException t = Database.translate(e, "read it");
			String state = e.getSQLState();
			if ("XJ001".equals(state) || state != null && state.startsWith("08")) {
				damaged[0] = true; // booted afresh after this verify
				problems.add(DOWN + expected);
			} else if (t.reason() == Reason.CORRUPT) {
				damaged[0] = true;
				problems.add("chunk " + expected + " and the chunks after it cannot be read: a database page holding"
						+ " them is damaged (" + Database.firstLine(e) + "); restore the database from a backup");
			} else {
				problems.add("chunk " + expected + " cannot be read: " + t.getMessage());
			}
		}
		if (problems.isEmpty()) {
			if (expected != r.chunks()) {
				problems.add("the recording lists " + r.chunks() + " chunks but " + expected + " are stored");
			}
			if (!ChunkChain.hex(head).equals(r.chainHash())) {
				problems.add("the chain's head does not match the recording's: chunks were removed or added");
			}
			if (customer != r.customerSamples() || agent != r.agentSamples()) {
				problems.add("the sample counts do not match the chunks");
			}
		}
		if (!r.state().isOpen()) {
			if (r.sealHash().isEmpty() || r.endedAt().isEmpty()) {
				problems.add("the finished recording has no seal");
			} else {
				byte[] seal = code.seal(ChunkChain.unhex(r.chainHash()), r.id(), r.interactionId(),
						r.startedAt().toEpochMilli(), r.endedAt().get().toEpochMilli(), r.state().name(),
						r.chunks(), r.customerSamples(), r.agentSamples(), r.lengthSamples());
				if (!ChunkChain.hex(seal).equals(r.sealHash().get())) {
					problems.add("the seal does not match: the recording's metadata was changed");
				}
			}
		}
		return checked;
	}

	public List<VerifyResult> verifyAll(DoubleConsumer progress) throws RecordingException {
		List<Recording> all = allRecordings();
		List<VerifyResult> results = new ArrayList<>(all.size());
		for (int k = 0; k < all.size(); k++) {
			progress.accept((double) k / Math.max(1, all.size()));
			Recording r = all.get(k);
			try {
				results.add(verify(r.id()));
			} catch (RecordingException e) {
				// one recording that cannot be read is reported as broken; the others are still checked
				results.add(new VerifyResult(r.id(), r.interactionId(), 0,
						List.of("it cannot be verified: " + e.getMessage())));
			}
		}
		progress.accept(1.0);
		return results;
	}

	// ---- retention ----

	/** @return when the retention period of a recording started at {@code startedAt} ends */
	public Instant retentionEnds(Instant startedAt) {
		return startedAt.atOffset(ZoneOffset.UTC).plus(retention).toInstant();
	}

	public void setLegalHold(long recordingId, boolean hold, String reason) throws RecordingException {
		String why = reason == null || reason.isBlank() ? "(no reason given)" : reason.strip();
		db.transaction("change the legal hold of recording " + recordingId, c -> {
			try (PreparedStatement p = c.prepareStatement("UPDATE RECORDING SET LEGAL_HOLD = ? WHERE ID = ?")) {
				p.setBoolean(1, hold);
				p.setLong(2, recordingId);
				if (p.executeUpdate() == 0) {
					throw new RecordingException(Reason.NOT_FOUND, "There is no recording " + recordingId);
				}
			}
			event(c, recordingId, clock.millis(), hold ? "HOLD_SET" : "HOLD_LIFTED", why, 0);
			return null;
		});
	}

	/**
	 * Deletes a recording whose retention period has ended and that is on no legal hold, logging it in PURGE_LOG.
	 */
	public Recording delete(long recordingId, String reason) throws RecordingException {
		Instant now = clock.instant();
		return db.transaction("delete recording " + recordingId, c -> {
			Recording r = readRecording(c, recordingId);
			if (r.legalHold()) {
				throw new RecordingException(Reason.LEGAL_HOLD,
						"Recording " + recordingId + " is on legal hold: it cannot be deleted until the hold is lifted");
			}
			Instant ends = retentionEnds(r.startedAt());
			if (now.isBefore(ends)) {
				throw new RecordingException(Reason.RETENTION, "Recording " + recordingId
						+ " must be kept until " + ends + " (retention " + retention + "): deletion refused");
			}
			if (r.state().isOpen()) {
				throw new RecordingException(Reason.INVALID, "Recording " + recordingId + " is still being written");
			}
			try (PreparedStatement p = c.prepareStatement("INSERT INTO PURGE_LOG (PURGED_AT, RECORDING_ID, "
					+ "INTERACTION_ID, STARTED_AT, SEAL_HASH, REASON) VALUES (?, ?, ?, ?, ?, ?)")) {
				p.setLong(1, now.toEpochMilli());
				p.setLong(2, recordingId);
				p.setString(3, r.interactionId());
				p.setLong(4, r.startedAt().toEpochMilli());
				if (r.sealHash().isPresent()) {
					p.setString(5, r.sealHash().get());
				} else {
					p.setNull(5, Types.CHAR);
				}
				String why = reason == null || reason.isBlank() ? "deleted" : reason.strip();
				p.setString(6, why.length() > 1024 ? why.substring(0, 1024) : why);
				p.executeUpdate();
			}
			try (PreparedStatement p = c.prepareStatement("DELETE FROM RECORDING WHERE ID = ?")) {
				p.setLong(1, recordingId);
				p.executeUpdate();
			}
			return r;
		});
	}

	/** @return ids of finished recordings whose retention has ended and that are on no hold, oldest first */
	public List<Long> purgeCandidates() throws RecordingException {
		long cutoff = clock.instant().atOffset(ZoneOffset.UTC).minus(retention).toInstant().toEpochMilli();
		try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT ID FROM RECORDING "
				+ "WHERE STARTED_AT <= ? AND LEGAL_HOLD = FALSE AND STATE IN ('COMPLETE', 'INCOMPLETE') "
				+ "ORDER BY STARTED_AT")) {
			p.setLong(1, cutoff);
			List<Long> ids = new ArrayList<>();
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) {
					ids.add(r.getLong(1));
				}
			}
			return ids;
		} catch (SQLException e) {
			throw Database.translate(e, "find recordings past retention");
		}
	}

	// ---- helpers ----

	static byte[] toBytes(short[] pcm, int offset, int count) {
		byte[] out = new byte[count * 2];
		for (int k = 0; k < count; k++) {
			short v = pcm[offset + k];
			out[2 * k] = (byte) v;
			out[2 * k + 1] = (byte) (v >> 8);
		}
		return out;
	}

	static short[] toShorts(byte[] data, int count) {
		short[] out = new short[count];
		ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out, 0, count);
		return out;
	}

	private static void setLong(PreparedStatement p, int k, Optional<Long> v) throws SQLException {
		if (v.isPresent()) {
			p.setLong(k, v.get());
		} else {
			p.setNull(k, Types.BIGINT);
		}
	}

	private static void setInt(PreparedStatement p, int k, OptionalInt v) throws SQLException {
		if (v.isPresent()) {
			p.setInt(k, v.getAsInt());
		} else {
			p.setNull(k, Types.INTEGER);
		}
	}

	private static void setDouble(PreparedStatement p, int k, OptionalDouble v) throws SQLException {
		if (v.isPresent()) {
			p.setDouble(k, v.getAsDouble());
		} else {
			p.setNull(k, Types.DOUBLE);
		}
	}

	private static OptionalInt optInt(Object o) {
		return o == null ? OptionalInt.empty() : OptionalInt.of(((Number) o).intValue());
	}

	private static Optional<Instant> optInstant(Object o) {
		return o == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(((Number) o).longValue()));
	}

	private static double num(Object o) {
		return o == null ? 0 : ((Number) o).doubleValue();
	}

	@Override
	public String toString() {
		return "recordings in " + db + " (retention " + retention + ")";
	}
}
