package io.fluxa.benchmarks;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The plain object the raw-client side of each benchmark reads into. */
record UserRow(long id, String name, String email, int age, double balance) {

    static final String COLUMNS = "`ID`, `Name`, `Email`, `Age`, `Balance`";

    static UserRow of(long id) {
        return new UserRow(id, "user " + id, "user" + id + "@example.com", (int) (id % 90), id * 1.25);
    }

    /** The row every write benchmark inserts, under a new id. */
    static UserRow inserted(long id) {
        return new UserRow(id, "inserted", "inserted@example.com", 30, 1.5);
    }

    static UserRow read(ResultSet rs) throws SQLException {
        return new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getDouble(5));
    }

    /** Runs the query and reads every row. */
    static List<UserRow> readAll(PreparedStatement query, int expectedRows) throws SQLException {
        List<UserRow> rows = new ArrayList<>(expectedRows);
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                rows.add(read(rs));
            }
        }
        return rows;
    }

    byte[] pack() {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packLong(id).packString(name).packString(email).packInt(age).packDouble(balance);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The row as a hash: one msgpack-encoded value per column, the id in the key. */
    Map<String, byte[]> packFields() {
        Map<String, byte[]> fields = new HashMap<>(8);
        fields.put("name", packed(p -> p.packString(name)));
        fields.put("email", packed(p -> p.packString(email)));
        fields.put("age", packed(p -> p.packInt(age)));
        fields.put("balance", packed(p -> p.packDouble(balance)));
        return fields;
    }

    /**
     * Decodes a hash written by {@link #packFields()}; null for an empty (absent) hash. By hand, as a
     * tuned client would: short strings, small integers and doubles straight from the bytes (what
     * Fluxa's codec does too), anything else through a msgpack unpacker.
     */
    static UserRow unpackFields(long id, Map<String, byte[]> hash) {
        if (hash.isEmpty()) {
            return null;
        }
        return new UserRow(id, string(hash.get("name")), string(hash.get("email")), (int) integer(hash.get("age")),
                floating(hash.get("balance")));
    }

    private static String string(byte[] b) {
        int head = b[0] & 0xFF;
        if (head >= 0xA0 && head <= 0xBF) {
            return new String(b, 1, head & 0x1F, StandardCharsets.UTF_8);
        }
        if (head == 0xD9) {
            return new String(b, 2, b[1] & 0xFF, StandardCharsets.UTF_8);
        }
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(b)) {
            return u.unpackString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long integer(byte[] b) {
        int head = b[0] & 0xFF;
        if (head <= 0x7F) {
            return head;
        }
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(b)) {
            return u.unpackLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double floating(byte[] b) {
        if ((b[0] & 0xFF) == 0xCB) {
            return Double.longBitsToDouble(ByteBuffer.wrap(b, 1, 8).getLong());
        }
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(b)) {
            return u.unpackDouble();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Packing {
        void pack(MessageBufferPacker packer) throws IOException;
    }

    private static byte[] packed(Packing packing) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packing.pack(packer);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static UserRow unpack(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            return new UserRow(u.unpackLong(), u.unpackString(), u.unpackString(), u.unpackInt(), u.unpackDouble());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
