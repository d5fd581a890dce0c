package io.fluxa.search;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.FluxaException;
import io.fluxa.Registry;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The native Redis search index of one entity type: which columns it holds, how each is stored, and
 * the key names. Built once per {@link EntityType} from its {@code @Searchable} columns.
 *
 * <p>Layout (every key starts with {@code <pool prefix>{<table>}:search:}, so one entity's index
 * lives in one Cluster slot): {@code meta} (hash: active version and its stamp, version being built),
 * {@code lock} (reindex lease), and per version {@code v}: {@code v:all} (sorted set of every indexed
 * id, score = id), {@code v:n:<Column>} (sorted set, score = the value, for numbers, decimals, dates,
 * datetimes, references and sortable booleans/enums), {@code v:e:<Column>:<value>} (set per value for
 * strings, enums, sets and booleans), {@code v:z:<Column>} (set of ids whose value is NULL),
 * {@code v:keys} (every key of the version, for dropping it) and {@code v:touched} (ids a flush wrote
 * while the version was being built). Members are ids zero-padded to 19 digits, so Redis' order of
 * equal scores is the id order. See {@code docs/redis-search.md}.
 */
final class SearchIndex {

    /** How one column is stored. */
    enum Storage {
        /** A sorted set scored by the value: equality, IN, ranges and sorting. */
        SCORED,
        /** One set per value: equality and IN (for SET columns: "contains"). */
        VALUE_SETS
    }

    /** One indexed column. */
    record Column(int position, ColumnSchema schema, Storage storage, boolean sortable) {
        String name() {
            return schema.name();
        }

        ColumnKind kind() {
            return schema.kind();
        }

        /** Enum and boolean columns that are sortable keep a scored set beside their value sets. */
        boolean scored() {
            return storage == Storage.SCORED
                    || sortable && (schema.kind() == ColumnKind.BOOLEAN || schema.kind() == ColumnKind.ENUM);
        }
    }

    private static final Map<EntityType, SearchIndex> BY_TYPE = new ConcurrentHashMap<>();
    static final int ID_DIGITS = 19;

    private final EntityType type;
    private final List<Column> columns;
    private final String stamp;

    private SearchIndex(EntityType type) {
        this.type = type;
        List<Column> list = new ArrayList<>();
        StringBuilder definition = new StringBuilder("1|");
        List<ColumnSchema> schemaColumns = type.schema().columns();
        for (int i = 1; i < schemaColumns.size(); i++) {
            ColumnSchema c = schemaColumns.get(i);
            if (!c.searchable()) {
                continue;
            }
            Storage storage = switch (c.kind()) {
                case BOOLEAN, STRING, ENUM, SET -> Storage.VALUE_SETS;
                case TEXT, BINARY, ID -> throw new FluxaException(type.entityName() + "." + c.fieldPath()
                        + " cannot be @Searchable: " + c.kind() + " columns are not indexed; remove @Searchable");
                default -> Storage.SCORED;
            };
            list.add(new Column(i, c, storage, c.sortable()));
            definition.append(c.name()).append(':').append(c.kind()).append(':').append(c.sortable())
                    .append(':').append(c.nullable()).append(':').append(c.values()).append(':')
                    .append(c.javaType()).append(';');
        }
        definition.append("softDelete=").append(type.fakeDeleteIndex() >= 0);
        this.columns = List.copyOf(list);
        this.stamp = hash(definition.toString());
    }

    /** The index of {@code type}. @throws FluxaException when it has no {@code @Searchable} column */
    static SearchIndex of(EntityType type) {
        SearchIndex index = ofOrNull(type);
        if (index == null) {
            throw new FluxaException(type.entityName() + " has no @Searchable field, so it has no Redis search index; "
                    + "mark the fields to query with @Searchable (and @Sortable to sort by them), or use search() "
                    + "(MySQL)");
        }
        return index;
    }

    /** The index of {@code type}, or null when the entity has no searchable column. */
    static SearchIndex ofOrNull(EntityType type) {
        if (!type.schema().searchable()) {
            return null;
        }
        return BY_TYPE.computeIfAbsent(type, SearchIndex::new);
    }

    EntityType type() {
        return type;
    }

    List<Column> columns() {
        return columns;
    }

