package io.fluxa.read;

import io.fluxa.Context;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.fluxa.schema.ColumnKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Preloads the references of many entities in batches, one lookup per tier per level, so later
 * reference getters are answered from the context (cache or identity map).
 */
public final class ReferenceLoader {

    private ReferenceLoader() {
    }

    /**
     * Loads the references named by {@code paths} ({@code "category/parent"}; {@code "*"} = every
     * reference at that level) of {@code entities}.
     *
     * @param stateOf the state behind an entity object (of any type)
     */
    public static void load(Context context, EntityType type, Collection<?> entities, String[] paths,
            Function<Object, EntityState> stateOf) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String path : paths) {
            Map<String, Object> node = tree;
            for (String part : path.split("/")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(part.trim(),
                        k -> new LinkedHashMap<String, Object>());
                node = child;
            }
        }
        loadLevel(context, type, new ArrayList<>(entities), tree, stateOf);
    }

    @SuppressWarnings("unchecked")
    private static void loadLevel(Context context, EntityType type, List<Object> entities, Map<String, Object> tree,
            Function<Object, EntityState> stateOf) {
        if (entities.isEmpty() || tree.isEmpty()) {
            return;
        }
        Map<Integer, Map<String, Object>> columns = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            Map<String, Object> children = (Map<String, Object>) entry.getValue();
            if (entry.getKey().equals("*")) {
                for (int i = 1; i < type.columnCount(); i++) {
                    if (type.schema().columns().get(i).kind() == ColumnKind.REFERENCE) {
                        columns.merge(i, children, ReferenceLoader::mergeTrees);
                    }
                }
            } else {
                columns.merge(type.referenceColumn(entry.getKey()), children, ReferenceLoader::mergeTrees);
            }
        }
        for (Map.Entry<Integer, Map<String, Object>> entry : columns.entrySet()) {
            int column = entry.getKey();
            long[] ids = new long[entities.size()];
            int n = 0;
            for (Object entity : entities) {
                Object id = stateOf.apply(entity).get(column);
                if (id != null) {
                    ids[n++] = (Long) id;
                }
            }
            EntityType target = type.referenced(column);
            List<Object> loaded = ByIdReader.getByIds(context, target, java.util.Arrays.copyOf(ids, n));
            loadLevel(context, target, loaded, entry.getValue(), stateOf);
        }
    }

    private static Map<String, Object> mergeTrees(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> merged = new LinkedHashMap<>(a);
        merged.putAll(b);
        return merged;
    }
}
