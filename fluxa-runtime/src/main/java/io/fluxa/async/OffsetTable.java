package io.fluxa.async;

import io.fluxa.schema.MySqlSchemaSync;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The Fluxa-owned table holding, per async flush stream, the id of the last entry applied and the
 * fencing token of the consumer that applied it. It is written in the same transaction as the
 * entries' rows, which is what makes every entry take effect exactly once.
 *
 * <p>An instance is one consumer's view of its stream's row (the consumer thread only): whether the row
 * is known to exist, the offset the consumer committed or read last, and the fencing check.
 */
final class OffsetTable {

    static final String TABLE = MySqlSchemaSync.ASYNC_FLUSH_TABLE;

    /** The applied position of a stream; {@code lastId} "0-0" when nothing was applied yet. */
    record Offset(String lastId, long fence) {
    }

    private final String stream;
    private final String pool;
    /** Whether the offset row is known to exist (then locking it is one statement). */
    private boolean rowExists;
    /**
     * The offset this consumer committed or read last (null: unknown, after any failure): the next batch
     * moves the offset row from it in one statement ({@link #advance}).
     */
    private String known;
    /**
     * The id the open transaction already moved the row to ({@link #commitAndAdvance}), or null: that
     * transaction holds the row's lock and passed the fencing check for the batch ending there.
     */
    private String ahead;

    /** @param pool the MySQL pool's code, for messages */
    OffsetTable(String stream, String pool) {
        this.stream = stream;
        this.pool = pool;
    }

    /** The offset this consumer committed or read last, or null when it does not know it. */
    String known() {
        return known;
    }

    /** Notes the offset the row holds after this consumer's rollback or commit. */
    void remember(String lastId) {
        known = lastId;
    }

    /** Forgets the offset (after a failure: a failed commit may or may not have taken effect). */
    void forget() {
        known = null;
        ahead = null;
    }

    /**
     * The id the open transaction moved the row to in advance, and forgets it (the caller either uses
     * that move for the batch ending there or rolls it back).
     */
    String takeAhead() {
        String id = ahead;
        ahead = null;
        return id;
    }

    /**
     * Commits the caller's transaction, which stored {@code lastId}, and when the next batch is already
     * read (ending at {@code nextLast}; null: not read yet) sends that batch's {@link #advance} in the same
     * network round trip: a JDBC statement batch of {@code COMMIT} and the {@code UPDATE}, which MariaDB
     * Connector/J pipelines. The {@code UPDATE} is still the next transaction's first statement and runs
     * after the commit, exactly as if it were sent when the next batch starts; only the round trip is
     * shared. From then until that batch commits the row stays locked by this consumer (a newer lease
     * holder waits for it, then sees the committed offset and token). When the pipelined {@code UPDATE}
     * changes no row or fails after the commit, that new transaction is rolled back and the next batch
     * locks and reads the row ({@link #lock}).
     *
     * @throws SQLException when the commit failed or its outcome is unknown
     */
    void commitAndAdvance(Connection connection, String lastId, String nextLast, long fence) throws SQLException {
        String sql = nextLast == null ? null : advanceSql(lastId, nextLast, fence);
        if (sql == null) {
            connection.commit();
            known = lastId;
            return;
        }
        int[] counts;
        try (Statement s = connection.createStatement()) {
            s.addBatch("COMMIT");
            s.addBatch(sql);
            counts = s.executeBatch();
        } catch (BatchUpdateException e) {
            int[] done = e.getUpdateCounts();
            if (done == null || done.length == 0 || done[0] == Statement.EXECUTE_FAILED) {
                throw e; // the commit's outcome is unknown: the caller forgets the offset
            }
            counts = new int[] {done[0], Statement.EXECUTE_FAILED};
        }
        known = lastId;
        if (counts.length == 2 && counts[1] == 1) {
            ahead = nextLast;
        } else {
            // not moved (the row is not as expected, or the UPDATE failed): the next batch locks and reads it
            known = null;
            try {
                connection.rollback();
            } catch (SQLException e) {
                // the batch is committed; a broken connection fails the next batch's first statement
            }
        }
    }

