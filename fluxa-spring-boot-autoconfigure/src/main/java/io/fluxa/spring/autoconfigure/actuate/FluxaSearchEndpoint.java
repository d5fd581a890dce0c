package io.fluxa.spring.autoconfigure.actuate;

import io.fluxa.Engine;
import io.fluxa.orm.EntityProvider;
import io.fluxa.schema.EntitySchema;
import io.fluxa.search.RedisSearch;
import io.fluxa.search.ReindexProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.List;

/**
 * The {@code fluxasearch} actuator endpoint: the Redis search rebuild progress of every entity with
 * {@code @Searchable} fields (read), and a rebuild of one entity's index from MySQL (write,
 * {@code POST /actuator/fluxasearch/<Entity>}). The rebuild runs on a thread of its own, beside the
 * active index, which keeps serving; the answer is {@code 202} with the progress, and the read operation
 * or the {@code fluxa.search.reindex.*} meters show it advance.
 */
@Endpoint(id = "fluxasearch")
public class FluxaSearchEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(FluxaSearchEndpoint.class);

    private final Engine engine;
    private final ObjectProvider<EntityProvider<?>> providers;

    public FluxaSearchEndpoint(Engine engine, ObjectProvider<EntityProvider<?>> providers) {
        this.engine = engine;
        this.providers = providers;
    }

    /** The rebuild progress of every searchable entity, by entity name. */
    @ReadOperation
    public List<ReindexProgress> progress() {
        return engine.schema().entities().stream().filter(EntitySchema::searchable)
                .map(e -> RedisSearch.reindexProgress(e.entityName())).toList();
    }

    /**
     * Starts a rebuild of the Redis search index of {@code entity} (its entity name, e.g. {@code Product}):
     * 202 with the progress; 404 for an unknown entity, 400 for one without {@code @Searchable} fields,
     * 409 while this application is already rebuilding it.
     */
    @WriteOperation
    public WebEndpointResponse<Object> reindex(@Selector String entity) {
        EntityProvider<?> provider = providers.orderedStream().filter(p -> p.entityName().equals(entity))
                .findFirst().orElse(null);
        if (provider == null) {
            List<String> known = providers.orderedStream().map(EntityProvider::entityName).sorted().toList();
            return problem(WebEndpointResponse.STATUS_NOT_FOUND, "no entity '" + entity + "' (entities: " + known + ")");
        }
        if (!provider.schema().searchable()) {
            return problem(WebEndpointResponse.STATUS_BAD_REQUEST, entity + " has no @Searchable field, so it has "
                    + "no Redis search index to rebuild");
        }
        synchronized (this) {
            if (RedisSearch.reindexProgress(entity).running()) {
                return problem(409, "a Redis search rebuild of " + entity + " is already running here");
            }
            Thread thread = new Thread(() -> {
                try {
                    provider.redisReindex(engine);
                } catch (RuntimeException e) {
                    LOG.warn("Redis search rebuild of {} requested over the actuator failed", entity, e);
                }
            }, "fluxa-reindex-" + entity);
            thread.setDaemon(true);
            thread.start();
        }
        return new WebEndpointResponse<>(RedisSearch.reindexProgress(entity), 202);
    }

    private static WebEndpointResponse<Object> problem(int status, String message) {
        return new WebEndpointResponse<>(new Problem(message), status);
    }

    /** Why a rebuild was not started. */
    public record Problem(String error) {
    }
}
