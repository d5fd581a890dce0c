package io.fluxa.search;

import io.fluxa.Context;
import io.fluxa.SearchResult;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowQueries;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.EnumValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers a Redis search from MySQL, for when the index cannot be trusted or reached: the pool's
 * circuit breaker is open, or index writes of committed flushes are still waiting for Redis. The
 * condition (already checked by {@link QueryCompiler}) becomes SQL over the entity's table with the
 * index's meaning: live rows only, NULL matches no comparison, {@code not} matches rows whose column
 * is NULL, strings compare byte for byte, a {@code @SetOf} condition matches members, and rows are
 * sorted with their ids as the tie-break, in id order when unsorted.
 */
final class MySqlSearch {

    private MySqlSearch() {
    }

    static SearchResult<Long> searchIds(Context context, SearchIndex index, RedisSearchWhere where, long offset,
            long limit) {
        EntityType type = index.type();
        RedisSearchWhere condition = where == null ? RedisSearchWhere.all() : where;
        List<Object> params = new ArrayList<>();
        String sql = " WHERE " + condition(index, condition, params)
                + (type.notDeletedSql() == null ? "" : " AND " + type.notDeletedSql());
        long total = RowQueries.number(context, type, type.countSql() + sql, params);
        if (limit == 0 || total == 0) {
            return new SearchResult<>(List.of(), total);
        }
        String id = quote(type.columnName(0));
        String direction = condition.descending ? " DESC" : " ASC";
        String order = condition.sortColumn == null ? " ORDER BY " + id + direction
                : " ORDER BY " + quote(index.column(condition.sortColumn).name()) + direction + ", " + id + direction;
        String page = limit < 0 ? (offset > 0 ? " LIMIT " + offset + ", 18446744073709551615" : "")
                : " LIMIT " + offset + ", " + limit;
        List<Long> ids = RowQueries.query(context, type, type.selectIdSql() + sql + order + page, params, rs -> {
            List<Long> list = new ArrayList<>();
            while (rs.next()) {
                list.add(rs.getLong(1));
            }
            return list;
        });
        return new SearchResult<>(ids, total);
    }

    private static String condition(SearchIndex index, RedisSearchWhere w, List<Object> params) {
        return switch (w.op) {
            case ALL -> "TRUE";
            case EQ, IN -> in(index.column(w.column), w.values, params);
            case RANGE -> range(index.column(w.column), w, params);
            case IS_NULL -> quote(index.column(w.column).name()) + " IS NULL";
            case NOT -> "((" + condition(index, w.parts.get(0), params) + ") IS NOT TRUE)";
            case AND, OR -> {
                StringBuilder b = new StringBuilder("(");
                for (int i = 0; i < w.parts.size(); i++) {
                    b.append(i == 0 ? "" : w.op == RedisSearchWhere.Op.AND ? " AND " : " OR ")
                            .append(condition(index, w.parts.get(i), params));
                }
                yield b.append(')').toString();
            }
        };
    }

    private static String in(SearchIndex.Column c, List<Object> values, List<Object> params) {
        if (values.isEmpty()) {
            return "FALSE";
        }
        String column = quote(c.name());
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            Object value = value(values.get(i));
            b.append(i == 0 ? "" : " OR ");
            if (c.kind() == ColumnKind.SET) {
                b.append("FIND_IN_SET(?, ").append(column).append(") > 0"); // a member, as the index matches
            } else if (c.kind() == ColumnKind.STRING) {
                b.append("BINARY ").append(column).append(" = ?"); // exact bytes, as the index's value sets
            } else {
                b.append(column).append(" = ?");
            }
            params.add(value);
        }
        return b.append(')').toString();
    }

    private static String range(SearchIndex.Column c, RedisSearchWhere w, List<Object> params) {
        String column = quote(c.name());
        StringBuilder b = new StringBuilder("(").append(column).append(" IS NOT NULL");
        if (w.min != null) {
            if (infinite(w.min)) {
                if (((Number) w.min).doubleValue() > 0) {
                    return "FALSE";
                }
            } else {
                b.append(" AND ").append(column).append(w.minInclusive ? " >= ?" : " > ?");
                params.add(value(w.min));
            }
        }
        if (w.max != null) {
            if (infinite(w.max)) {
                if (((Number) w.max).doubleValue() < 0) {
                    return "FALSE";
                }
            } else {
                b.append(" AND ").append(column).append(w.maxInclusive ? " <= ?" : " < ?");
                params.add(value(w.max));
            }
        }
        return b.append(')').toString();
    }

    private static boolean infinite(Object bound) {
        return (bound instanceof Double || bound instanceof Float) && Double.isInfinite(((Number) bound).doubleValue());
    }

    /** A checked query value as a JDBC parameter. */
    private static Object value(Object value) {
        if (value instanceof EnumValue e) {
            return e.databaseValue();
        }
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        return value;
    }

    private static String quote(String name) {
        return "`" + name + "`";
    }
}
