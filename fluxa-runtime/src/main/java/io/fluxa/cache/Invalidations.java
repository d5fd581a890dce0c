package io.fluxa.cache;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The message format of {@link LocalCacheChannel}, UTF-8 text: the sender's node id on the first
 * line, then one line per table, {@code <table> TAB <id>,<id>,…}; or the single line {@code *}
 * after the node id, meaning "drop every row". One message carries everything one flush changed.
 */
final class Invalidations {

    static final String EVERYTHING = "*";

    private Invalidations() {
    }

    static byte[] encode(String node, Map<String, ? extends Iterable<Long>> idsByTable, boolean everything) {
        StringBuilder text = new StringBuilder(64).append(node).append('\n');
        if (everything) {
            text.append(EVERYTHING);
        } else {
            idsByTable.forEach((table, ids) -> {
                text.append(table).append('\t');
                boolean first = true;
                for (Long id : ids) {
                    text.append(first ? "" : ",").append(id.longValue());
                    first = false;
                }
                text.append('\n');
            });
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code message} was sent by {@code node} (compared on the bytes, nothing decoded). */
    static boolean sentBy(byte[] message, byte[] node) {
        if (message.length <= node.length || message[node.length] != '\n') {
            return false;
        }
        for (int i = 0; i < node.length; i++) {
            if (message[i] != node[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ids by table of a message; null when it means "drop every row".
     *
     * @throws IllegalArgumentException when the message is not in this format
     */
    static Map<String, Set<Long>> decode(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        int start = text.indexOf('\n');
        if (start < 0) {
            throw new IllegalArgumentException("no node id line");
        }
        Map<String, Set<Long>> result = new LinkedHashMap<>();
        for (String line : text.substring(start + 1).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals(EVERYTHING)) {
                return null;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                throw new IllegalArgumentException("line without table: " + line);
            }
            Set<Long> ids = result.computeIfAbsent(line.substring(0, tab), t -> new TreeSet<>());
            for (String id : line.substring(tab + 1).split(",")) {
                ids.add(Long.parseLong(id));
            }
        }
        return result;
    }
}
