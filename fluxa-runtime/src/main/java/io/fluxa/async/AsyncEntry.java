package io.fluxa.async;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.flush.FlushPlan;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.fluxa.schema.ColumnSchema;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * One stream entry of an async flush: the operations of one flush on one MySQL pool, as msgpack.
 *
 * <p>Layout: {@code [version, immediate, createdMillis, metadata map, ops array, write-through token]}
 * (the token, with which immediate mode marked the rows it wrote into the caches, is "" in deferred
 * mode; entries of earlier builds end after the ops and have none); an op is
 * {@code [entity, id, action, chosenId, schemaStamp, new values, old values]} where the value maps
 * go from column name to the column's cache encoding ({@link io.fluxa.row.RowCodec#pack}). Inserts
 * carry the new row; updates the whole new row and the old values of the changed columns; deletes
 * the old row. Columns travel by name so an entry written before a deploy still decodes after it.
 */
record AsyncEntry(boolean immediate, long createdMillis, Map<String, String> metadata, List<Op> ops,
                  String writeThroughToken) {

    static final int VERSION = 1;

    /** What an op does to its row. */
    enum Action { INSERT, UPDATE, DELETE }

    /** One row operation. */
    record Op(String entity, long id, Action action, boolean chosenId, long stamp,
              Map<String, byte[]> newValues, Map<String, byte[]> oldValues) {
    }

    private static final Map<EntityType, Long> STAMPS = new ConcurrentHashMap<>();

    /** A checksum of the entity's column names and value types, to see that the schema changed. */
    static long stamp(EntityType type) {
        return STAMPS.computeIfAbsent(type, t -> {
            CRC32 crc = new CRC32();
            for (ColumnSchema column : t.schema().columns()) {
                crc.update(column.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                crc.update(io.fluxa.row.RowCodec.typeOf(column));
            }
            return crc.getValue();
        });
    }

    /** The body of the entry for {@code tables} (one pool of a planned flush). */
    static byte[] encode(Context context, List<FlushPlan.TableWork> tables, String writeThroughToken) {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        try {
            p.packArrayHeader(6);
            p.packInt(VERSION);
            p.packBoolean(writeThroughToken != null);
            p.packLong(System.currentTimeMillis());
            Map<String, String> meta = context.metaData();
            p.packMapHeader(meta.size());
            for (Map.Entry<String, String> e : meta.entrySet()) {
                p.packString(e.getKey());
                p.packString(e.getValue());
            }
            int ops = 0;
            for (FlushPlan.TableWork table : tables) {
                ops += table.inserts().size() + table.updates().size() + table.deletes().size();
            }
            p.packArrayHeader(ops);
            for (FlushPlan.TableWork table : tables) {
                EntityType type = table.type();
                for (EntityState e : table.inserts()) {
                    op(p, type, e.id(), Action.INSERT, e.chosenId());
                    row(p, type, e.values(), null);
                    p.packNil();
                }
                for (int i = 0; i < table.updates().size(); i++) {
                    EntityState e = table.updates().get(i);
                    op(p, type, e.id(), Action.UPDATE, false);
                    row(p, type, e.values(), null);
                    row(p, type, e.loaded(), table.updatedColumns(i));
                }
                for (EntityState e : table.deletes()) {
                    op(p, type, e.id(), Action.DELETE, false);
                    p.packNil();
                    row(p, type, e.loaded(), null);
                }
            }
            p.packString(writeThroughToken == null ? "" : writeThroughToken);
            return p.toByteArray();
        } catch (IOException e) {
            throw new FluxaException("cannot encode the async flush entry: " + e.getMessage(), e);
        }
    }

    private static void op(MessageBufferPacker p, EntityType type, long id, Action action, boolean chosen)
            throws IOException {
        p.packArrayHeader(7);
        p.packString(type.entityName());
        p.packLong(id);
        p.packInt(action.ordinal());
        p.packBoolean(chosen);
        p.packLong(stamp(type));
    }

    /** Columns (all but the id, or only {@code columns}) of {@code row} as name → cache bytes. */
    private static void row(MessageBufferPacker p, EntityType type, Object[] row, int[] columns) throws IOException {
        int n = columns == null ? type.columnCount() - 1 : columns.length;
        p.packMapHeader(n);
        for (int k = 0; k < n; k++) {
            int c = columns == null ? k + 1 : columns[k];
            p.packString(type.columnName(c));
            byte[] bytes = type.codec().pack(c, row[c]);
            p.packBinaryHeader(bytes.length);
            p.writePayload(bytes);
        }
    }

    /** Reads an entry body; throws {@link FluxaException} for what this version cannot read. */
    static AsyncEntry decode(byte[] body) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(body)) {
            int fields = u.unpackArrayHeader();
            int version = u.unpackInt();
            if (version != VERSION || fields < 5) {
                throw new FluxaException("async flush entry has version " + version + "; this Fluxa reads version "
                        + VERSION + ": apply it with the Fluxa version that wrote it");
            }
            boolean immediate = u.unpackBoolean();
            long created = u.unpackLong();
            int metaSize = u.unpackMapHeader();
            Map<String, String> meta = new LinkedHashMap<>();
            for (int i = 0; i < metaSize; i++) {
                meta.put(string(u), string(u));
            }
            int opCount = u.unpackArrayHeader();
            List<Op> ops = new ArrayList<>(opCount);
            for (int i = 0; i < opCount; i++) {
                u.unpackArrayHeader();
                String entity = string(u);
                long id = u.unpackLong();
                Action action = Action.values()[u.unpackInt()];
                boolean chosen = u.unpackBoolean();
                long stamp = u.unpackLong();
                ops.add(new Op(entity, id, action, chosen, stamp, values(u), values(u)));
            }
            String token = fields > 5 ? u.unpackString() : "";
            return new AsyncEntry(immediate, created, meta, ops, token);
        } catch (IOException | RuntimeException e) {
            if (e instanceof FluxaException f) {
                throw f;
            }
            throw new FluxaException("cannot decode the async flush entry: " + e, e);
        }
    }

    /**
     * A string read straight from its UTF-8 bytes: {@link MessageUnpacker#unpackString()} gives every
     * new unpacker (one per entry) a decoder buffer of 8 192 chars, which was most of the decoding time.
     */
    private static String string(MessageUnpacker u) throws IOException {
        return new String(u.readPayload(u.unpackRawStringHeader()), StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> values(MessageUnpacker u) throws IOException {
        if (u.tryUnpackNil()) {
            return null;
        }
        int n = u.unpackMapHeader();
        Map<String, byte[]> values = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String name = string(u);
            values.put(name, u.readPayload(u.unpackBinaryHeader()));
        }
        return values;
    }
}
