package io.fluxa.sample;

import io.fluxa.Engine;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ProductApiTests extends ShopTestSupport {

    @Autowired
    QueryLog queryLog;

    @Autowired
    Engine engine;

    @Test
    void createdProductIsStoredAndReadBackWithItsCategory() throws Exception {
        long category = createCategory(unique("desks"), "Desks", null);
        JsonNode created = expect(post("/api/products", Map.of("name", "Oak desk", "price", 249.9,
                "categoryId", category, "status", "active", "tags", List.of("sale", "new"), "stock", 7)), 201);
        long id = created.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(created.get("category").get("id").asLong()).isEqualTo(category);

        Map<String, Object> row = ShopServices.row("SELECT `Name`, `Price`, `Status`, `Tags`, `Stock`, `Category`,"
                + " `FakeDelete`, `CreatedAt`, `UpdatedAt` FROM products WHERE ID = ?", id);
        assertThat(row).containsEntry("Name", "Oak desk").containsEntry("Status", "active")
                .containsEntry("Tags", "new,sale").containsEntry("Stock", 7L).containsEntry("Category", category)
                .containsEntry("FakeDelete", false);
        assertThat((BigDecimal) row.get("Price")).isEqualByComparingTo("249.90");
        assertThat(row.get("CreatedAt")).isNotNull();
        assertThat(row.get("UpdatedAt")).isNotNull();
        // the insert invalidated the product's Redis row (a tombstone without fields)
        assertThat(cachedName(id)).isNull();

        JsonNode read = expect(get("/api/products/" + id), 200);
        assertThat(read.get("name").asString()).isEqualTo("Oak desk");
        assertThat(read.get("price").asDouble()).isEqualTo(249.9);
        assertThat(read.get("status").asString()).isEqualTo("active");
        assertThat(read.get("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("new", "sale");
        assertThat(read.get("stock").asLong()).isEqualTo(7);
        assertThat(read.get("categoryId").asLong()).isEqualTo(category);
        assertThat(read.get("category").get("name").asString()).isEqualTo("Desks");
        assertThat(read.get("createdAt").asString()).isEqualTo(created.get("createdAt").asString());
        // the read filled the Redis row from MySQL (sent in the background: wait for it, bounded)
        assertThat(awaitCachedName(id)).isEqualTo("Oak desk");
    }

    @Test
    void absentProductIs404() {
        assertThat(get("/api/products/987654321").status()).isEqualTo(404);
        assertThat(patch("/api/products/987654321", Map.of("stock", 1)).status()).isEqualTo(404);
        assertThat(delete("/api/products/987654321").status()).isEqualTo(404);
    }

    @Test
    void patchChangesOnlyWhatWasSent() {
        long category = createCategory(unique("chairs"), "Chairs", null);
        long id = createProduct("Stool", 30, category, "draft", List.of("new"), 4);
        // someone else renames the product behind the app's back (and its caches' back)
        ShopServices.update("UPDATE products SET `Name` = 'Bar stool' WHERE ID = ?", id);

        queryLog.clear();
        JsonNode patched = expect(patch("/api/products/" + id, Map.of("price", 35.5, "stock", 9)), 200);
        assertThat(patched.get("price").asDouble()).isEqualTo(35.5);
        assertThat(patched.get("stock").asLong()).isEqualTo(9);
        assertThat(patched.get("status").asString()).isEqualTo("draft");

        // the UPDATE names only the columns that changed, so the other writer's name survives
        List<String> updates = queryLog.events(QuerySource.MYSQL).stream().map(QueryEvent::query)
                .filter(q -> q.startsWith("UPDATE")).toList();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0)).contains("`Price`", "`Stock`").doesNotContain("`Name`", "`Status`", "`Tags`");
        Map<String, Object> row = ShopServices.row(
                "SELECT `Name`, `Price`, `Status`, `Tags`, `Stock` FROM products WHERE ID = ?", id);
        assertThat(row).containsEntry("Name", "Bar stool").containsEntry("Status", "draft")
                .containsEntry("Tags", "new").containsEntry("Stock", 9L);
        assertThat((BigDecimal) row.get("Price")).isEqualByComparingTo("35.50");

        JsonNode statusOnly = expect(patch("/api/products/" + id,
                Map.of("status", "archived", "tags", List.of("bestseller", "sale"))), 200);
        assertThat(statusOnly.get("price").asDouble()).isEqualTo(35.5);
        assertThat(ShopServices.row("SELECT `Status`, `Tags`, `Stock` FROM products WHERE ID = ?", id))
                .containsEntry("Status", "archived").containsEntry("Tags", "sale,bestseller")
                .containsEntry("Stock", 9L);
        assertThat(Instant.parse(statusOnly.get("updatedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(statusOnly.get("createdAt").asString()));
    }

    @Test
    void patchWithNothingChangedWritesNothing() {
        long category = createCategory(unique("rugs"), "Rugs", null);
        long id = createProduct("Rug", 80, category, "active", List.of(), 2);
        queryLog.clear();
        expect(patch("/api/products/" + id, Map.of("stock", 2)), 200);
        assertThat(queryLog.events(QuerySource.MYSQL)).extracting(QueryEvent::operation)
                .doesNotContain("UPDATE", "INSERT", "COMMIT");
    }

    @Test
    void deleteIsSoftTheRowStaysMarkedAndTheApiNoLongerSeesIt() {
        long category = createCategory(unique("vases"), "Vases", null);
        long id = createProduct("Blue vase", 15, category, "active", List.of(), 1);

        Reply deleted = delete("/api/products/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();

        assertThat(get("/api/products/" + id).status()).isEqualTo(404);
        assertThat(patch("/api/products/" + id, Map.of("stock", 3)).status()).isEqualTo(404);
        assertThat(delete("/api/products/" + id).status()).isEqualTo(404);
        assertThat(ShopServices.row("SELECT `Name`, `FakeDelete`, `Stock` FROM products WHERE ID = ?", id))
                .containsEntry("Name", "Blue vase").containsEntry("FakeDelete", true).containsEntry("Stock", 1L);
        JsonNode list = expect(get("/api/products?categoryId=" + category), 200);
        assertThat(list.get("total").asLong()).isZero();
        assertThat(list.get("items").size()).isZero();
    }

    @Test
    void listFiltersByCategoryStatusAndPriceAndPages() {
        long lights = createCategory(unique("lights"), "Lights", null);
        long other = createCategory(unique("other"), "Other", null);
        long a = createProduct("Lamp A", 10, lights, "active", List.of(), 1);
        long b = createProduct("Lamp B", 20, lights, "active", List.of("sale"), 1);
        long c = createProduct("Lamp C", 30, lights, "draft", List.of(), 1);
        long d = createProduct("Lamp D", 40, lights, "active", List.of(), 1);
        createProduct("Not a lamp", 20, other, "active", List.of(), 1);

        JsonNode all = expect(get("/api/products?categoryId=" + lights), 200);
        assertThat(all.get("total").asLong()).isEqualTo(4);
        assertThat(ids(all)).containsExactly(a, b, c, d);
        for (JsonNode item : all.get("items")) {
            assertThat(item.get("category").get("id").asLong()).isEqualTo(lights);
            assertThat(item.get("category").get("name").asString()).isEqualTo("Lights");
        }

        assertThat(ids(expect(get("/api/products?categoryId=" + lights + "&status=active"), 200)))
                .containsExactly(a, b, d);
        JsonNode priced = expect(get("/api/products?categoryId=" + lights + "&minPrice=15&maxPrice=30"), 200);
        assertThat(priced.get("total").asLong()).isEqualTo(2);
        assertThat(ids(priced)).containsExactly(b, c);

        JsonNode page2 = expect(get("/api/products?categoryId=" + lights + "&page=2&size=3"), 200);
        assertThat(page2.get("total").asLong()).isEqualTo(4);
        assertThat(ids(page2)).containsExactly(d);

        JsonNode badStatus = expect(get("/api/products?status=sold"), 400);
        assertThat(badStatus.get("field").asString()).isEqualTo("status");
    }

    /**
     * A page of products costs the same queries whatever its size: one search with its count, and
     * the categories of all rows in one batch per cache tier (here all the way down to MySQL).
     */
    @Test
    void listCostsAConstantNumberOfQueriesWhateverThePageSize() {
        int products = 12;
        List<Long> categories = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            long category = createCategory(unique("shelf" + i), "Shelf " + i, null);
            categories.add(category);
            createProduct("Shelf unit " + i, 7_000 + i, category, "archived", List.of(), 1);
        }
        String query = "/api/products?status=archived&minPrice=7000&maxPrice=7999.99";

        Map<String, Long> small = queriesOf(query + "&size=2", 2);
        Map<String, Long> large = queriesOf(query + "&size=" + products, products);
        assertThat(large).isEqualTo(small);

        // the categories came from MySQL in one IN (...) query: no query per row
        List<String> categoryQueries = queryLog.events(QuerySource.MYSQL).stream().map(QueryEvent::query)
                .filter(q -> q.contains("categories")).toList();
        assertThat(categoryQueries).hasSize(1);
        assertThat(categoryQueries.get(0)).contains(" IN (");
        assertThat(queryLog.events(QuerySource.MYSQL)).hasSize(3); // count, page of products, categories
    }

    /**
     * Lists {@code path} with the categories evicted from the local cache and Redis, checks it
     * returned {@code expected} items with their categories, and counts the queries by source and
     * operation.
     */
    private Map<String, Long> queriesOf(String path, int expected) {
        engine.localCache("default").clear();
        List<String> cachedCategories = ShopServices.redis().keys("categories:*").stream()
                .filter(k -> k.matches("categories:[^:]+:\\d+")).toList();
        if (!cachedCategories.isEmpty()) {
            ShopServices.redis().del(cachedCategories.toArray(String[]::new));
        }
        queryLog.clear();
        JsonNode page = expect(get(path), 200);
        assertThat(page.get("total").asLong()).isEqualTo(12);
        assertThat(page.get("items").size()).isEqualTo(expected);
        for (JsonNode item : page.get("items")) {
            assertThat(item.get("category").get("id").asLong()).isEqualTo(item.get("categoryId").asLong());
        }
        return queryLog.events().stream().collect(Collectors.groupingBy(
                e -> e.source() + " " + e.operation(), Collectors.counting()));
    }

    @Test
    void valuesAColumnCannotHoldAre400NamingTheFieldAndNothingIsStored() {
        long category = createCategory(unique("toys"), "Toys", null);
        String name = unique("toy");

        assertInvalid(Map.of("name", name, "price", 5, "categoryId", category, "status", "sold",
                "tags", List.of(), "stock", 1), "status");
        assertInvalid(Map.of("name", name, "price", 5, "categoryId", category, "status", "active",
                "tags", List.of("cheap"), "stock", 1), "tags");
        assertInvalid(Map.of("name", name, "price", 5, "categoryId", category, "status", "active",
                "tags", List.of(), "stock", -1), "stock");
        assertInvalid(Map.of("name", name, "price", -5, "categoryId", category, "status", "active",
                "tags", List.of(), "stock", 1), "price");
        assertInvalid(Map.of("name", name, "price", 123_456_789, "categoryId", category, "status", "active",
                "tags", List.of(), "stock", 1), "price");
        // a third decimal is rejected, not rounded: decimal(10,2) holds cents
        assertInvalid(Map.of("name", name, "price", new BigDecimal("5.555"), "categoryId", category, "status",
                "active", "tags", List.of(), "stock", 1), "price");
        assertInvalid(Map.of("name", "x".repeat(201), "price", 5, "categoryId", category, "status", "active",
                "tags", List.of(), "stock", 1), "name");
        assertInvalid(Map.of("name", name, "price", 5, "categoryId", 987_654_321L, "status", "active",
                "tags", List.of(), "stock", 1), "category");
        assertInvalid(Map.of("name", name, "price", 5, "status", "active", "tags", List.of(), "stock", 1),
                "category");
        assertThat(ShopServices.rows("SELECT ID FROM products WHERE `Category` = ?", category)).isEmpty();

        long id = createProduct(name, 5, category, "active", List.of(), 1);
        JsonNode problem = expect(patch("/api/products/" + id, Map.of("name", "Renamed", "stock", -3)), 400);
        assertThat(problem.get("field").asString()).isEqualTo("stock");
        // the name was set before the stock failed; nothing of the request was written
        assertThat(ShopServices.row("SELECT `Name`, `Stock` FROM products WHERE ID = ?", id))
                .containsEntry("Name", name).containsEntry("Stock", 1L);
        assertThat(expect(get("/api/products/" + id), 200).get("name").asString()).isEqualTo(name);
    }

    private void assertInvalid(Map<String, ?> body, String field) {
        Reply reply = post("/api/products", body);
        JsonNode problem = expect(reply, 400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(problem.get("entity").asString()).isEqualTo("Product");
        assertThat(problem.get("field").asString()).as("field named by %s", reply).isEqualTo(field);
        assertThat(problem.get("detail").asString()).contains(field);
    }

    private static List<Long> ids(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("id").asLong()).toList();
    }

    private static String awaitCachedName(long id) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        String name = cachedName(id);
        while (name == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
            name = cachedName(id);
        }
        return name;
    }

    /**
     * The product's name as cached in its Redis row string (a cached row is {@code R<generation>:<token>:}
     * followed by the columns' msgpack values; the name is the first column after the id), or null when
     * no row is cached (the key holds a tombstone).
     */
    private static String cachedName(long id) {
        List<String> keys = ShopServices.rowKeys("products", id);
        assertThat(keys).hasSize(1);
        byte[] row = ShopServices.redis().get(keys.get(0));
        if (row == null || row[0] != 'R') {
            return null;
        }
        int values = 1;
        for (int colons = 0; colons < 2; values++) {
            colons += row[values] == ':' ? 1 : 0;
        }
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(row, values, row.length - values)) {
            return unpacker.unpackString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
