package io.fluxa.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link DatabasePipeline}: runs of the same SQL text become one JDBC batch; all in one transaction. */
final class BatchingPipeline implements DatabasePipeline {

    private final HikariMySqlPool pool;
    private final List<String> sqls = new ArrayList<>();
    private final List<Object[]> args = new ArrayList<>();

    BatchingPipeline(HikariMySqlPool pool) {
        this.pool = pool;
    }

    @Override
    public DatabasePipeline add(String sql, Object... arguments) {
        sqls.add(sql);
        args.add(arguments.clone());
        return this;
    }

    @Override
    public int size() {
        return sqls.size();
    }

    @Override
    public long[] exec() {
        long[] affected = new long[sqls.size()];
        if (sqls.isEmpty()) {
            return affected;
        }
        long start = System.nanoTime();
        String description = sqls.size() + " statements";
        try (Connection c = pool.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                int i = 0;
                while (i < sqls.size()) {
                    String sql = sqls.get(i);
                    int end = i;
                    while (end < sqls.size() && sqls.get(end).equals(sql)) {
                        end++;
                    }
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        pool.limit(ps);
                        for (int j = i; j < end; j++) {
                            HikariMySqlPool.bind(ps, args.get(j));
                            ps.addBatch();
                        }
                        long[] counts = ps.executeLargeBatch();
                        System.arraycopy(counts, 0, affected, i, counts.length);
                    }
                    i = end;
                }
                c.commit();
                pool.log("PIPELINE", description, start, null);
            } catch (SQLException | RuntimeException e) {
                HikariMySqlPool.rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            pool.log("PIPELINE", description, start, e);
            throw pool.failure(description, e);
        }
        sqls.clear();
        args.clear();
        return affected;
    }
}
