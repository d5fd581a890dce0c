package io.fluxa.spring.autoconfigure.web;

import com.jayway.jsonpath.JsonPath;
import io.fluxa.Context;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.NoteProvider;
import io.fluxa.spring.autoconfigure.TestModels;
import io.fluxa.spring.autoconfigure.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming responses through the auto-flush filter over real HTTP (embedded Tomcat): the Context is
 * flushed before the stream starts, the stream then reaches the client as it is produced (each part
 * is produced only after the client confirmed the one before, so a buffered response would deliver
 * nothing until the end), and a flush that fails before the stream answers with the usual problem.
 * Ordinary and {@code Callable} responses keep the buffer-then-problem guarantee.
 */
@SpringBootTest(classes = StreamingHttpTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StreamingHttpTests {

    static final String DB = TestServices.database("fluxa_boot_stream");
    static final int REDIS_DB = TestServices.redisDatabase();

    static final FluxaEntityModels MODELS = TestModels.plainNotes();
    static final NoteProvider NOTES = TestModels.provider(MODELS, "Note");

    /** Bigger than Tomcat's response buffer, so a chunk leaves the server once it is written. */
    static final int CHUNK = 64 * 1024;
    static final int EVENTS = 3;
    /** Only guards against a hang; never asserted. */
    static final long HANG_GUARD_SECONDS = 30;

    /** Per request: which parts the client has seen, how many the server produced. */
    static final Map<String, Handshake> HANDSHAKES = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

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
    void serverSentEventsReachTheClientAsTheyAreSentAfterTheHandlersWritesAreCommitted() throws Exception {
        Handshake handshake = Handshake.register("sse", EVENTS);
        HttpResponse<Stream<String>> response = http.send(request("/sse?key=sse&title=streamed"),
                HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Iterator<String> lines = response.body().iterator();
        for (int event = 1; event <= EVENTS; event++) {
            assertThat(nextData(lines)).isEqualTo("event " + event);
            assertThat(handshake.produced.get()).as("event %d arrived before event %d was produced", event, event + 1)
                    .isEqualTo(event);
            if (event == 1) {
                assertThat(TestServices.queryLong("SELECT COUNT(*) FROM `" + DB + "`.`notes` WHERE `Title` = 'streamed'"))
                        .as("the handler's insert was committed before the first event").isEqualTo(1);
            }
            handshake.received(event);
        }
        assertThat(lines.hasNext() ? nextData(lines) : null).as("the stream ends after the last event").isNull();
        assertThat(handshake.failure.get()).isNull();
    }

    @Test
    void streamingResponseBodyReachesTheClientAsItIsWritten() throws Exception {
        Handshake handshake = Handshake.register("body", 2);
        HttpResponse<InputStream> response = http.send(request("/body?key=body&title=written"),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            // the container may hold back up to its buffer's size of the first chunk; half of it has left
            byte[] first = body.readNBytes(CHUNK / 2);
            assertThat(first).hasSize(CHUNK / 2).containsOnly((byte) 'a');
            assertThat(handshake.produced.get()).as("the first chunk arrived before the second was written")
                    .isEqualTo(1);
            assertThat(TestServices.count(DB, "notes")).as("the handler's insert was committed first").isEqualTo(1);
            handshake.received(1);

            byte[] rest = body.readAllBytes();
            assertThat(rest).hasSize(CHUNK / 2 + CHUNK);
            assertThat(Arrays.copyOfRange(rest, 0, CHUNK / 2)).containsOnly((byte) 'a');
            assertThat(Arrays.copyOfRange(rest, CHUNK / 2, rest.length)).containsOnly((byte) 'b');
        }
        assertThat(handshake.failure.get()).isNull();
    }

    @Test
    void aFlushThatFailsBeforeTheEventsAnswers409AndSendsNoEvent() throws Exception {
        TestServices.sql("INSERT INTO `" + DB + "`.`notes` (`ID`, `Title`) VALUES (1000, 'taken')");
        Handshake handshake = Handshake.register("sse-dup", EVENTS);

        HttpResponse<String> response = http.send(request("/sse?key=sse-dup&title=taken"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.index")).isEqualTo("Title");
        assertThat(response.body()).doesNotContain("event 1");
        assertThat(handshake.failure.get()).as("the emitter was told the stream never started").isNotNull();
        assertThat(TestServices.count(DB, "notes")).isEqualTo(1);
        handshake.releaseAll();
    }

    @Test
    void aFlushThatFailsBeforeTheBodyAnswers409AndNeverRunsTheBody() throws Exception {
        TestServices.sql("INSERT INTO `" + DB + "`.`notes` (`ID`, `Title`) VALUES (1000, 'taken')");
        Handshake handshake = Handshake.register("body-dup", 2);

        HttpResponse<String> response = http.send(request("/body?key=body-dup&title=taken"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(FluxaProblems.DUPLICATE_KEY_TYPE);
        assertThat(response.body()).doesNotContain("aaaa");
        assertThat(handshake.produced.get()).isZero();
    }

    @Test
    void anAsyncResponseThatIsNotStreamedIsStillBufferedAndReplacedWhenTheFlushFails() throws Exception {
        TestServices.sql("INSERT INTO `" + DB + "`.`notes` (`ID`, `Title`) VALUES (1000, 'taken')");

        HttpResponse<String> failed = http.send(request("/callable?title=taken"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> passed = http.send(request("/callable?title=fresh"), HttpResponse.BodyHandlers.ofString());

        assertThat(failed.statusCode()).isEqualTo(409);
        assertThat(failed.body()).doesNotContain("saved");
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.body()).isEqualTo("saved fresh");
        assertThat(TestServices.count(DB, "notes")).isEqualTo(2);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    /** The data of the next event (skipping the event's other lines), or null at the end. */
    private static String nextData(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                return line.substring("data:".length());
            }
        }
        return null;
    }

    /** The client confirms each part it read; the server produces part n + 1 only after that. */
    static final class Handshake {

        final CountDownLatch[] receivedParts;
        final AtomicInteger produced = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Handshake(int parts) {
            receivedParts = new CountDownLatch[parts];
            Arrays.setAll(receivedParts, i -> new CountDownLatch(1));
        }

        static Handshake register(String key, int parts) {
            Handshake handshake = new Handshake(parts);
            HANDSHAKES.put(key, handshake);
            return handshake;
        }

        /** Lets a producer whose stream never started finish. */
        void releaseAll() {
            for (CountDownLatch latch : receivedParts) {
                latch.countDown();
            }
        }

        void received(int part) {
            receivedParts[part - 1].countDown();
        }

        /** Waits for the client to confirm {@code part}; a stream that never arrives ends the wait. */
        void awaitReceived(int part) throws InterruptedException {
            if (!receivedParts[part - 1].await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the client never received part " + part);
            }
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
    static class App {

        @Bean
        FluxaEntityModels fluxaEntityModels() {
            return MODELS;
        }

        @Bean(destroyMethod = "shutdownNow")
        ExecutorService producers() {
            return Executors.newCachedThreadPool();
        }

        @Bean
        StreamingController streamingController(Context context, ExecutorService producers) {
            return new StreamingController(context, producers);
        }
    }

    /** Each handler inserts a note through the injected request Context, then streams. */
    @RestController
    static class StreamingController {

        private final Context context;
        private final ExecutorService producers;

        StreamingController(Context context, ExecutorService producers) {
            this.context = context;
            this.producers = producers;
        }

        @PostMapping("/sse")
        SseEmitter events(@RequestParam String key, @RequestParam String title) {
            NOTES.newEntity(context).setTitle(title);
            Handshake handshake = HANDSHAKES.get(key);
            SseEmitter emitter = new SseEmitter(TimeUnit.SECONDS.toMillis(HANG_GUARD_SECONDS));
            emitter.onError(handshake.failure::set);
            producers.execute(() -> {
                try {
                    for (int event = 1; event <= handshake.receivedParts.length; event++) {
                        if (event > 1) {
                            handshake.awaitReceived(event - 1);
                        }
                        handshake.produced.set(event);
                        emitter.send(SseEmitter.event().name("note").data("event " + event));
                    }
                    emitter.complete();
                } catch (Exception | Error e) {
                    handshake.failure.compareAndSet(null, e);
                    emitter.completeWithError(e);
                }
            });
            return emitter;
        }

        @PostMapping("/body")
        ResponseEntity<StreamingResponseBody> body(@RequestParam String key, @RequestParam String title) {
            NOTES.newEntity(context).setTitle(title);
            Handshake handshake = HANDSHAKES.get(key);
            StreamingResponseBody body = out -> {
                try {
                    byte[] chunk = new byte[CHUNK];
                    Arrays.fill(chunk, (byte) 'a');
                    handshake.produced.set(1);
                    out.write(chunk);
                    out.flush();
                    handshake.awaitReceived(1);
                    Arrays.fill(chunk, (byte) 'b');
                    handshake.produced.set(2);
                    out.write(chunk);
                } catch (InterruptedException | RuntimeException e) {
                    handshake.failure.set(e);
                    throw new IOException(e);
                }
            };
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(body);
        }

        /** Async, but answered in one piece: buffered like any ordinary response. */
        @PostMapping("/callable")
        java.util.concurrent.Callable<String> callable(@RequestParam String title) {
            NOTES.newEntity(context).setTitle(title);
            return () -> "saved " + title;
        }
    }
}
