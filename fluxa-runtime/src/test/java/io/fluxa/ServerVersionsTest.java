package io.fluxa;

import io.fluxa.engine.PoolSizing;
import io.fluxa.engine.ServerVersions;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The supported server versions and the pool sizing rule, without servers. */
class ServerVersionsTest {

    @Test
    void compareReadsTheLeadingDottedNumbers() {
        assertThat(ServerVersions.compare("10.11.6-MariaDB-0+deb12u1", "10.6")).isPositive();
        assertThat(ServerVersions.compare("10.6.0", "10.6")).isZero();
        assertThat(ServerVersions.compare("10.6", "10.6.0")).isZero();
        assertThat(ServerVersions.compare("10.5.99", "10.6")).isNegative();
        assertThat(ServerVersions.compare("8.0.36", "8.0")).isPositive();
        assertThat(ServerVersions.compare("5.7.44-log", "8.0")).isNegative();
        assertThat(ServerVersions.compare("7.0.15", "6.2")).isPositive();
        assertThat(ServerVersions.compare("6.0.16", "6.2")).isNegative();
        assertThat(ServerVersions.compare("9", "10")).as("numeric, not text, order").isNegative();
        assertThat(ServerVersions.compare("garbage", "6.2")).isNegative();
    }

    @Test
    void minimumVersionsAreMySql80MariaDb106Redis62() {
        assertThat(ServerVersions.MIN_MYSQL).isEqualTo("8.0");
        assertThat(ServerVersions.MIN_MARIADB).isEqualTo("10.6");
        assertThat(ServerVersions.MIN_REDIS).isEqualTo("6.2");
    }

    @Test
    void mySqlAndMariaDbVersionChecks() {
        for (String ok : new String[] {"8.0.0", "8.4.3", "9.1.0", "10.6.0-MariaDB", "10.11.6-MariaDB-0+deb12u1",
                "11.4.2-MariaDB-log"}) {
            assertThatCode(() -> ServerVersions.checkMySql("default", ok)).as(ok).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> ServerVersions.checkMySql("orders", "5.7.44"))
                .isInstanceOf(PoolUnavailableException.class)
                .hasMessage("MySQL pool 'orders': server version 5.7.44 is too old; Fluxa needs MySQL 8.0 or newer")
                .satisfies(e -> assertThat(((PoolUnavailableException) e).pool()).isEqualTo("orders"));
        assertThatThrownBy(() -> ServerVersions.checkMySql("orders", "10.5.23-MariaDB"))
                .isInstanceOf(PoolUnavailableException.class)
                .hasMessage("MySQL pool 'orders': server version 10.5.23-MariaDB is too old; Fluxa needs MariaDB 10.6 "
                        + "or newer");
    }

    @Test
    void redisVersionCheck() {
        for (String ok : new String[] {"6.2.0", "7.0.15", "7.4.1", "8.0.2"}) {
            assertThatCode(() -> ServerVersions.checkRedis("cache", ok)).as(ok).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> ServerVersions.checkRedis("cache", "6.0.20"))
                .isInstanceOf(PoolUnavailableException.class)
                .hasMessage("Redis pool 'cache': server version 6.0.20 is too old; Fluxa needs Redis (or Valkey) 6.2 "
                        + "or newer");
    }

    @Test
    void poolSizingTakesATenthOfMaxConnectionsBetweenTwoAndThirtyTwo() {
        assertThat(PoolSizing.of(151, 28_800)).isEqualTo(new PoolSizing(15, 7, Duration.ofMinutes(30)));
        assertThat(PoolSizing.of(10, 28_800).maxOpen()).isEqualTo(2);
        assertThat(PoolSizing.of(10, 28_800).maxIdle()).isEqualTo(1);
        assertThat(PoolSizing.of(1, 28_800).maxOpen()).isEqualTo(2);
        assertThat(PoolSizing.of(320, 28_800).maxOpen()).isEqualTo(32);
        assertThat(PoolSizing.of(100_000, 28_800)).isEqualTo(new PoolSizing(32, 16, Duration.ofMinutes(30)));
    }

    @Test
    void poolSizingReplacesConnectionsBeforeTheServerDropsThem() {
        assertThat(PoolSizing.of(151, 600).maxLifetime()).isEqualTo(Duration.ofSeconds(450));
        assertThat(PoolSizing.of(151, 2_400).maxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(PoolSizing.of(151, 20).maxLifetime()).as("never below HikariCP's 30 s minimum")
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theRunningServersMeetTheMinimums() {
        try (Engine engine = new Registry()
                .registerMySql("default", TestServices.freshDatabase("fluxa_cfg_versions"), TestServices.MYSQL_USER,
                        TestServices.MYSQL_PASSWORD, null)
                .registerRedis("default", TestServices.REDIS + ":3", null).validate()) {
            String mysql = engine.db("default").serverVersion();
            String minimum = engine.db("default").isMariaDb() ? ServerVersions.MIN_MARIADB : ServerVersions.MIN_MYSQL;
            assertThat(ServerVersions.compare(mysql, minimum)).isNotNegative();
            assertThat(ServerVersions.compare(engine.redis("default").serverVersion(), ServerVersions.MIN_REDIS))
                    .isNotNegative();
        } finally {
            TestServices.dropDatabase("fluxa_cfg_versions");
        }
    }
}
