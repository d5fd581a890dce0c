package io.fluxa.spring.autoconfigure.actuate;

import io.fluxa.Engine;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.orm.EntityProvider;
import io.fluxa.redis.RedisPool;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Actuator support: the {@code fluxa} endpoint, the {@code fluxasearch} endpoint (Redis search rebuild
 * progress and trigger), and a health contributor {@code fluxa} with one
 * indicator per MySQL pool ({@code mysql-<code>}) and per Redis pool ({@code redis-<code>}).
 */
@AutoConfiguration(after = FluxaAutoConfiguration.class)
@ConditionalOnClass({Engine.class, Endpoint.class})
@ConditionalOnBean(Engine.class)
public final class FluxaActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(FluxaEndpoint.class)
    FluxaEndpoint fluxaEndpoint(Engine engine) {
        return new FluxaEndpoint(engine);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(FluxaSearchEndpoint.class)
    FluxaSearchEndpoint fluxaSearchEndpoint(Engine engine, ObjectProvider<EntityProvider<?>> providers) {
        return new FluxaSearchEndpoint(engine, providers);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthContributor.class)
    @ConditionalOnEnabledHealthIndicator("fluxa")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "fluxaHealthContributor")
        CompositeHealthContributor fluxaHealthContributor(Engine engine) {
            Map<String, HealthContributor> indicators = new LinkedHashMap<>();
            engine.dbPools().stream().sorted(Comparator.comparing(MySqlPool::code))
                    .forEach(pool -> indicators.put("mysql-" + pool.code(), new MySqlPoolHealthIndicator(pool)));
            engine.redisPools().stream().sorted(Comparator.comparing(RedisPool::code))
                    .forEach(pool -> indicators.put("redis-" + pool.code(), new RedisPoolHealthIndicator(pool)));
            return CompositeHealthContributor.fromMap(indicators);
        }
    }
}
