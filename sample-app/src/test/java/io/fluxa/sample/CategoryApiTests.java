package io.fluxa.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryApiTests extends ShopTestSupport {

    @Test
    void createdCategoryIsStoredAndCachedAndFoundByIdAndCode() {
        String code = unique("lamps");
        JsonNode created = expect(post("/api/categories", Map.of("code", code, "name", "Lamps")), 201);
        long id = created.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(created.get("code").asString()).isEqualTo(code);
        assertThat(created.get("name").asString()).isEqualTo("Lamps");
        assertThat(created.get("parentId").isNull()).isTrue();

        // the request's Context was flushed: the row is in MySQL ...
        Map<String, Object> row = ShopServices.row("SELECT `Code`, `Name`, `Parent` FROM categories WHERE ID = ?", id);
        assertThat(row).containsEntry("Code", code).containsEntry("Name", "Lamps");
        assertThat(row.get("Parent")).isNull();
        // ... the row is cached in Redis and the cached unique index maps the code to the id
        assertThat(ShopServices.rowKeys("categories", id)).hasSize(1);
        List<String> codeIndex = ShopServices.redis().keys("categories:*:u:Code");
        assertThat(codeIndex).hasSize(1);
        assertThat(new String(ShopServices.redis().hget(codeIndex.get(0), code))).isEqualTo(Long.toString(id));

        JsonNode byId = expect(get("/api/categories/" + id), 200);
        assertThat(byId.get("code").asString()).isEqualTo(code);
        JsonNode byCode = expect(get("/api/categories/by-code/" + code), 200);
        assertThat(byCode.get("id").asLong()).isEqualTo(id);
        assertThat(byCode.get("name").asString()).isEqualTo("Lamps");
    }

    @Test
    void childCategoryReferencesItsParent() {
        long parent = createCategory(unique("home"), "Home", null);
        JsonNode child = expect(post("/api/categories",
                Map.of("code", unique("kitchen"), "name", "Kitchen", "parentId", parent)), 201);
        long childId = child.get("id").asLong();
        assertThat(child.get("parentId").asLong()).isEqualTo(parent);
        assertThat(ShopServices.row("SELECT `Parent` FROM categories WHERE ID = ?", childId))
                .containsEntry("Parent", parent);
        assertThat(expect(get("/api/categories/" + childId), 200).get("parentId").asLong()).isEqualTo(parent);
    }

    @Test
    void unknownParentIsABadRequestAndNothingIsStored() {
        String code = unique("orphan");
        JsonNode problem = expect(post("/api/categories",
                Map.of("code", code, "name", "Orphan", "parentId", 987_654_321L)), 400);
        assertThat(problem.get("entity").asString()).isEqualTo("Category");
        assertThat(problem.get("field").asString()).isEqualTo("parent");
        assertThat(ShopServices.rows("SELECT ID FROM categories WHERE `Code` = ?", code)).isEmpty();
    }

    @Test
    void absentCategoryIs404() {
        assertThat(get("/api/categories/987654321").status()).isEqualTo(404);
        assertThat(get("/api/categories/by-code/" + unique("nothing")).status()).isEqualTo(404);
    }

    @Test
    void takenCodeIs409NamingTheIndexAndTheFirstCategoryStays() {
        String code = unique("garden");
        long first = createCategory(code, "Garden", null);

        Reply second = post("/api/categories", Map.of("code", code, "name", "Garden again"));
        // the handler had already produced its 201 body; the failed flush replaced it
        JsonNode problem = expect(second, 409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("table").asString()).isEqualTo("categories");
        assertThat(problem.get("index").asString()).isEqualTo("Code");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/categories");
        assertThat(problem.has("id")).isFalse();

        assertThat(ShopServices.rows("SELECT ID, `Name` FROM categories WHERE `Code` = ?", code))
                .containsExactly(Map.of("ID", first, "Name", "Garden"));
        JsonNode byCode = expect(get("/api/categories/by-code/" + code), 200);
        assertThat(byCode.get("id").asLong()).isEqualTo(first);
        assertThat(byCode.get("name").asString()).isEqualTo("Garden");
    }
}
