package io.fluxa.sample;

import com.jayway.jsonpath.JsonPath;
import io.fluxa.log.QueryEvent;
import io.fluxa.spring.autoconfigure.FluxaContextCustomizer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's API over real HTTP against the local MariaDB and Redis, then checked directly in the
 * database and in Redis. Uses its own database and Redis db 11, so a running sample app (database
 * fluxa_sample, Redis db 10) is not disturbed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApiTests {

    static final String DB = "fluxa_spring_sample_e2e";
    static final int REDIS_DB = 11;
    static final String MYSQL_URL = env("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/");
    static final String MYSQL_USER = env("FLUXA_TEST_MYSQL_USER", "root");
    static final String MYSQL_PASSWORD = env("FLUXA_TEST_MYSQL_PASSWORD", "");
    static final String REDIS = env("FLUXA_TEST_REDIS", "127.0.0.1:6379");

    /** Every query the app's contexts ran, to check batching. */
    static final List<QueryEvent> QUERIES = Collections.synchronizedList(new ArrayList<>());

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static String jdbcUrl(String database) {
        return (MYSQL_URL.endsWith("/") ? MYSQL_URL : MYSQL_URL + "/") + database;
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("fluxa.pools.default.mysql.url", () -> jdbcUrl(DB) + "?createDatabaseIfNotExist=true");
        registry.add("fluxa.pools.default.mysql.username", () -> MYSQL_USER);
        registry.add("fluxa.pools.default.mysql.password", () -> MYSQL_PASSWORD);
        registry.add("fluxa.pools.default.redis", () -> REDIS + ":" + REDIS_DB);
    }

    @TestConfiguration
    static class RecordQueries {
        @Bean
        FluxaContextCustomizer recordQueries() {
            return context -> context.registerQueryLogger(QUERIES::add, true, true, true);
        }
    }

    @BeforeAll
    static void freshServices() throws SQLException {
        sql("DROP DATABASE IF EXISTS `" + DB + "`");
        redis(connection -> connection.sync().flushdb());
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        sql("DROP DATABASE IF EXISTS `" + DB + "`");
    }

    // ---- categories ---------------------------------------------------------------------------

    @Test
    void categoriesAreStoredAndReadByIdAndCode() throws Exception {
        String code = unique("shoes");
        Response created = post("/api/categories", """
                {"code":"%s","name":"Shoes"}""".formatted(code));
        assertThat(created.status()).isEqualTo(201);
        long id = created.longAt("$.id");
        assertThat(id).isPositive();
        assertThat(created.stringAt("$.code")).isEqualTo(code);

        Response child = post("/api/categories", """
                {"code":"%s","name":"Running shoes","parentId":%d}""".formatted(unique("running"), id));
        assertThat(child.status()).isEqualTo(201);
        assertThat(child.longAt("$.parentId")).isEqualTo(id);

        assertThat(row("SELECT `Code`, `Name`, `Parent` FROM categories WHERE ID = ?", id))
                .containsEntry("Code", code).containsEntry("Name", "Shoes").containsEntry("Parent", null);
        assertThat(row("SELECT `Parent` FROM categories WHERE ID = ?", child.longAt("$.id")))
                .containsEntry("Parent", id);

        Response byId = get("/api/categories/" + id);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.stringAt("$.name")).isEqualTo("Shoes");
        Response byCode = get("/api/categories/by-code/" + code);
        assertThat(byCode.status()).isEqualTo(200);
        assertThat(byCode.longAt("$.id")).isEqualTo(id);

        assertThat(get("/api/categories/999999").status()).isEqualTo(404);
        assertThat(get("/api/categories/by-code/nope-" + UUID.randomUUID()).status()).isEqualTo(404);

        List<String> cached = redis(connection -> connection.sync().keys("categories:*" + id));
        assertThat(cached).as("category row cached in Redis db " + REDIS_DB).isNotEmpty();
    }

    @Test
    void duplicateCategoryCodeIs409NamingTheIndex() throws Exception {
        String code = unique("dup");
        assertThat(post("/api/categories", "{\"code\":\"" + code + "\",\"name\":\"A\"}").status()).isEqualTo(201);
        Response second = post("/api/categories", "{\"code\":\"" + code + "\",\"name\":\"B\"}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.stringAt("$.index")).isEqualTo("Code");
        assertThat(count("SELECT COUNT(*) FROM categories WHERE `Code` = ?", code)).isEqualTo(1);
    }

    // ---- products -----------------------------------------------------------------------------

    @Test
    void productLifecycle() throws Exception {
        long category = createCategory("Bags");
        Response created = post("/api/products", """
                {"name":"Tote","price":19.99,"categoryId":%d,"status":"active","tags":["new","sale"],"stock":5}"""
                .formatted(category));
        assertThat(created.status()).isEqualTo(201);
        long id = created.longAt("$.id");
        assertThat(created.stringAt("$.category.name")).isEqualTo("Bags");

        Map<String, Object> stored = row("SELECT `Name`, `Price`, `Status`, `Tags`, `Stock`, `Category`, `FakeDelete`,"
                + " `CreatedAt` FROM products WHERE ID = ?", id);
        assertThat(stored).containsEntry("Name", "Tote").containsEntry("Status", "active")
                .containsEntry("Tags", "new,sale").containsEntry("Stock", 5L).containsEntry("Category", category);
        assertThat(stored.get("Price").toString()).isEqualTo("19.99");
        assertThat(stored.get("CreatedAt")).isNotNull();

        Response read = get("/api/products/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.stringAt("$.name")).isEqualTo("Tote");
        assertThat(read.longAt("$.category.id")).isEqualTo(category);
        assertThat(read.<List<String>>at("$.tags")).containsExactly("new", "sale");

        Response patched = send("PATCH", "/api/products/" + id, """
                {"price":24.5,"status":"archived","tags":[],"stock":0}""");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.stringAt("$.status")).isEqualTo("archived");
        assertThat(row("SELECT `Name`, `Price`, `Status`, `Tags`, `Stock` FROM products WHERE ID = ?", id))
                .containsEntry("Name", "Tote").containsEntry("Status", "archived").containsEntry("Stock", 0L)
                .containsEntry("Tags", null)
                .satisfies(r -> assertThat(r.get("Price").toString()).isEqualTo("24.50"));
        assertThat(get("/api/products/" + id).stringAt("$.status")).isEqualTo("archived");

        assertThat(send("DELETE", "/api/products/" + id, null).status()).isEqualTo(204);
        assertThat(row("SELECT `FakeDelete` FROM products WHERE ID = ?", id))
                .as("soft delete keeps the row").containsEntry("FakeDelete", true);
        assertThat(get("/api/products/" + id).status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/products/" + id, null).status()).isEqualTo(404);
        assertThat(send("PATCH", "/api/products/" + id, "{\"stock\":1}").status()).isEqualTo(404);
        assertThat(get("/api/products/987654321").status()).isEqualTo(404);
    }

    @Test
    void productListFiltersPagesAndPreloadsCategoriesInOneBatch() throws Exception {
        long shirts = createCategory("Shirts");
        long hats = createCategory("Hats");
        List<Long> activeShirts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            activeShirts.add(createProduct("Shirt " + i, 10 * i, shirts, "active"));
        }
        createProduct("Draft shirt", 15, shirts, "draft");
        createProduct("Cap", 12, hats, "active");
        long deleted = createProduct("Old shirt", 20, shirts, "active");
        assertThat(send("DELETE", "/api/products/" + deleted, null).status()).isEqualTo(204);

        Response all = get("/api/products?categoryId=" + shirts + "&status=active&page=1&size=2");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.longAt("$.total")).as("soft-deleted and draft products excluded").isEqualTo(3);
        assertThat(all.<List<Integer>>at("$.items[*].id")).hasSize(2);
        assertThat(all.<List<String>>at("$.items[*].category.name")).containsOnly("Shirts");

        Response second = get("/api/products?categoryId=" + shirts + "&status=active&page=2&size=2");
        assertThat(second.<List<Number>>at("$.items[*].id")).extracting(Number::longValue)
                .containsExactly(activeShirts.get(2));

        Response priced = get("/api/products?categoryId=" + shirts + "&minPrice=15&maxPrice=25");
        assertThat(priced.<List<String>>at("$.items[*].name")).containsExactly("Shirt 2", "Draft shirt");

        // A fresh request: the categories of every listed product come in one lookup per cache tier.
        long other = createCategory("Socks");
        for (int i = 0; i < 4; i++) {
            createProduct("Sock " + i, 3, i % 2 == 0 ? other : hats, "active");
        }
        QUERIES.clear();
        Response mixed = get("/api/products?status=active&size=100");
        assertThat(mixed.<List<String>>at("$.items[*].category.name")).contains("Socks", "Hats", "Shirts");
        List<QueryEvent> categoryReads;
        synchronized (QUERIES) {
            categoryReads = QUERIES.stream().filter(q -> q.query() != null && q.query().contains("categories"))
                    .filter(q -> !q.operation().equals("EVAL")).toList();
        }
        assertThat(categoryReads).as("one read per tier, not one per product: %s", categoryReads)
                .hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void invalidProductValuesAre400NamingTheField() throws Exception {
        long category = createCategory("Toys");
        long before = count("SELECT COUNT(*) FROM products", null);

        Response badStatus = post("/api/products", """
                {"name":"Ball","price":1,"categoryId":%d,"status":"gone","tags":[],"stock":1}""".formatted(category));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.stringAt("$.field")).isEqualTo("status");

        Response negativeStock = post("/api/products", """
                {"name":"Ball","price":1,"categoryId":%d,"status":"active","tags":[],"stock":-1}""".formatted(category));
        assertThat(negativeStock.status()).isEqualTo(400);
        assertThat(negativeStock.stringAt("$.field")).isEqualTo("stock");
        assertThat(negativeStock.contentType()).startsWith("application/problem+json");

        Response missingCategory = post("/api/products", """
                {"name":"Ball","price":1,"categoryId":999999,"status":"active","tags":[],"stock":1}""");
        assertThat(missingCategory.status()).isEqualTo(400);
        assertThat(missingCategory.stringAt("$.field")).isEqualTo("category");

        assertThat(count("SELECT COUNT(*) FROM products", null)).as("nothing written").isEqualTo(before);
    }

    // ---- customers ----------------------------------------------------------------------------

    @Test
    void customersWithDuplicateEmailGet409NamingTheIndex() throws Exception {
        String email = unique("ann") + "@example.com";
        Response first = post("/api/customers", "{\"email\":\"" + email + "\",\"name\":\"Ann\"}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.longAt("$.id")).isPositive();
        assertThat(row("SELECT `Email`, `Name` FROM customers WHERE ID = ?", first.longAt("$.id")))
                .containsEntry("Email", email).containsEntry("Name", "Ann");

        Response second = post("/api/customers", "{\"email\":\"" + email + "\",\"name\":\"Another Ann\"}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.stringAt("$.index")).isEqualTo("Email");
        assertThat((Integer) second.at("$.status")).isEqualTo(409);
        assertThat(second.body()).doesNotContain("Another Ann");
        assertThat(count("SELECT COUNT(*) FROM customers WHERE `Email` = ?", email)).isEqualTo(1);
    }

    @Test
    void customerValuesTheColumnsCannotHoldAre400() throws Exception {
        Response tooLong = post("/api/customers", "{\"email\":\"" + unique("x") + "@example.com\",\"name\":\""
                + "n".repeat(101) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.stringAt("$.field")).isEqualTo("name");
        assertThat(tooLong.stringAt("$.entity")).isEqualTo("Customer");

        Response missing = post("/api/customers", "{\"name\":\"No mail\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.stringAt("$.field")).isEqualTo("email");
        assertThat(count("SELECT COUNT(*) FROM customers WHERE `Name` = ?", "No mail")).isZero();
    }

    // ---- actuator -----------------------------------------------------------------------------

    @Test
    void fluxaMetersHealthAndEndpointAreExposed() throws Exception {
        long category = createCategory("Metered");
        assertThat(get("/api/categories/" + category).status()).isEqualTo(200);
        createProduct("Meter", 1, category, "active");
        get("/api/products?size=5");

        Response prometheus = get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("fluxa_db_queries_seconds_count{")
                .contains("fluxa_redis_queries_seconds_count{")
                .contains("fluxa_cache_lookups_total{")
                .contains("fluxa_local_cache_used{")
                .containsPattern("fluxa_db_queries_seconds_count\\{[^}]*operation=\"select\"[^}]*pool=\"default\"");

        Response health = get("/actuator/health");
        assertThat(health.stringAt("$.components.fluxa.status")).isEqualTo("UP");
        assertThat(health.stringAt("$.components.fluxa.components.mysql-default.status")).isEqualTo("UP");
        assertThat(health.stringAt("$.components.fluxa.components.redis-default.status")).isEqualTo("UP");

        Response fluxa = get("/actuator/fluxa");
        assertThat(fluxa.status()).isEqualTo(200);
        assertThat(fluxa.<List<String>>at("$.entities[*].name")).containsExactly("Category", "Customer", "Product");
        assertThat(fluxa.<List<Object>>at("$.schema.pendingAlters")).isEmpty();
        assertThat(fluxa.<List<String>>at("$.pools.mysql[*].database")).containsExactly(DB);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private long createCategory(String name) throws Exception {
        Response r = post("/api/categories", "{\"code\":\"" + unique(name.toLowerCase()) + "\",\"name\":\"" + name
                + "\"}");
        assertThat(r.status()).isEqualTo(201);
        return r.longAt("$.id");
    }

    private long createProduct(String name, double price, long category, String status) throws Exception {
        Response r = post("/api/products", """
                {"name":"%s","price":%s,"categoryId":%d,"status":"%s","tags":[],"stock":1}"""
                .formatted(name, price, category, status));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.longAt("$.id");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    record Response(int status, String body, String contentType) {
        <T> T at(String path) {
            return JsonPath.read(body, path);
        }

        String stringAt(String path) {
            return JsonPath.read(body, path);
        }

        long longAt(String path) {
            return ((Number) JsonPath.read(body, path)).longValue();
        }
    }

    private Response get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private Response post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json);
    }

    private Response send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(DB), MYSQL_USER, MYSQL_PASSWORD);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, MYSQL_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** One row as column → value (BIGINT UNSIGNED as long, TINYINT(1) as boolean). */
    private static Map<String, Object> row(String query, Object parameter) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(query)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("row for " + parameter).isTrue();
                Map<String, Object> row = new java.util.HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof java.math.BigInteger big) {
                        value = big.longValue();
                    } else if (value instanceof Integer small) {
                        value = small.longValue();
                    }
                    row.put(rs.getMetaData().getColumnLabel(i), value);
                }
                return row;
            }
        }
    }

    private static long count(String query, Object parameter) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(query)) {
            if (parameter != null) {
                s.setObject(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static <T> T redis(java.util.function.Function<StatefulRedisConnection<String, String>, T> work) {
        String host = REDIS.substring(0, REDIS.lastIndexOf(':'));
        int port = Integer.parseInt(REDIS.substring(REDIS.lastIndexOf(':') + 1));
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(host).withPort(port)
                .withDatabase(REDIS_DB).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return work.apply(connection);
        } finally {
            client.shutdown();
        }
    }
}
