package io.fluxa.async;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over the msgpack of an entry body that reads in place: no unpacker, no buffers, and
 * values are left in the body (their position is enough to decode them later). Reads only what
 * {@link AsyncEntry#encode} writes; anything else, or a body cut short, throws an
 * {@link IllegalArgumentException} or {@link IndexOutOfBoundsException}, which {@link AsyncEntry#decode}
 * reports as an entry it cannot decode.
 */
final class EntryReader {

    private final byte[] b;
    private int at;

    EntryReader(byte[] body, int at) {
        this.b = body;
        this.at = at;
    }

    int position() {
        return at;
    }

    /** True (and steps over it) when the next value is nil. */
    boolean nil() {
        if ((b[at] & 0xFF) == 0xC0) {
            at++;
            return true;
        }
        return false;
    }

    boolean bool() {
        int head = b[at++] & 0xFF;
        if (head == 0xC2 || head == 0xC3) {
            return head == 0xC3;
        }
        throw unexpected("a boolean", head);
    }

    long integer() {
        int head = b[at++] & 0xFF;
        if (head <= 0x7F) {
            return head;
        }
        if (head >= 0xE0) {
            return (byte) head;
        }
        long value = switch (head) {
            case 0xCC -> b[at] & 0xFF;
            case 0xD0 -> b[at];
            case 0xCD -> ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
            case 0xD1 -> (short) (((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF));
            case 0xCE -> int32(at) & 0xFFFF_FFFFL;
            case 0xD2 -> int32(at);
            case 0xCF, 0xD3 -> ((long) int32(at) << 32) | (int32(at + 4) & 0xFFFF_FFFFL);
            default -> throw unexpected("an integer", head);
        };
        at += switch (head) {
            case 0xCC, 0xD0 -> 1;
            case 0xCD, 0xD1 -> 2;
            case 0xCE, 0xD2 -> 4;
            default -> 8;
        };
        return value;
    }

    int arrayHeader() {
        return header(0x90, 0xDC, "an array");
    }

    int mapHeader() {
        return header(0x80, 0xDE, "a map");
    }

    /** An array or map header: 16 fix sizes from {@code fix}, then a 16- and a 32-bit size at {@code sized}. */
    private int header(int fix, int sized, String expected) {
        int head = b[at++] & 0xFF;
        if (head >= fix && head < fix + 16) {
            return head - fix;
        }
        if (head == sized || head == sized + 1) {
            return size(head == sized ? 2 : 4);
        }
        throw unexpected(expected, head);
    }

    /** The length of the string that follows; the cursor is then at its first byte. */
    int stringHeader() {
        int head = b[at++] & 0xFF;
        if (head >= 0xA0 && head <= 0xBF) {
            return head - 0xA0;
        }
        return switch (head) {
            case 0xD9 -> size(1);
            case 0xDA -> size(2);
            case 0xDB -> size(4);
            default -> throw unexpected("a string", head);
        };
    }

    /** The length of the binary that follows; the cursor is then at its first byte. */
    int binaryHeader() {
        int head = b[at++] & 0xFF;
        return switch (head) {
            case 0xC4 -> size(1);
            case 0xC5 -> size(2);
            case 0xC6 -> size(4);
            default -> throw unexpected("a binary", head);
        };
    }

    /**
     * Entity names: few, and in every op. Read once, later found by their bytes, so an op gets the same
     * string (whose hash is computed once) instead of a new one. Slots may be replaced by any thread:
     * a string is immutable, a stale or missing slot only costs a new string.
     */
    private static final String[] NAMES = new String[64];

    /** A string that is likely one read before (an entity name); see {@link #NAMES}. */
    String name() {
        int length = stringHeader();
        int slot = length == 0 ? 0 : (length * 31 + b[at] * 7 + b[at + length - 1]) & (NAMES.length - 1);
        String known = NAMES[slot];
        if (known == null || !sameAscii(known, at, length)) {
            known = new String(b, at, length, StandardCharsets.UTF_8);
            NAMES[slot] = known;
        }
        skip(length);
        return known;
    }

    private boolean sameAscii(String known, int from, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            byte c = b[from + i];
            if (c < 0 || known.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    String string() {
        int length = stringHeader();
        String text = new String(b, at, length, StandardCharsets.UTF_8);
        at += length;
        return text;
    }

    void skip(int bytes) {
        if (bytes < 0 || at + bytes > b.length) {
            throw new IllegalArgumentException("async flush entry ends early");
        }
        at += bytes;
    }

    /** Steps over a map of column name → value bytes, or nil. */
    void skipValues() {
        if (nil()) {
            return;
        }
        int n = mapHeader();
        for (int i = 0; i < n; i++) {
            skip(stringHeader());
            skip(binaryHeader());
        }
    }

    private int size(int bytes) {
        int size = 0;
        for (int i = 0; i < bytes; i++) {
            size = (size << 8) | (b[at++] & 0xFF);
        }
        if (size < 0) {
            throw new IllegalArgumentException("async flush entry holds a negative size");
        }
        return size;
    }

    private int int32(int from) {
        return ((b[from] & 0xFF) << 24) | ((b[from + 1] & 0xFF) << 16) | ((b[from + 2] & 0xFF) << 8)
                | (b[from + 3] & 0xFF);
    }

    private IllegalArgumentException unexpected(String expected, int head) {
        return new IllegalArgumentException("async flush entry holds msgpack type 0x" + Integer.toHexString(head) + " at byte "
                + (at - 1) + " where " + expected + " was expected");
    }
}
