package io.fluxa.sample;

import io.fluxa.sample.model.entities.CategoryProvider;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.aot.BeanInstanceSupplier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the shop from the code {@code process-aot} generated ({@code ShopApplication__ApplicationContextInitializer}
 * and the bean definitions it registers) instead of from its configuration classes, as a native image
 * would, and uses it over HTTP against the real MariaDB and Redis. The sample's build runs
 * {@code process-aot} before the tests; this test switches Spring's AOT mode on
 * ({@code spring.aot.enabled}, what {@code java -Dspring.aot.enabled=true -jar} does) only while it
 * starts the shop, so the other test classes of the JVM start it the ordinary way.
 */
class AotApplicationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theAotGeneratedContextStoresAndReadsThroughTheGeneratedProviders() throws Exception {
        ShopServices.resetOnce();
        try (ConfigurableApplicationContext app = startFromAotCode()) {
            // the generated initializer built this context: the provider registrar was left out of it,
            // and the provider definitions were registered by generated code
            ConfigurableListableBeanFactory beans = app.getBeanFactory();
            assertThat(Class.forName(ShopApplication.class.getName() + "__ApplicationContextInitializer")).isNotNull();
            assertThat(beans.containsBeanDefinition("fluxaProviderRegistrar")).isFalse();
            RootBeanDefinition provider = (RootBeanDefinition) beans.getMergedBeanDefinition("categoryProvider");
            assertThat(provider.getInstanceSupplier()).isInstanceOf(BeanInstanceSupplier.class);
            assertThat(provider.getBeanClass()).isEqualTo(CategoryProvider.class);
            assertThat(app.getBean(CategoryProvider.class)).isSameAs(CategoryProvider.INSTANCE);

            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String code = "aot-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> created = send(HttpRequest.newBuilder(uri(port, "/api/categories"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("code", code, "name", "Ahead")))));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = JSON.readTree(created.body()).get("id").asLong();

            // flushed by the request's Context: in MySQL, and found again by code through the provider
            assertThat(ShopServices.row("SELECT `Code`, `Name` FROM categories WHERE ID = ?", id))
                    .containsEntry("Code", code).containsEntry("Name", "Ahead");
            HttpResponse<String> byCode = send(HttpRequest.newBuilder(uri(port, "/api/categories/by-code/" + code)).GET());
            assertThat(byCode.statusCode()).as(byCode.body()).isEqualTo(200);
            JsonNode found = JSON.readTree(byCode.body());
            assertThat(found.get("id").asLong()).isEqualTo(id);
            assertThat(found.get("name").asString()).isEqualTo("Ahead");
        }
    }

    private static ConfigurableApplicationContext startFromAotCode() {
        String before = System.getProperty(AotDetector.AOT_ENABLED);
        System.setProperty(AotDetector.AOT_ENABLED, "true");
        try {
            assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
            SpringApplication shop = new SpringApplication(ShopApplication.class);
            shop.setMainApplicationClass(ShopApplication.class);   // names the generated initializer
            return shop.run("--server.port=0",
                    "--fluxa.pools.default.mysql.url=" + ShopServices.jdbcUrl(),
                    "--fluxa.pools.default.mysql.username=" + ShopServices.MYSQL_USER,
                    "--fluxa.pools.default.mysql.password=" + ShopServices.MYSQL_PASSWORD,
                    "--fluxa.pools.default.redis=" + ShopServices.redisAddress());
        } finally {
            if (before == null) {
                System.clearProperty(AotDetector.AOT_ENABLED);
            } else {
                System.setProperty(AotDetector.AOT_ENABLED, before);
            }
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