    /**
     * {@link #advance} as SQL text for a statement batch, or null when the stream name is not a plain
     * literal (then the advance is a prepared statement of its own). Ids are digits and a dash.
     */
    private String advanceSql(String from, String to, long fence) {
        for (int i = 0; i < stream.length(); i++) {
            char c = stream.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\\' || c == '\'') {
                return null;
            }
        }
        if (!isId(from) || !isId(to)) {
            return null;
        }
        return "UPDATE `" + TABLE + "` SET `last_id` = '" + to + "', `fence` = " + fence + ", `applied_at` = "
                + System.currentTimeMillis() + " WHERE `stream` = '" + stream + "' AND `last_id` = '" + from
                + "' AND `fence` <= " + fence;
    }

    private static boolean isId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if ((c < '0' || c > '9') && c != '-') {
                return false;
            }
        }
        return !id.isEmpty();
    }

    /**
     * Locks and reads the row inside the caller's transaction (creating it when missing) and returns
     * its last applied id.
     *
     * @throws AsyncApplier.Fenced when a consumer with a newer token than {@code fence} wrote it
     */
    String lock(Connection connection, long fence) throws SQLException {
        Offset offset = lock(connection, stream, !rowExists);
        rowExists = true;
        if (offset.fence() > fence) {
            throw new AsyncApplier.Fenced("async flush consumer of MySQL pool '" + pool + "' lost its lease: a "
                    + "consumer with fencing token " + offset.fence() + " (this one has " + fence
                    + ") applied entries");
        }
        return offset.lastId();
    }

    /**
     * Moves the position from the {@link #known} one to {@code lastId} in one statement, which also
     * locks the row for the rest of the caller's transaction: it changes the row only while its
     * {@code last_id} is still the known one and no consumer with a newer fencing token than
     * {@code fence} wrote it.
     *
     * @return false when the row is not as expected (then the caller locks and reads it, {@link #lock})
     */
    boolean advance(Connection connection, String lastId, long fence) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE `" + TABLE
                + "` SET `last_id` = ?, `fence` = ?, `applied_at` = ? WHERE `stream` = ? AND `last_id` = ?"
                + " AND `fence` <= ?")) {
            s.setString(1, lastId);
            s.setLong(2, fence);
            s.setLong(3, System.currentTimeMillis());
            s.setString(4, stream);
            s.setString(5, known);
            s.setLong(6, fence);
            return s.executeUpdate() == 1;
        }
    }

    /** Stores {@code lastId} and {@code fence} in the row this transaction locked ({@link #lock}). */
    void store(Connection connection, String lastId, long fence) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE `" + TABLE
                + "` SET `last_id` = ?, `fence` = ?, `applied_at` = ? WHERE `stream` = ?")) {
            s.setString(1, lastId);
            s.setLong(2, fence);
            s.setLong(3, System.currentTimeMillis());
            s.setString(4, stream);
            s.executeUpdate();
        }
    }

    static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS `" + TABLE + "` (`stream` VARCHAR(191) NOT NULL PRIMARY KEY, "
                    + "`last_id` VARCHAR(41) NOT NULL, `fence` BIGINT NOT NULL, "
                    + "`applied_at` BIGINT NOT NULL) ENGINE=InnoDB");
        }
    }

    /** Reads the position without locking (to know where to start reading the stream). */
    static Offset read(Connection connection, String stream) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT `last_id`, `fence` FROM `" + TABLE
                + "` WHERE `stream` = ?")) {
            s.setString(1, stream);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Offset(rs.getString(1), rs.getLong(2)) : new Offset("0-0", 0);
            }
        }
    }

    /**
     * Reads and locks the position row inside the caller's transaction, creating it when missing.
     *
     * @param create insert the row first (when the caller does not know that it exists); without it,
     *     a missing row is still created, with one statement more
     */
    private static Offset lock(Connection connection, String stream, boolean create) throws SQLException {
        if (create) {
            insertIfMissing(connection, stream);
        }
        Offset locked = selectForUpdate(connection, stream);
        if (locked == null) {
            insertIfMissing(connection, stream);
            locked = selectForUpdate(connection, stream);
        }
        return locked;
    }

    private static void insertIfMissing(Connection connection, String stream) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT IGNORE INTO `" + TABLE
                + "` (`stream`, `last_id`, `fence`, `applied_at`) VALUES (?, '0-0', 0, 0)")) {
            s.setString(1, stream);
            s.executeUpdate();
        }
    }

    private static Offset selectForUpdate(Connection connection, String stream) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT `last_id`, `fence` FROM `" + TABLE
                + "` WHERE `stream` = ? FOR UPDATE")) {
            s.setString(1, stream);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Offset(rs.getString(1), rs.getLong(2)) : null;
            }
        }
    }

    /** Stream entry ids compared as numbers ({@code ms-seq}), without cutting them into substrings. */
    static int compareIds(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int c = Long.compare(Long.parseLong(a, 0, da, 10), Long.parseLong(b, 0, db, 10));
        return c != 0 ? c
                : Long.compare(Long.parseLong(a, da + 1, a.length(), 10), Long.parseLong(b, db + 1, b.length(), 10));
    }
}
