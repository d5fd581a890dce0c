package io.fluxa.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerApiTests extends ShopTestSupport {

    @Test
    void createdCustomerIsStored() {
        String email = unique("ann") + "@example.com";
        JsonNode created = expect(post("/api/customers", Map.of("email", email, "name", "Ann")), 201);
        long id = created.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(created.get("email").asString()).isEqualTo(email);
        assertThat(ShopServices.row("SELECT `Email`, `Name` FROM customers WHERE ID = ?", id))
                .containsEntry("Email", email).containsEntry("Name", "Ann");
        assertThat(expect(get("/api/customers/" + id), 200).get("name").asString()).isEqualTo("Ann");
    }

    /**
     * The duplicate is only found when the request's Context is flushed, after the handler wrote its
     * 201: the client must get the 409, never the success, and nothing of the request is stored.
     */
    @Test
    void takenEmailIs409NamingTheUniqueIndexNotA201() {
        String email = unique("bob") + "@example.com";
        long first = expect(post("/api/customers", Map.of("email", email, "name", "Bob")), 201).get("id").asLong();

        Reply second = post("/api/customers", Map.of("email", email, "name", "Other Bob"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        JsonNode problem = second.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:fluxa:problem:duplicate-key");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("table").asString()).isEqualTo("customers");
        assertThat(problem.get("index").asString()).isEqualTo("Email");
        assertThat(problem.get("detail").asString()).contains("Email");
        assertThat(problem.has("id")).isFalse();
        assertThat(problem.has("email")).isFalse();

        assertThat(ShopServices.rows("SELECT ID, `Name` FROM customers WHERE `Email` = ?", email))
                .containsExactly(Map.of("ID", first, "Name", "Bob"));
    }

    @Test
    void valuesTheColumnsCannotHoldAre400NamingTheField() {
        String email = unique("carol") + "@example.com";
        assertInvalid(Map.of("email", "c".repeat(180) + "@example.com", "name", "Carol"), "email");
        assertInvalid(Map.of("email", email, "name", "C".repeat(101)), "name");
        assertInvalid(Map.of("name", "Carol"), "email");
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("email", email);
        nullName.put("name", null);
        assertInvalid(nullName, "name");
        assertThat(ShopServices.rows("SELECT ID FROM customers WHERE `Email` = ?", email)).isEmpty();
    }

    @Test
    void malformedJsonIsA400ProblemAndAbsentCustomerA404() {
        Reply reply = post("/api/customers", "{\"email\": \"dan@example.com\", \"name\": ");
        assertThat(reply.status()).isEqualTo(400);
        // spring.mvc.problemdetails.enabled: Spring's own errors have the same shape as Fluxa's
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(400);
        assertThat(get("/api/customers/987654321").status()).isEqualTo(404);
    }

    private void assertInvalid(Map<String, ?> body, String field) {
        Reply reply = post("/api/customers", body);
        JsonNode problem = expect(reply, 400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(problem.get("type").asString()).isEqualTo("urn:fluxa:problem:invalid-value");
        assertThat(problem.get("entity").asString()).isEqualTo("Customer");
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/customers");
    }
}
