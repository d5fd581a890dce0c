package io.fluxa.row;

import io.fluxa.FluxaException;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EnumValue;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reads and writes the values of one entity's columns: JDBC binding/reading and the compact
 * msgpack form kept in Redis. Driven by a per-column type code computed once from the schema, so
 * there is no reflection and no per-value type discovery.
 *
 * <p>In memory every column value has one canonical Java type: integers, ids and references are
 * {@link Long}; floats and doubles {@link Double}; decimals {@link BigDecimal} with exactly the
 * column's scale; booleans {@link Boolean}; strings,
 * enums and sets {@link String} (sets as the comma-joined members in declared order); dates
 * {@link LocalDate}; datetimes {@link Instant} or {@link LocalDateTime} as declared; binaries
 * {@code byte[]}. {@code null} means SQL NULL.
 *
 * <p>In Redis a decimal is its plain decimal string ({@code "1234.50"}), so no digit is lost on the
 * way through the cache.
 */
public final class RowCodec {

    public static final byte LONG = 0;
    public static final byte BOOL = 1;
    public static final byte FLOAT = 2;
    public static final byte DOUBLE = 3;
    public static final byte DECIMAL = 4;
    public static final byte STRING = 5;
    public static final byte DATE = 6;
    public static final byte INSTANT = 7;
    public static final byte LOCAL_DATE_TIME = 8;
    public static final byte BYTES = 9;

    private final byte[] types;

    public RowCodec(List<ColumnSchema> columns) {
        types = new byte[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = typeOf(columns.get(i));
        }
    }

    public static byte typeOf(ColumnSchema column) {
        ColumnKind kind = column.kind();
        return switch (kind) {
            case ID, REFERENCE, INT8, INT16, INT24, INT32, INT64 -> LONG;
            case BOOLEAN -> BOOL;
            case FLOAT32 -> FLOAT;
            case FLOAT64 -> DOUBLE;
            case DECIMAL -> DECIMAL;
            case STRING, TEXT, ENUM, SET -> STRING;
            case DATE -> DATE;
            case DATETIME -> column.javaType().endsWith("LocalDateTime") ? LOCAL_DATE_TIME : INSTANT;
            case BINARY -> BYTES;
        };
    }

    /**
     * A lookup value for a decimal column in its canonical form (the column's scale), so it compares
     * equal to stored values; a value with more fraction digits than the scale is returned unscaled:
     * no stored value can equal it.
     */
    public static BigDecimal decimal(ColumnSchema column, Number value) {
        BigDecimal exact = value instanceof BigDecimal d ? d
                : value instanceof Double || value instanceof Float ? BigDecimal.valueOf(value.doubleValue())
                : new BigDecimal(value.toString());
        try {
            return exact.setScale(column.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            return exact;
        }
    }

    public int size() {
        return types.length;
    }

    // ---- JDBC -----------------------------------------------------------------------------

    /** Reads columns {@code 1..size} of the current result row. */
    public Object[] read(ResultSet rs) throws SQLException {
        Object[] row = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            row[i] = read(rs, i + 1, types[i]);
        }
        return row;
    }

    static Object read(ResultSet rs, int index, byte type) throws SQLException {
        switch (type) {
            case LONG: {
                long v = rs.getLong(index);
                return rs.wasNull() ? null : v;
            }
            case BOOL: {
                boolean v = rs.getBoolean(index);
                return rs.wasNull() ? null : v;
            }
            case FLOAT: {
                float v = rs.getFloat(index);
                return rs.wasNull() ? null : (double) v;
            }
            case DOUBLE: {
                double v = rs.getDouble(index);
                return rs.wasNull() ? null : v;
            }
            case DECIMAL:
                return rs.getBigDecimal(index);
            case STRING:
                return rs.getString(index);
            case DATE:
                return rs.getObject(index, LocalDate.class);
            case INSTANT: {
                LocalDateTime v = rs.getObject(index, LocalDateTime.class);
                return v == null ? null : v.toInstant(ZoneOffset.UTC);
            }
            case LOCAL_DATE_TIME:
                return rs.getObject(index, LocalDateTime.class);
            case BYTES:
                return rs.getBytes(index);
            default:
                throw new IllegalStateException("unknown type " + type);
        }
    }

    public void bind(PreparedStatement ps, int parameterIndex, int column, Object value) throws SQLException {
        bind(ps, parameterIndex, types[column], value);
    }

