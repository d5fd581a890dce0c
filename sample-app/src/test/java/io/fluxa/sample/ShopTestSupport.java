package io.fluxa.sample;

import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import io.fluxa.spring.autoconfigure.FluxaContextCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Starts the real shop on a random port, against this test run's database and leased Redis database
 * ({@link ShopServices}), and talks to it over HTTP. Every test class extends this
 * one with the same configuration, so they share one running application.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ShopTestSupport.QueryRecording.class)
abstract class ShopTestSupport {

    static {
        ShopServices.resetOnce();
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("fluxa.pools.default.mysql.url", ShopServices::jdbcUrl);
        registry.add("fluxa.pools.default.mysql.username", () -> ShopServices.MYSQL_USER);
        registry.add("fluxa.pools.default.mysql.password", () -> ShopServices.MYSQL_PASSWORD);
        registry.add("fluxa.pools.default.redis", ShopServices::redisAddress);
    }

    /** Every query the application's Fluxa contexts ran, recorded through a context customizer. */
    static final class QueryLog {

        private final ConcurrentLinkedQueue<QueryEvent> events = new ConcurrentLinkedQueue<>();

        void clear() {
            events.clear();
        }

        List<QueryEvent> events() {
            return new ArrayList<>(events);
        }

        List<QueryEvent> events(QuerySource source) {
            return events.stream().filter(e -> e.source() == source).toList();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class QueryRecording {

        @Bean
        QueryLog queryLog() {
            return new QueryLog();
        }

        @Bean
        FluxaContextCustomizer recordQueries(QueryLog log) {
            return context -> context.registerQueryLogger(log.events::add, true, true, true);
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    /** One HTTP exchange: status, content type and the body (parsed when it is JSON). */
    record Reply(int status, String contentType, String text) {

        JsonNode json() {
            return JSON.readTree(text);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path, Map<String, ?> body) {
        return post(path, JSON.writeValueAsString(body));
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply patch(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fails with the whole reply unless it has {@code status}; returns the JSON body. */
    static JsonNode expect(Reply reply, int status) {
        if (reply.status() != status) {
            throw new AssertionError("expected HTTP " + status + ", got " + reply);
        }
        return reply.text().isEmpty() ? null : reply.json();
    }

    // ---- test data ----------------------------------------------------------------------------

    /** A value no other test uses, e.g. a category code or an e-mail local part. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    long createCategory(String code, String name, Long parentId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "name", name));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return expect(post("/api/categories", body), 201).get("id").asLong();
    }

    long createProduct(String name, double price, long categoryId, String status, List<String> tags, long stock) {
        Map<String, Object> body = Map.of("name", name, "price", price, "categoryId", categoryId,
                "status", Objects.requireNonNull(status), "tags", tags, "stock", stock);
        return expect(post("/api/products", body), 201).get("id").asLong();
    }
}
