package io.fluxa.row;

import io.fluxa.FluxaException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static io.fluxa.row.RowCodec.BOOL;
import static io.fluxa.row.RowCodec.BYTES;
import static io.fluxa.row.RowCodec.DATE;
import static io.fluxa.row.RowCodec.DECIMAL;
import static io.fluxa.row.RowCodec.DOUBLE;
import static io.fluxa.row.RowCodec.FLOAT;
import static io.fluxa.row.RowCodec.INSTANT;
import static io.fluxa.row.RowCodec.LOCAL_DATE_TIME;
import static io.fluxa.row.RowCodec.LONG;
import static io.fluxa.row.RowCodec.STRING;

/**
 * The msgpack bytes of single column values, by {@link RowCodec}'s type codes: writing them, their
 * lengths, and reading them back with fast paths for the encodings Fluxa itself writes. The values
 * are always scalars (nil, booleans, integers, doubles, strings, binaries), never arrays or maps.
 */
final class MsgpackScalars {

    private MsgpackScalars() {
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

    /**
     * The value of column type {@code type} held by the {@code length} bytes at {@code offset}: the
     * encodings Fluxa writes are decoded directly, anything else by the msgpack library.
     */
    static Object decode(byte type, byte[] bytes, int offset, int length) {
        try {
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

    /** Writes {@code value} (of column type {@code type}; null as nil) to {@code p}. */
    static void pack(MessageBufferPacker p, byte type, Object value) throws IOException {
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
