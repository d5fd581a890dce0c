package io.fluxa.row;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.mysql.MySqlFailures;
import io.fluxa.mysql.MySqlPool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs the ORM's SELECTs on an entity's MySQL pool, binding values with the entity's codec. */
public final class RowQueries {

    /** A parameter bound with a column's own codec (canonical value). */
    public record Typed(int column, Object value) {
    }

    /** Reads a whole result set. */
    @FunctionalInterface
    public interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private RowQueries() {
    }

    /** Every row of {@code sql} (which selects every column in schema order). */
    public static List<Object[]> rows(Context context, EntityType type, String sql, List<?> params) {
        return query(context, type, sql, params, rs -> {
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(type.codec().read(rs));
            }
            return rows;
        });
    }

    /** The single number {@code sql} returns (COUNT, MAX). */
    public static long number(Context context, EntityType type, String sql, List<?> params) {
        return query(context, type, sql, params, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    public static <T> T query(Context context, EntityType type, String sql, List<?> params, ResultReader<T> reader) {
        MySqlPool pool = context.engine().db(type.mysqlPool());
        QueryLogger log = context.queryLogger();
        boolean logging = log.enabled(QuerySource.MYSQL);
        long start = logging ? System.nanoTime() : 0;
        try (Connection connection = pool.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            pool.limit(statement);
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Typed typed) {
                    type.codec().bind(statement, i + 1, typed.column(), typed.value());
                } else {
                    RowCodec.bindParameter(statement, i + 1, p);
                }
            }
            T result;
            try (ResultSet rs = statement.executeQuery()) {
                result = reader.read(rs);
            }
            if (logging) {
                log.log(QuerySource.MYSQL, pool.code(), "SELECT", sql, start, false, null);
            }
            return result;
        } catch (SQLException e) {
            if (logging) {
                log.log(QuerySource.MYSQL, pool.code(), "SELECT", sql, start, false, e);
            }
            FluxaException unavailable = MySqlFailures.describe(pool, e, "reading " + type.table());
            throw unavailable != null ? unavailable : SqlErrors.translate(type.schema(), e, sql);
        }
    }
}
