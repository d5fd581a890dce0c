package io.fluxa.embedded.spring;

import io.fluxa.embedded.EmbeddedServerException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolOverridesTest {

    @Test
    void jdbcUrlsKeepTheirDatabaseAndParameters() {
        assertThat(PoolOverrides.rewriteJdbcUrl("p", "jdbc:mariadb://db:3306/app", 4000))
                .isEqualTo("jdbc:mariadb://127.0.0.1:4000/app?createDatabaseIfNotExist=true");
        assertThat(PoolOverrides.rewriteJdbcUrl("p", "jdbc:mysql://a:1,b:2/app?x=1&createDatabaseIfNotExist=false", 4000))
                .isEqualTo("jdbc:mysql://127.0.0.1:4000/app?x=1&createDatabaseIfNotExist=false");
        assertThatThrownBy(() -> PoolOverrides.rewriteJdbcUrl("fluxa.pools.x.mysql.url", "mysql://db/app", 4000))
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageStartingWith("fluxa.pools.x.mysql.url: 'mysql://db/app' is not a JDBC URL");
    }

    @Test
    void redisAddressesKeepTheirDatabase() {
        assertThat(PoolOverrides.redisDatabase("p", "localhost:6379")).isZero();
        assertThat(PoolOverrides.redisDatabase("p", "localhost:6379:5")).isEqualTo(5);
        assertThat(PoolOverrides.redisDatabase("p", "rediss://u:pw@h:6380/9")).isEqualTo(9);
        assertThat(PoolOverrides.redisDatabase("p", "redis://h")).isZero();
        assertThatThrownBy(() -> PoolOverrides.redisDatabase("fluxa.pools.c.redis", "h:p:x"))
                .hasMessageStartingWith("fluxa.pools.c.redis: cannot read the Redis database of 'h:p:x'");
    }
}
