package io.fluxa.redis;

import io.lettuce.core.output.CommandOutput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Decodes any script reply into plain Java: integers to {@code Long}, bulk and status strings to
 * {@code String} (UTF-8), arrays (nested to any depth) to {@code List<Object>}, nil to {@code null},
 * RESP3 doubles and booleans to {@code Double} and {@code Boolean}.
 *
 * <p>Lettuce's own script outputs cannot be used for this: its {@code MULTI} output answers
 * {@code return 42} and {@code return {42}} alike, and its {@code OBJECT} output fails on a plain
 * string reply. This output counts the elements of every open array itself, so it does not depend
 * on how the parser reports nesting depth.
 */
final class ScriptReply extends CommandOutput<String, byte[], Object> {

    /** Arrays being filled, innermost first, and how many elements each still expects. */
    private final Deque<List<Object>> open = new ArrayDeque<>();
    private final Deque<Integer> expected = new ArrayDeque<>();

    ScriptReply() {
        super(LettuceRedisPool.CODEC, null);
    }

    @Override
    public void set(long integer) {
        add(integer);
    }

    @Override
    public void set(double number) {
        add(number);
    }

    @Override
    public void set(boolean value) {
        add(value);
    }

    @Override
    public void set(ByteBuffer bytes) {
        add(bytes == null ? null : StandardCharsets.UTF_8.decode(bytes).toString());
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        set(bytes);
    }

    @Override
    public void setBigNumber(ByteBuffer bytes) {
        set(bytes);
    }

    @Override
    public void multi(int count) {
        if (count <= 0) {
            add(count < 0 ? null : new ArrayList<>());
            return;
        }
        open.push(new ArrayList<>(count));
        expected.push(count);
    }

    @Override
    public void complete(int depth) {
        // nesting is tracked by counting elements in add()
    }

    private void add(Object value) {
        Object element = value;
        while (!open.isEmpty()) {
            open.peek().add(element);
            int left = expected.pop() - 1;
            if (left > 0) {
                expected.push(left);
                return;
            }
            element = open.pop(); // a completed array is one element of its parent
        }
        output = element;
    }
}
