package io.fluxa.schema;

import java.util.List;

/**
 * A change-event stream of the entity.
 *
 * @param ops any of {@code I}, {@code U}, {@code D}
 * @param triggerColumns columns whose change publishes an update event even without {@code U}
 */
public record DirtyStreamSchema(String name, String redisPool, String ops, List<String> triggerColumns) {

    public DirtyStreamSchema {
        triggerColumns = List.copyOf(triggerColumns);
    }
}
