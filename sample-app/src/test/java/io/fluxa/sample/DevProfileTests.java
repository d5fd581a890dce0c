package io.fluxa.sample;

import io.fluxa.embedded.EmbeddedServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop as scripts/run-sample.sh runs it: the dev profile, so the embedded MariaDB and Redis
 * (on free ports, beside whatever servers the machine has) instead of application.yml's addresses.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev", "fluxa.embedded.directory=../.fluxa/embedded",
                "fluxa.embedded.name=sample-dev-test", "fluxa.embedded.data=fresh"})
class DevProfileTests {

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedServers servers;

    @Autowired
    Environment environment;

    @Test
    void theDevProfileStoresInTheEmbeddedServers() throws Exception {
        assertThat(environment.getProperty("fluxa.pools.default.mysql.url")).isEqualTo("jdbc:mariadb://127.0.0.1:"
                + servers.mysqlPort() + "/fluxa_sample?createDatabaseIfNotExist=true");
        assertThat(environment.getProperty("fluxa.pools.default.redis"))
                .isEqualTo("127.0.0.1:" + servers.redisPort() + ":10");

        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/categories"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"tools\",\"name\":\"Tools\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        try (Connection c = DriverManager.getConnection(servers.mysqlUrl("fluxa_sample"), EmbeddedServers.MYSQL_USER,
                EmbeddedServers.MYSQL_PASSWORD); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT Name FROM categories WHERE Code = 'tools'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Tools");
        }
    }
}
