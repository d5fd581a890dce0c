package io.fluxa.row;

import io.fluxa.FluxaException;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EnumValue;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
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

    /** One column value as msgpack bytes (a Redis hash field value). */
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
            pack(scratch, types[column], value);
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
                pack(packer, types[i], row[i]);
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
                length = valueLength(bytes, at);
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

    /** The length of the msgpack scalar that starts at {@code at} (the kinds {@link #pack} writes). */
    static int valueLength(byte[] b, int at) {
        int head = b[at] & 0xFF;
        if (head <= 0x7F || head >= 0xE0 || head == 0xC0 || head == 0xC2 || head == 0xC3) {
            return 1;
        }
        if (head >= 0xA0 && head <= 0xBF) {
            return 1 + head - 0xA0;
        }
        return switch (head) {
            case 0xCC, 0xD0 -> 2;
            case 0xCD, 0xD1 -> 3;
            case 0xCA, 0xCE, 0xD2 -> 5;
            case 0xCB, 0xCF, 0xD3 -> 9;
            case 0xC4, 0xD9 -> 2 + (b[at + 1] & 0xFF);
            case 0xC5, 0xDA -> 3 + (((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF));
            case 0xC6, 0xDB -> {
                int size = readInt(b, at + 1);
                if (size < 0) {
                    throw new FluxaException("cannot decode row from Redis: a value of more than 2 GiB");
                }
                yield 5 + size;
            }
            default -> throw new FluxaException("cannot decode row from Redis: unexpected msgpack type 0x"
                    + Integer.toHexString(head));
        };
    }

    public Object unpack(int column, byte[] bytes) {
        return unpack(column, bytes, 0, bytes.length);
    }

    /** As {@link #unpack(int, byte[])} for the {@code length} bytes at {@code offset} of {@code bytes}. */
    public Object unpack(int column, byte[] bytes, int offset, int length) {
        byte type = types[column];
        try {
            // the values Fluxa writes are single scalars: decode the common encodings directly and
            // leave anything else to the msgpack library
            if (length > 0) {
                int head = bytes[offset] & 0xFF;
                if (head == 0xC0) {
                    return null;
                }
                switch (type) {
                    case LONG, DATE, INSTANT, LOCAL_DATE_TIME: {
                        if (!isLong(head)) {
                            break;
                        }
                        long v = fastLong(bytes, offset, head);
                        return switch (type) {
                            case DATE -> LocalDate.ofEpochDay(v);
                            case INSTANT -> Instant.ofEpochSecond(v);
                            case LOCAL_DATE_TIME -> LocalDateTime.ofEpochSecond(v, 0, ZoneOffset.UTC);
                            default -> v;
                        };
                    }
                    case BOOL:
                        if (head == 0xC2 || head == 0xC3) {
                            return head == 0xC3;
                        }
                        break;
                    case FLOAT, DOUBLE:
                        if (head == 0xCB && length == 9) {
                            return Double.longBitsToDouble(readLong(bytes, offset + 1));
                        }
                        break;
                    case STRING, DECIMAL: {
                        int skip;
                        int size;
                        if (head >= 0xA0 && head <= 0xBF) {
                            skip = 1;
                            size = head - 0xA0;
                        } else if (head == 0xD9) {
                            skip = 2;
                            size = bytes[offset + 1] & 0xFF;
                        } else if (head == 0xDA) {
                            skip = 3;
                            size = ((bytes[offset + 1] & 0xFF) << 8) | (bytes[offset + 2] & 0xFF);
                        } else {
                            break;
                        }
                        if (skip + size == length) {
                            String text = new String(bytes, offset + skip, size, StandardCharsets.UTF_8);
                            return type == DECIMAL ? new BigDecimal(text) : text;
                        }
                        break;
                    }
                    default:
                        break;
                }
            }
            try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes, offset, length)) {
                return unpack(unpacker, type);
            }
        } catch (IOException | RuntimeException e) {
            throw new FluxaException("cannot decode column value from Redis: " + e.getMessage(), e);
        }
    }

    /** True when {@code head} starts a msgpack integer. */
    private static boolean isLong(int head) {
        return head <= 0x7F || head >= 0xE0 || (head >= 0xCC && head <= 0xD3);
    }

    /** The integer at {@code at} whose first byte is {@code head} (one {@link #isLong} accepts). */
    private static long fastLong(byte[] b, int at, int head) {
        if (head <= 0x7F) {
            return head;
        }
        if (head >= 0xE0) {
            return (byte) head;
        }
        return switch (head) {
            case 0xCC -> b[at + 1] & 0xFF;
            case 0xCD -> ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
            case 0xCE -> ((long) readInt(b, at + 1)) & 0xFFFF_FFFFL;
            case 0xD0 -> b[at + 1];
            case 0xD1 -> (short) (((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF));
            case 0xD2 -> readInt(b, at + 1);
            default -> readLong(b, at + 1); // 0xCF, 0xD3: uint64 values Fluxa writes fit in a signed long
        };
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static long readLong(byte[] b, int at) {
        return ((long) readInt(b, at) << 32) | (readInt(b, at + 4) & 0xFFFF_FFFFL);
    }

    private static void pack(MessageBufferPacker p, byte type, Object value) throws IOException {
        if (value == null) {
            p.packNil();
            return;
        }
        switch (type) {
            case LONG -> p.packLong((Long) value);
            case BOOL -> p.packBoolean((Boolean) value);
            case FLOAT, DOUBLE -> p.packDouble((Double) value);
            case DECIMAL -> p.packString(((BigDecimal) value).toPlainString());
            case STRING -> p.packString((String) value);
            case DATE -> p.packLong(((LocalDate) value).toEpochDay());
            case INSTANT -> p.packLong(((Instant) value).getEpochSecond());
            case LOCAL_DATE_TIME -> p.packLong(((LocalDateTime) value).toEpochSecond(ZoneOffset.UTC));
            case BYTES -> {
                byte[] bytes = (byte[]) value;
                p.packBinaryHeader(bytes.length);
                p.writePayload(bytes);
            }
            default -> throw new IllegalStateException("unknown type " + type);
        }
    }

    private static Object unpack(MessageUnpacker u, byte type) throws IOException {
        if (u.getNextFormat() == MessageFormat.NIL) {
            u.unpackNil();
            return null;
        }
        return switch (type) {
            case LONG -> u.unpackLong();
            case BOOL -> u.unpackBoolean();
            case FLOAT, DOUBLE -> u.unpackDouble();
            case DECIMAL -> new BigDecimal(u.unpackString());
            case STRING -> u.unpackString();
            case DATE -> LocalDate.ofEpochDay(u.unpackLong());
            case INSTANT -> Instant.ofEpochSecond(u.unpackLong());
            case LOCAL_DATE_TIME -> LocalDateTime.ofEpochSecond(u.unpackLong(), 0, ZoneOffset.UTC);
            case BYTES -> u.readPayload(u.unpackBinaryHeader());
            default -> throw new IllegalStateException("unknown type " + type);
        };
    }
}