    static void bind(PreparedStatement ps, int index, byte type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType(type));
            return;
        }
        switch (type) {
            case LONG -> ps.setLong(index, (Long) value);
            case BOOL -> ps.setBoolean(index, (Boolean) value);
            case FLOAT -> ps.setFloat(index, ((Double) value).floatValue());
            case DOUBLE -> ps.setDouble(index, (Double) value);
            case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
            case STRING -> ps.setString(index, (String) value);
            case DATE -> ps.setObject(index, value, Types.DATE);
            case INSTANT -> ps.setObject(index, LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC), Types.TIMESTAMP);
            case LOCAL_DATE_TIME -> ps.setObject(index, value, Types.TIMESTAMP);
            case BYTES -> ps.setBytes(index, (byte[]) value);
            default -> throw new IllegalStateException("unknown type " + type);
        }
    }

    private static int sqlType(byte type) {
        return switch (type) {
            case LONG -> Types.BIGINT;
            case BOOL -> Types.BOOLEAN;
            case FLOAT -> Types.FLOAT;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case STRING -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case INSTANT, LOCAL_DATE_TIME -> Types.TIMESTAMP;
            case BYTES -> Types.VARBINARY;
            default -> Types.NULL;
        };
    }

    /** Binds a user-supplied {@link io.fluxa.Where} parameter. */
    public static void bindParameter(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof EnumValue e) {
            ps.setString(index, e.databaseValue());
        } else if (value instanceof Instant instant) {
            ps.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC), Types.TIMESTAMP);
        } else if (value instanceof LocalDateTime || value instanceof LocalDate) {
            ps.setObject(index, value, value instanceof LocalDate ? Types.DATE : Types.TIMESTAMP);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            ps.setLong(index, ((Number) value).longValue());
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else {
            ps.setObject(index, value);
        }
    }

    // ---- msgpack (Redis) ------------------------------------------------------------------

    /**
     * Packers for column values start with a buffer of this many bytes and add chunks as needed.
     * msgpack's default is 8 KiB, allocated on the first write: far more than a column or a row
     * needs, and it was most of what an async flush or a Redis row write allocated.
     */
    private static final MessagePack.PackerConfig SMALL_PACKER = new MessagePack.PackerConfig().withBufferSize(256);

    /** A packer with a buffer sized for a few column values; for {@link #pack(MessageBufferPacker, int, Object)}. */
    public static MessageBufferPacker newPacker() {
        return SMALL_PACKER.newBufferPacker();
    }

    /** One column value as msgpack bytes (in an async flush entry, or as a unique index's value). */
    public byte[] pack(int column, Object value) {
        return pack(newPacker(), column, value);
    }

    /**
     * As {@link #pack(int, Object)}, written through {@code scratch} (cleared first), so a caller
     * packing many values reuses one buffer.
     */
    public byte[] pack(MessageBufferPacker scratch, int column, Object value) {
        try {
            scratch.clear();
            MsgpackScalars.pack(scratch, types[column], value);
            return scratch.toByteArray();
        } catch (IOException e) {
            throw new FluxaException("cannot encode column value for Redis: " + e.getMessage(), e);
        }
    }

    /**
     * Every column of a row except the ID, as one byte string: the columns' msgpack values one after
     * the other, in column order (a msgpack value carries its own length, so no separator is needed).
     */
    public byte[] packValues(Object[] row) {
        MessageBufferPacker packer = newPacker();
        try {
            for (int i = 1; i < types.length; i++) {
                MsgpackScalars.pack(packer, types[i], row[i]);
            }
            return packer.toByteArray();
        } catch (IOException e) {
            throw new FluxaException("cannot encode row for Redis: " + e.getMessage(), e);
        }
    }

    /**
     * Reads what {@link #packValues} wrote, starting at {@code offset} of {@code bytes}, into
     * {@code row[1..]}.
     *
     * @throws FluxaException when the bytes do not hold exactly one value per column
     */
    public void unpackValues(byte[] bytes, int offset, Object[] row) {
        int at = offset;
        for (int i = 1; i < types.length; i++) {
            if (at >= bytes.length) {
                throw new FluxaException("cannot decode row from Redis: " + (types.length - i) + " column value(s) missing");
            }
            int length;
            try {
                length = MsgpackScalars.valueLength(bytes, at);
            } catch (IndexOutOfBoundsException e) {
                length = Integer.MAX_VALUE;
            }
            if (length > bytes.length - at) {
                throw new FluxaException("cannot decode row from Redis: column " + i + " is cut short");
            }
            row[i] = unpack(i, bytes, at, length);
            at += length;
        }
        if (at != bytes.length) {
            throw new FluxaException("cannot decode row from Redis: " + (bytes.length - at) + " byte(s) after the last column");
        }
    }

    public Object unpack(int column, byte[] bytes) {
        return unpack(column, bytes, 0, bytes.length);
    }

    /** As {@link #unpack(int, byte[])} for the {@code length} bytes at {@code offset} of {@code bytes}. */
    public Object unpack(int column, byte[] bytes, int offset, int length) {
        return MsgpackScalars.decode(types[column], bytes, offset, length);
    }
}
