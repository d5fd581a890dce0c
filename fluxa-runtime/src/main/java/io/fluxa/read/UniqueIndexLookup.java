package io.fluxa.read;

import io.fluxa.Context;
import io.fluxa.PoolUnavailableException;
import io.fluxa.cache.RedisIndexCache;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowCodec;
import io.fluxa.row.RowQueries;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finds the row holding given values of a unique index. A cached index is resolved through Redis
 * first; every answer from Redis is checked against the row before it is trusted, so a stale index
 * entry costs a MySQL query, never a wrong answer. Soft-deleted rows are not found.
 */
public final class UniqueIndexLookup {

    private UniqueIndexLookup() {
    }

    /**
     * The entity whose unique index {@code index} (declaration order) holds {@code given}, or null.
     * Enum constants must already be given as their database values.
     *
     * @param stateOf the state behind an entity object of this type
     */
    public static Object find(Context context, EntityType type, int index, Object[] given,
            Function<Object, EntityState> stateOf) {
        int[] columns = type.uniqueColumns(index);
        Object[] values = new Object[given.length];
        for (int k = 0; k < given.length; k++) {
            values[k] = canonical(type, columns[k], given[k]);
            if (values[k] == null) {
                return null;
            }
        }
        boolean cached = type.schema().uniqueIndexes().get(index).cached() && type.redisPool() != null;
        RedisPool redis = cached ? RedisFallback.usable(context, type) : null;
        String field = RedisIndexCache.indexField(values);
        long id = 0;
        if (redis != null) {
            try {
                id = RedisIndexCache.indexGet(context, redis, type, index, field);
            } catch (PoolUnavailableException e) {
                RedisFallback.fellBack(redis, e);
                redis = null;
            }
        }
        if (redis != null) {
            if (id > 0) {
                Object entity = ByIdReader.getById(context, type, id);
                if (entity != null) {
                    Object[] row = stateOf.apply(entity).values();
                    if (matches(row, columns, values) && !type.isSoftDeleted(row)) {
                        return entity;
                    }
                }
            }
        }
        StringBuilder sql = new StringBuilder(type.selectSql()).append(" WHERE ");
        List<Object> params = new ArrayList<>(values.length);
        for (int k = 0; k < columns.length; k++) {
            sql.append(k == 0 ? "`" : " AND `").append(type.columnName(columns[k])).append("` = ?");
            params.add(new RowQueries.Typed(columns[k], values[k]));
        }
        if (type.notDeletedSql() != null) {
            sql.append(" AND ").append(type.notDeletedSql());
        }
        sql.append(" LIMIT 1");
        List<Object[]> rows = RowQueries.rows(context, type, sql.toString(), params);
        if (rows.isEmpty()) {
            return null;
        }
        Object entity = ContextRows.fromSearch(context, type, rows.get(0));
        if (redis != null && redis.isAvailable()) {
            try {
                RedisIndexCache.indexFill(context, redis, type, index, field, stateOf.apply(entity).id());
            } catch (PoolUnavailableException e) {
                RedisFallback.fellBack(redis, e);
            }
        }
        return entity;
    }

    /** Brings a lookup value into the column's canonical form (as setters store it). */
    private static Object canonical(EntityType type, int column, Object value) {
        if (value == null) {
            return null;
        }
        byte codecType = RowCodec.typeOf(type.schema().columns().get(column));
        if (codecType == RowCodec.LONG && value instanceof Number n) {
            return n.longValue();
        }
        if (codecType == RowCodec.DECIMAL && value instanceof Number n) {
            return RowCodec.decimal(type.schema().columns().get(column), n);
        }
        if (codecType == RowCodec.DOUBLE && value instanceof Number n) {
            return n.doubleValue();
        }
        if (codecType == RowCodec.FLOAT && value instanceof Number n) {
            return (double) n.floatValue();
        }
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.SECONDS);
        }
        if (value instanceof LocalDateTime time) {
            return time.truncatedTo(ChronoUnit.SECONDS);
        }
        if (codecType == RowCodec.STRING && value instanceof String s && s.isEmpty()
                && type.schema().columns().get(column).nullable()) {
            return null;
        }
        return value;
    }

    private static boolean matches(Object[] row, int[] columns, Object[] values) {
        for (int k = 0; k < columns.length; k++) {
            if (!EntityState.same(row[columns[k]], values[k])) {
                return false;
            }
        }
        return true;
    }
}
