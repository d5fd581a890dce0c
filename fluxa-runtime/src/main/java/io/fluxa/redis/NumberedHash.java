package io.fluxa.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A hash read whole ({@code HGETALL}) whose fields are small numbers, plus a few fields with names: the
 * values as arrays indexed by field number and by name position, decoded on the client's I/O thread
 * without the map and the field-name strings of {@link RedisPool#hGetAllBytes}. Fields that are neither
 * a number below {@link Layout#numbered()} nor one of the names are counted in {@link #size()} and
 * otherwise dropped. Values are the stored bytes.
 */
public final class NumberedHash {

    private final byte[][] numbered;
    private final byte[][] named;
    private int size;

    NumberedHash(Layout layout) {
        this.numbered = new byte[layout.numbered][];
        this.named = new byte[layout.names.length][];
    }

    /**
     * The value of field {@code number} (its name is the decimal number), or null when the hash has none.
     *
     * @throws IndexOutOfBoundsException when {@code number} is negative or not below the layout's
     *         {@link Layout#numbered()}
     */
    public byte[] get(int number) {
        return numbered[number];
    }

    /**
     * The value of the layout's name at {@code position} ({@link Layout#names()}), or null when the hash
     * has no such field.
     *
     * @throws IndexOutOfBoundsException when {@code position} is not a position of the layout's names
     */
    public byte[] named(int position) {
        return named[position];
    }

    /** How many fields the hash has, the dropped ones included. */
    public int size() {
        return size;
    }

    /** True when the key did not exist (a hash is never stored empty). */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Stores one field's value; {@code field} is the field name's bytes. */
    void put(byte[] field, int length, byte[] value, Layout layout) {
        size++;
        int number = layout.number(field, length);
        if (number >= 0) {
            numbered[number] = value;
            return;
        }
        int position = layout.position(field, length);
        if (position >= 0) {
            named[position] = value;
        }
    }

    /**
     * Which fields a {@link NumberedHash} keeps: the numbers {@code 0 … numbered - 1} and the given names.
     * Immutable; made once and reused for every read.
     */
    public static final class Layout {

        private final int numbered;
        private final String[] names;
        private final byte[][] nameBytes;

        private Layout(int numbered, String[] names) {
            this.numbered = numbered;
            this.names = names;
            this.nameBytes = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                nameBytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
            }
        }

        /**
         * Fields {@code "0"} to {@code numbered - 1} (decimal, no sign, no leading zeros) and {@code names},
         * which must not themselves be such numbers.
         */
        public static Layout of(int numbered, String... names) {
            if (numbered < 0) {
                throw new IllegalArgumentException("numbered fields must be 0 or more, got " + numbered);
            }
            String[] copy = names.clone();
            for (String name : copy) {
                Objects.requireNonNull(name, "a field name must not be null");
                if (!name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("field name '" + name + "' is a number: numbered fields need no name");
                }
            }
            return new Layout(numbered, copy);
        }

        /** How many numbered fields are kept. */
        public int numbered() {
            return numbered;
        }

        /** The names kept, in position order. */
        public String[] names() {
            return names.clone();
        }

        /** The field's number when it is a kept numbered field, else -1. */
        int number(byte[] field, int length) {
            if (length == 0 || length > 9 || (field[0] == '0' && length > 1)) {
                return -1;
            }
            int number = 0;
            for (int i = 0; i < length; i++) {
                int digit = field[i] - '0';
                if (digit < 0 || digit > 9) {
                    return -1;
                }
                number = number * 10 + digit;
            }
            return number < numbered ? number : -1;
        }

        /** The position of the field among the names, or -1. */
        int position(byte[] field, int length) {
            for (int i = 0; i < nameBytes.length; i++) {
                if (nameBytes[i].length == length && Arrays.equals(nameBytes[i], 0, length, field, 0, length)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
