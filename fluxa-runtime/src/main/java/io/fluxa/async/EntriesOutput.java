package io.fluxa.async;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.CommandOutput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer's {@code XREAD} reply of one stream, decoded on Lettuce's event loop straight into
 * {@link AsyncApplier.Raw} entries: the entry id as ASCII and the body field's bytes, without Lettuce's
 * per-entry {@code StreamMessage} and body map or the charset decoder its stream output runs on every
 * id. It follows the reply's nesting the way Lettuce's own stream output does (the stream's name, then
 * per entry its id and field-value pairs, an entry ending when its level completes); other fields of
 * an entry are skipped, a missing body field leaves the body null (the entry is then dead-lettered as
 * undecodable, as before).
 */
final class EntriesOutput extends CommandOutput<String, byte[], List<AsyncApplier.Raw>> {

    private static final byte[] BODY = AsyncKeys.BODY.getBytes(StandardCharsets.US_ASCII);

    private boolean initialized;
    private boolean streamRead;
    private String id;
    /** True between an entry's field name and its value. */
    private boolean inValue;
    private boolean valueIsBody;
    private byte[] body;
    private boolean bodyReceived;

    EntriesOutput(RedisCodec<String, byte[]> codec) {
        super(codec, List.of());
    }

    @Override
    public void set(ByteBuffer bytes) {
        if (!streamRead) {
            streamRead = bytes != null; // the stream's name: one stream is read
            return;
        }
        if (id == null) {
            id = bytes == null ? null : ascii(bytes);
            return;
        }
        bodyReceived = true;
        if (!inValue) {
            inValue = true;
            valueIsBody = bytes != null && isBodyField(bytes);
            return;
        }
        inValue = false;
        if (valueIsBody && bytes != null) {
            body = new byte[bytes.remaining()];
            bytes.get(body);
        }
    }

    @Override
    public void multi(int count) {
        if (id != null && !inValue && count == -1) {
            bodyReceived = true; // an entry without fields
        }
        if (!initialized) {
            output = new ArrayList<>();
            initialized = true;
        }
    }

    @Override
    public void complete(int depth) {
        if (depth == 3 && bodyReceived) {
            output.add(new AsyncApplier.Raw(id, body));
            id = null;
            body = null;
            inValue = false;
            bodyReceived = false;
        }
    }

    private static boolean isBodyField(ByteBuffer bytes) {
        if (bytes.remaining() != BODY.length) {
            return false;
        }
        for (int i = 0; i < BODY.length; i++) {
            if (bytes.get(bytes.position() + i) != BODY[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(ByteBuffer bytes) {
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        return new String(raw, StandardCharsets.ISO_8859_1);
    }
}