    /** A short hash of the indexed columns; a changed definition gets a new one and the index is rebuilt. */
    String stamp() {
        return stamp;
    }

    /** The column named by its MySQL name or field path, or null. */
    Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name) || c.schema().fieldPath().equals(name)) {
                return c;
            }
        }
        return null;
    }

    // ---- pool and keys ---------------------------------------------------------------------

    /** The Redis pool holding the index: the entity's cache pool, else the default pool. */
    RedisPool pool(Engine engine) {
        String code = type.redisPool() != null ? type.redisPool() : Registry.DEFAULT_POOL;
        try {
            return engine.redis(code);
        } catch (FluxaException e) {
            throw new FluxaException(type.entityName() + " has @Searchable fields, so its Redis search index needs "
                    + "Redis pool '" + code + "'; register it (fluxa.pools." + code + ".redis)", e);
        }
    }

    /** The index pool as {@code context} sees it (its commands reach the context's query loggers). */
    RedisPool pool(Context context) {
        pool(context.engine()); // the clear error when the pool is missing
        return context.redis(type.redisPool() != null ? type.redisPool() : Registry.DEFAULT_POOL);
    }

    /** {@code <prefix>{<table>}:search:}, the start of every key of the index. */
    String base(RedisPool pool) {
        return pool.keyPrefix() + "{" + type.table() + "}:search:";
    }

    String metaKey(RedisPool pool) {
        return base(pool) + "meta";
    }

    String lockKey(RedisPool pool) {
        return base(pool) + "lock";
    }

    // ---- entries --------------------------------------------------------------------------

    /** The member of an id in every index key. */
    static String member(long id) {
        String digits = Long.toString(id);
        return "0".repeat(Math.max(0, ID_DIGITS - digits.length())) + digits;
    }

    static String allSuffix() {
        return "all";
    }

    static String scoredSuffix(Column c) {
        return "n:" + c.name();
    }

    static String nullSuffix(Column c) {
        return "z:" + c.name();
    }

    static String valueSuffix(Column c, String value) {
        return "e:" + c.name() + ":" + value;
    }

    /**
     * Appends the index entries of one column's canonical value to {@code out}, three strings each:
     * {@code Z} or {@code S}, the key suffix, the score (empty for sets); returns how many.
     */
    int entries(Column c, Object value, List<String> out) {
        int before = out.size();
        if (value == null) {
            add(out, "S", nullSuffix(c), "");
            return 1;
        }
        if (c.scored()) {
            add(out, "Z", scoredSuffix(c), score(c, value));
        }
        if (c.storage() == Storage.VALUE_SETS) {
            if (c.kind() == ColumnKind.SET) {
                String members = (String) value;
                if (!members.isEmpty()) {
                    for (String member : members.split(",")) {
                        add(out, "S", valueSuffix(c, member), "");
                    }
                }
            } else {
                add(out, "S", valueSuffix(c, setValue(value)), "");
            }
        }
        return (out.size() - before) / 3;
    }

    private static void add(List<String> out, String kind, String suffix, String score) {
        out.add(kind);
        out.add(suffix);
        out.add(score);
    }

    /** The value-set name of a canonical boolean, string or enum value. */
    static String setValue(Object value) {
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return value.toString();
    }

    /** The score of a canonical value in a scored set, as Redis parses it. */
    static String score(Column c, Object value) {
        return switch (c.kind()) {
            case BOOLEAN -> Boolean.TRUE.equals(value) ? "1" : "0";
            case ENUM -> Integer.toString(c.schema().values().indexOf((String) value) + 1);
            default -> number(value);
        };
    }

    /** A canonical numeric, date or datetime value as a score. */
    static String number(Object value) {
        if (value instanceof Long l) {
            return Long.toString(l);
        }
        if (value instanceof Double d) {
            return Double.toString(d);
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString(); // Redis keeps scores as doubles, like a range bound in a query
        }
        if (value instanceof LocalDate d) {
            return Long.toString(d.toEpochDay());
        }
        if (value instanceof Instant t) {
            return Long.toString(t.getEpochSecond());
        }
        if (value instanceof LocalDateTime t) {
            return Long.toString(t.toEpochSecond(ZoneOffset.UTC));
        }
        throw new FluxaException("internal: no search score for " + value.getClass().getName());
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM offers no SHA-1", e);
        }
    }
}
