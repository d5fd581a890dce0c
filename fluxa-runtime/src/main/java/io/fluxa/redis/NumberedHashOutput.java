package io.fluxa.redis;

import io.lettuce.core.output.CommandOutput;

import java.nio.ByteBuffer;

/**
 * Lettuce output of an {@code HGETALL} into a {@link NumberedHash}: runs on the connection's I/O thread,
 * reads each field name from the reply buffer into one reused scratch array and copies only the
 * values. Works with RESP2 (a flat array) and RESP3 (a map): both deliver field, value, field, value.
 */
final class NumberedHashOutput extends CommandOutput<String, byte[], NumberedHash> {

    private final NumberedHash.Layout layout;
    /** The field name just read, waiting for its value; scratch, reused for every field. */
    private byte[] field = new byte[16];
    private int fieldLength = -1;

    NumberedHashOutput(NumberedHash.Layout layout) {
        super(LettuceRedisPool.CODEC, new NumberedHash(layout));
        this.layout = layout;
    }

    @Override
    public void set(ByteBuffer bytes) {
        if (fieldLength < 0) {
            int length = bytes == null ? 0 : bytes.remaining();
            if (length > field.length) {
                field = new byte[length];
            }
            if (bytes != null) {
                bytes.get(field, 0, length);
            }
            fieldLength = length;
            return;
        }
        byte[] value = new byte[bytes == null ? 0 : bytes.remaining()];
        if (bytes != null) {
            bytes.get(value);
        }
        output.put(field, fieldLength, value, layout);
        fieldLength = -1;
    }
}
