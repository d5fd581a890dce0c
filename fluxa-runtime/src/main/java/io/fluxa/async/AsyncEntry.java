package io.fluxa.async;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.flush.FlushPlan;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowCodec;
import io.fluxa.schema.ColumnSchema;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import java.io.IOException;
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
 * go from column name to the column's cache encoding ({@link RowCodec#pack}). Inserts
 * carry the new row; updates the whole new row and the old values of the changed columns; deletes
 * the old row. Columns travel by name so an entry written before a deploy still decodes after it.
 */
record AsyncEntry(boolean immediate, long createdMillis, Map<String, String> metadata, List<Op> ops,
                  String writeThroughToken) {

    static final int VERSION = 1;

    /** What an op does to its row. */
    enum Action { INSERT, UPDATE, DELETE }

    private static final Action[] ACTIONS = Action.values();
    /** The first buffer of an entry with one op (a few hundred bytes); msgpack's default is 8 KiB. */
    private static final MessagePack.PackerConfig ONE_OP_PACKER = new MessagePack.PackerConfig().withBufferSize(512);
    private static final MessagePack.PackerConfig MANY_OPS_PACKER = new MessagePack.PackerConfig();

    /**
     * One row operation. Its value maps (column name → cache bytes) stay in the entry's {@code body}:
     * {@code newValuesAt} and {@code oldValuesAt} are where they start, -1 when the op has none.
     */
    record Op(String entity, long id, Action action, boolean chosenId, long stamp, byte[] body, int newValuesAt,
              int oldValuesAt) {
    }

    private static final Map<EntityType, Long> STAMPS = new ConcurrentHashMap<>();

    /** A checksum of the entity's column names and value types, to see that the schema changed. */
    static long stamp(EntityType type) {
        return STAMPS.computeIfAbsent(type, t -> {
            CRC32 crc = new CRC32();
            for (ColumnSchema column : t.schema().columns()) {
                crc.update(column.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                crc.update(RowCodec.typeOf(column));
            }
            return crc.getValue();
        });
    }

    /** The body of the entry for {@code tables} (one pool of a planned flush). */
    static byte[] encode(Context context, List<FlushPlan.TableWork> tables, String writeThroughToken) {
        int ops = 0;
        for (FlushPlan.TableWork table : tables) {
            ops += table.inserts().size() + table.updates().size() + table.deletes().size();
        }
        // one op's entry fits in a small first buffer; bigger flushes grow it in chunks of the default size
        MessageBufferPacker p = (ops <= 1 ? ONE_OP_PACKER : MANY_OPS_PACKER).newBufferPacker();
        MessageBufferPacker scratch = RowCodec.newPacker();
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
            p.packArrayHeader(ops);
            for (FlushPlan.TableWork table : tables) {
                EntityType type = table.type();
                for (EntityState e : table.inserts()) {
                    op(p, type, e.id(), Action.INSERT, e.chosenId());
                    row(p, scratch, type, e.values(), null);
                    p.packNil();
                }
                for (int i = 0; i < table.updates().size(); i++) {
                    EntityState e = table.updates().get(i);
                    op(p, type, e.id(), Action.UPDATE, false);
                    row(p, scratch, type, e.values(), null);
                    row(p, scratch, type, e.loaded(), table.updatedColumns(i));
                }
                for (EntityState e : table.deletes()) {
                    op(p, type, e.id(), Action.DELETE, false);
                    p.packNil();
                    row(p, scratch, type, e.loaded(), null);
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
    private static void row(MessageBufferPacker p, MessageBufferPacker scratch, EntityType type, Object[] row,
            int[] columns) throws IOException {
        int n = columns == null ? type.columnCount() - 1 : columns.length;
        p.packMapHeader(n);
        for (int k = 0; k < n; k++) {
            int c = columns == null ? k + 1 : columns[k];
            p.packString(type.columnName(c));
            byte[] bytes = type.codec().pack(scratch, c, row[c]);
            p.packBinaryHeader(bytes.length);
            p.writePayload(bytes);
        }
    }

    /**
     * Reads an entry body; throws {@link FluxaException} for what this version cannot read. The value
     * maps stay in the body: an op keeps where they start ({@link EntryStates} decodes them into the
     * entity's row array).
     */
    static AsyncEntry decode(byte[] body) {
        try {
            EntryReader r = new EntryReader(body, 0);
            int fields = r.arrayHeader();
            long version = r.integer();
            if (version != VERSION || fields < 5) {
                throw new FluxaException("async flush entry has version " + version + "; this Fluxa reads version "
                        + VERSION + ": apply it with the Fluxa version that wrote it");
            }
            boolean immediate = r.bool();
            long created = r.integer();
            int metaSize = r.mapHeader();
            Map<String, String> meta = metaSize == 0 ? Map.of() : new LinkedHashMap<>();
            for (int i = 0; i < metaSize; i++) {
                meta.put(r.string(), r.string());
            }
            int opCount = r.arrayHeader();
            List<Op> ops = new ArrayList<>(opCount);
            for (int i = 0; i < opCount; i++) {
                r.arrayHeader();
                String entity = r.name();
                long id = r.integer();
                Action action = ACTIONS[(int) r.integer()];
                boolean chosen = r.bool();
                long stamp = r.integer();
                int newAt = values(r);
                int oldAt = values(r);
                ops.add(new Op(entity, id, action, chosen, stamp, body, newAt, oldAt));
            }
            String token = fields > 5 ? r.string() : "";
            return new AsyncEntry(immediate, created, meta, ops, token);
        } catch (RuntimeException e) {
            if (e instanceof FluxaException f) {
                throw f;
            }
            throw new FluxaException("cannot decode the async flush entry: " + e, e);
        }
    }

    /** Steps over a value map; returns where it starts, or -1 for nil. */
    private static int values(EntryReader r) {
        int at = r.position();
        if (r.nil()) {
            return -1;
        }
        r.skipValues();
        return at;
    }
}
