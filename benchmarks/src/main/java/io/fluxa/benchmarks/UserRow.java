package io.fluxa.benchmarks;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** Decodes a hash written by {@link #packFields()}; null for an empty (absent) hash. */
    static UserRow unpackFields(long id, Map<String, byte[]> hash) {
        if (hash.isEmpty()) {
            return null;
        }
        try (MessageUnpacker name = MessagePack.newDefaultUnpacker(hash.get("name"));
             MessageUnpacker email = MessagePack.newDefaultUnpacker(hash.get("email"));
             MessageUnpacker age = MessagePack.newDefaultUnpacker(hash.get("age"));
             MessageUnpacker balance = MessagePack.newDefaultUnpacker(hash.get("balance"))) {
            return new UserRow(id, name.unpackString(), email.unpackString(), age.unpackInt(), balance.unpackDouble());
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
