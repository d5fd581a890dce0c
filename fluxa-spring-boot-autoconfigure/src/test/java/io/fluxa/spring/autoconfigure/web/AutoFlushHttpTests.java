package io.fluxa.spring.autoconfigure.web;

import com.jayway.jsonpath.JsonPath;
import io.fluxa.Context;
import io.fluxa.schema.RedisCacheSettings;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.NoteEntity;
import io.fluxa.spring.autoconfigure.NoteProvider;
import io.fluxa.spring.autoconfigure.TestModels;
import io.fluxa.spring.autoconfigure.TestServices;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-flush filter in a real Spring Boot web application over real HTTP (embedded Tomcat), with
 * the real request-scoped Context and Engine writing to MariaDB and Redis.
 */
@SpringBootTest(classes = AutoFlushHttpTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"fluxa.web.exclude-patterns=/internal/**",
                "management.endpoints.web.exposure.include=health,fluxa",
                "management.endpoint.health.show-details=always"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class AutoFlushHttpTests {

    static final String DB = TestServices.database("fluxa_boot_http");
    static final int REDIS_DB = TestServices.redisDatabase();

    /** Note is cached in Redis; Ghost's table is never created, so flushing one always fails. */
    static final FluxaEntityModels MODELS = TestModels.models(
            TestModels.entity("Note", "notes", "default", new RedisCacheSettings("default", 0), null),
            TestModels.entity("Ghost", "ghosts", "default", null, null));
    static final NoteProvider NOTES = TestModels.provider(MODELS, "Note");
    static final NoteProvider GHOSTS = TestModels.provider(MODELS, "Ghost");

    private static final int BIG_BODY = 300_000;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    io.fluxa.Engine engine;

    @DynamicPropertySource
    static void pools(DynamicPropertyRegistry properties) {
        TestServices.defaultPool(properties, DB, REDIS_DB);
    }

    @BeforeAll
    static void services() {
        TestServices.freshNotes(DB, REDIS_DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @BeforeEach
    void emptyTable() {
        TestServices.sql("DELETE FROM `" + DB + "`.`notes`");
    }

    @Test
    void successfulHandlerIsFlushed() throws Exception {
        HttpResponse<String> response = post("/notes?title=first");

        assertThat(response.statusCode()).isEqualTo(201);
        long id = ((Number) JsonPath.read(response.body(), "$.id")).longValue();
        assertThat(TestServices.queryLong("SELECT COUNT(*) FROM `" + DB + "`.`notes` WHERE `Title` = 'first' AND `ID` = "
                + id)).isEqualTo(1);
        assertThat(NOTES.getById(engine.newContext(), id)).hasValueSatisfying(n -> assertThat(n.getTitle())
                .isEqualTo("first"));
    }

    @Test
    void handlerThatThrowsFlushesNothing() throws Exception {
        HttpResponse<String> response = post("/notes/then-fail?title=lost");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(TestServices.count(DB, "notes")).isZero();
    }

    @Test
    void valueRejectedByASetterIs400NamingTheFieldAndFlushesNothing() throws Exception {
        HttpResponse<String> response = post("/notes/two?first=kept&second=" + "x".repeat(101));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.field")).isEqualTo("title");
        assertThat((String) JsonPath.read(response.body(), "$.entity")).isEqualTo("Note");
        assertThat(TestServices.count(DB, "notes")).as("the valid first note is not written either").isZero();
    }

    @Test
    void duplicateKeyOnFlushIs409NamingTheIndexEvenAfterTheHandlerWroteAndFlushedABigBody() throws Exception {
        assertThat(post("/notes?title=taken").statusCode()).isEqualTo(201);

        HttpResponse<String> response = post("/notes/big?title=taken");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("X-Written-By")).as("handler headers dropped").isEmpty();
        String body = response.body();
        assertThat(body).doesNotContain("zzzz");
        assertThat((Integer) JsonPath.read(body, "$.status")).isEqualTo(409);
        assertThat((String) JsonPath.read(body, "$.type")).isEqualTo(FluxaProblems.DUPLICATE_KEY_TYPE);
        assertThat((String) JsonPath.read(body, "$.index")).isEqualTo("Title");
        assertThat((String) JsonPath.read(body, "$.table")).isEqualTo("notes");
        assertThat((String) JsonPath.read(body, "$.instance")).isEqualTo("/notes/big");
        assertThat(TestServices.count(DB, "notes")).isEqualTo(1);
    }

    @Test
    void bigBodyIsDeliveredWhenTheFlushSucceeds() throws Exception {
        HttpResponse<String> response = post("/notes/big?title=big");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Written-By")).contains("handler");
        assertThat(response.body()).hasSize(BIG_BODY);
        assertThat(TestServices.count(DB, "notes")).isEqualTo(1);
    }

    @Test
    void anyOtherFlushFailureIs500(CapturedOutput logs) throws Exception {
        HttpResponse<String> response = post("/ghosts?title=boo");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(FluxaProblems.FLUSH_FAILED_TYPE);
        assertThat(response.body()).as("no SQL, table, exception or address reaches the client")
                .doesNotContain("`ghosts`").doesNotContain("exist").doesNotContain(DB).doesNotContain("Exception")
                .doesNotContain("\"ok\"");
        String errorId = JsonPath.read(response.body(), "$.errorId");
        assertThat(errorId).isNotBlank();
        assertThat(logs.getAll()).as("the log line carries the same id, with the cause")
                .contains("errorId " + errorId).contains("ghosts");
    }

    @Test
    void aTranslatedDuplicateKeyFromAHandlerIs409ThroughTheMessageConverters() throws Exception {
        assertThat(post("/notes?title=twice").statusCode()).isEqualTo(201);

        HttpResponse<String> response = post("/notes/flush-now?title=twice");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat((String) JsonPath.read(response.body(), "$.index")).isEqualTo("Title");
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(FluxaProblems.DUPLICATE_KEY_TYPE);
    }

    @Test
    void excludedPathIsNotFlushed() throws Exception {
        HttpResponse<String> response = post("/internal/notes?title=dropped");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServices.count(DB, "notes")).isZero();
    }

    @Test
    void actuatorReportsFluxa() throws Exception {
        HttpResponse<String> fluxa = get("/actuator/fluxa");
        assertThat(fluxa.statusCode()).isEqualTo(200);
        List<String> entities = JsonPath.read(fluxa.body(), "$.entities[*].name");
        assertThat(entities).containsExactly("Ghost", "Note");
        assertThat((Integer) JsonPath.read(fluxa.body(), "$.entities[1].redisCache.ttlSeconds")).isZero();
        assertThat((String) JsonPath.read(fluxa.body(), "$.pools.mysql[0].database")).isEqualTo(DB);
        List<String> pending = JsonPath.read(fluxa.body(), "$.schema.pendingAlters[*].sql");
        assertThat(pending).anySatisfy(sql -> assertThat(sql).startsWith("CREATE TABLE `ghosts`"));

        HttpResponse<String> health = get("/actuator/health");
        assertThat((String) JsonPath.read(health.body(), "$.components.fluxa.components.mysql-default.status"))
                .isEqualTo("UP");
        assertThat((String) JsonPath.read(health.body(), "$.components.fluxa.components.redis-default.details.ping"))
                .isEqualTo("PONG");
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    // Fluxa's own pools only: Boot's DataSource and Redis modules are on this module's test class path
    // for the connection-details tests, but this application configures neither.
    @EnableAutoConfiguration(excludeName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
    static class App {

        @Bean
        FluxaEntityModels fluxaEntityModels() {
            return MODELS;
        }

        @Bean
        NotesController notesController(Context context) {
            return new NotesController(context);
        }
    }

    /** Handlers use the injected request-scoped Context and never flush themselves. */
    @RestController
    static class NotesController {

        private final Context context;

        NotesController(Context context) {
            this.context = context;
        }

        @PostMapping("/notes")
        @ResponseStatus(HttpStatus.CREATED)
        Map<String, Object> create(@RequestParam String title) {
            NoteEntity note = NOTES.newEntity(context);
            note.setTitle(title);
            return Map.of("id", note.getId(), "title", title);
        }

        @PostMapping("/notes/then-fail")
        Map<String, Object> createThenFail(@RequestParam String title) {
            NOTES.newEntity(context).setTitle(title);
            throw new IllegalStateException("handler failed after changing the Context");
        }

        @PostMapping("/notes/two")
        Map<String, Object> createTwo(@RequestParam String first, @RequestParam String second) {
            NOTES.newEntity(context).setTitle(first);
            NOTES.newEntity(context).setTitle(second);
            return Map.of("ok", true);
        }

        /** Writes a body far beyond the servlet buffer and flushes it, before the Context is flushed. */
        @PostMapping("/notes/big")
        void createWithBigBody(@RequestParam String title, HttpServletResponse response) throws IOException {
            NOTES.newEntity(context).setTitle(title);
            response.setHeader("X-Written-By", "handler");
            response.setContentType("text/plain");
            byte[] chunk = new byte[BIG_BODY / 10];
            Arrays.fill(chunk, (byte) 'z');
            for (int i = 0; i < 10; i++) {
                response.getOutputStream().write(chunk);
                response.flushBuffer();
            }
        }

        /** Flushes itself and throws Spring's translated exception, as a @Repository would. */
        @PostMapping("/notes/flush-now")
        Map<String, Object> createAndFlush(@RequestParam String title) {
            NOTES.newEntity(context).setTitle(title);
            try {
                context.flush();
            } catch (io.fluxa.DuplicateKeyException e) {
                throw new org.springframework.dao.DuplicateKeyException(e.getMessage(), e);
            }
            return Map.of("ok", true);
        }

        @PostMapping("/ghosts")
        Map<String, Object> ghost(@RequestParam String title) {
            GHOSTS.newEntity(context).setTitle(title);
            return Map.of("ok", true);
        }

        @PostMapping("/internal/notes")
        Map<String, Object> internal(@RequestParam String title) {
            NOTES.newEntity(context).setTitle(title);
            return Map.of("ok", true);
        }
    }
}
