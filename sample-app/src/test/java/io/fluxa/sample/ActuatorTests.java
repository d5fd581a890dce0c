package io.fluxa.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ActuatorTests extends ShopTestSupport {

    @Test
    void healthReportsBothFluxaPools() {
        JsonNode health = expect(get("/actuator/health"), 200);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode fluxa = health.get("components").get("fluxa");
        assertThat(fluxa.get("status").asString()).isEqualTo("UP");
        JsonNode mysql = fluxa.get("components").get("mysql-default");
        assertThat(mysql.get("status").asString()).isEqualTo("UP");
        assertThat(mysql.get("details").get("database").asString()).isEqualTo(ShopServices.DATABASE);
        JsonNode redis = fluxa.get("components").get("redis-default");
        assertThat(redis.get("status").asString()).isEqualTo("UP");
        assertThat(redis.get("details").get("database").asInt()).isEqualTo(ShopServices.REDIS_DB);
        assertThat(redis.get("details").get("ping").asString()).isEqualTo("PONG");
    }

    @Test
    void fluxaEndpointDescribesPoolsEntitiesAndASchemaInSync() {
        JsonNode fluxa = expect(get("/actuator/fluxa"), 200);
        assertThat(fluxa.get("pools").get("mysql").get(0).get("database").asString()).isEqualTo(ShopServices.DATABASE);
        assertThat(fluxa.get("pools").get("redis").get(0).get("database").asInt()).isEqualTo(ShopServices.REDIS_DB);
        assertThat(fluxa.get("pools").get("localCache").get(0).get("limit").asLong()).isEqualTo(10_000);

        Map<String, JsonNode> entities = new java.util.HashMap<>();
        fluxa.get("entities").forEach(e -> entities.put(e.get("name").asString(), e));
        assertThat(entities).containsOnlyKeys("Category", "Product", "Customer");
        assertThat(entities.get("Category").get("table").asString()).isEqualTo("categories");
        assertThat(entities.get("Category").get("localCache").isObject()).isTrue();
        assertThat(entities.get("Category").get("redisCache").isObject()).isTrue();
        assertThat(entities.get("Product").get("softDelete").asBoolean()).isTrue();
        assertThat(entities.get("Product").get("redisCache").isObject()).isTrue();
        assertThat(entities.get("Product").get("localCache").isNull()).isTrue();
        assertThat(entities.get("Customer").get("redisCache").isNull()).isTrue();
        // fluxa.schema.mode=update created the tables on start-up
        assertThat(fluxa.get("schema").get("pendingAlters").size()).isZero();
        // the three entity tables, plus the offset table of the async flush consumer started with the app
        assertThat(ShopServices.rows("SHOW TABLES")).hasSize(4);
        assertThat(fluxa.get("asyncFlush").get("pools").get(0).get("pool").asText()).isEqualTo("default");
    }

    @Test
    void fluxaMetersAppearInPrometheusAfterTraffic() {
        long category = createCategory(unique("metrics"), "Metrics", null);
        createProduct("Meter", 1, category, "active", List.of(), 1);
        expect(get("/api/categories/" + category), 200);
        expect(get("/api/products?categoryId=" + category), 200);

        Reply reply = get("/actuator/prometheus");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain");
        String prometheus = reply.text();
        assertThat(sample(prometheus, "fluxa_db_queries_seconds_count", "operation=\"select\"")).isPositive();
        assertThat(sample(prometheus, "fluxa_db_queries_seconds_count", "operation=\"insert\"")).isPositive();
        assertThat(sample(prometheus, "fluxa_db_queries_seconds_count", "outcome=\"success\"")).isPositive();
        assertThat(prometheus).doesNotContain("fluxa_db_queries_errors_total");
        // one observation per flush, timed by Boot's observation handler; Lettuce's meters for Fluxa's Redis pool
        assertThat(sample(prometheus, "fluxa_flush_seconds_count", "outcome=\"success\"")).isPositive();
        assertThat(sample(prometheus, "fluxa_flush_seconds_count", "fluxa_flush_mode=\"sync\"")).isPositive();
        assertThat(sample(prometheus, "lettuce_command_completion_seconds_count", "pool=\"fluxa-default\"")).isPositive();
        assertThat(sample(prometheus, "fluxa_redis_queries_seconds_count", "pool=\"default\"")).isPositive();
        assertThat(sample(prometheus, "fluxa_cache_lookups_total", "entity=\"Category\"")).isPositive();
        assertThat(prometheus).contains("fluxa_local_cache_limit{pool=\"default\"}");

        JsonNode meter = expect(get("/actuator/metrics/fluxa.db.queries"), 200);
        assertThat(meter.get("measurements").get(0).get("value").asDouble()).isPositive();
    }

    /**
     * {@code POST /actuator/fluxasearch/Product} rebuilds the product search index from MySQL in the
     * background; its progress shows in the endpoint and in the {@code fluxa_search_reindex_*} meters,
     * and the filter keeps answering from the new index.
     */
    @Test
    void searchReindexIsTriggeredOverTheActuatorAndReportedAsMeters() throws InterruptedException {
        long category = createCategory(unique("reindex"), "Reindex", null);
        long kept = createProduct("Indexed lamp", 12, category, "active", java.util.List.of(), 1);
        long live = (Long) ShopServices.row("SELECT COUNT(*) AS n FROM products WHERE `FakeDelete` = 0").get("n");
        long completedBefore = progressOf("Product").get("completed").asLong();

        Reply started = post("/actuator/fluxasearch/Product", "{}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.json().get("entity").asString()).isEqualTo("Product");

        JsonNode progress = progressOf("Product");
        for (int i = 0; i < 300 && progress.get("completed").asLong() == completedBefore; i++) {
            Thread.sleep(100); // the rebuild runs on its own thread; wait (bounded) for it to finish
            progress = progressOf("Product");
        }
        assertThat(progress.get("completed").asLong()).as("%s", progress).isEqualTo(completedBefore + 1);
        assertThat(progress.get("running").asBoolean()).isFalse();
        assertThat(progress.path("failure").isNull() || progress.path("failure").isMissingNode()).as("%s", progress)
                .isTrue();
        assertThat(progress.get("rowsIndexed").asLong()).isEqualTo(live);

        String prometheus = get("/actuator/prometheus").text();
        assertThat(sample(prometheus, "fluxa_search_reindex_rows", "entity=\"Product\"")).isEqualTo(live);
        assertThat(sample(prometheus, "fluxa_search_reindex_completed_total", "entity=\"Product\""))
                .isEqualTo(completedBefore + 1);
        assertThat(sample(prometheus, "fluxa_search_reindex_running", "entity=\"Product\"")).isZero();
        JsonNode filtered = expect(get("/api/products/filter?categoryId=" + category), 200);
        assertThat(filtered.get("items").get(0).get("id").asLong()).isEqualTo(kept);

        assertThat(post("/actuator/fluxasearch/Customer", "{}").status()).isEqualTo(400);
        Reply unknown = post("/actuator/fluxasearch/Nope", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("Product");
    }

    private JsonNode progressOf(String entity) {
        for (JsonNode progress : expect(get("/actuator/fluxasearch"), 200)) {
            if (progress.get("entity").asString().equals(entity)) {
                return progress;
            }
        }
        throw new AssertionError("no search progress for " + entity);
    }

    /** Sum of the samples of {@code metric} whose labels contain {@code label}. */
    private static double sample(String prometheus, String metric, String label) {
        Matcher m = Pattern.compile("(?m)^" + metric + "\\{([^}]*)} (\\S+)$").matcher(prometheus);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        assertThat(found).as("%s{%s} in\n%s", metric, label, prometheus).isTrue();
        return sum;
    }
}
