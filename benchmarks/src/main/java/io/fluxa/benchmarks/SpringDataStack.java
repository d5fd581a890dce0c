package io.fluxa.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * Spring Data JDBC in a minimal Spring context (no Boot auto-configuration) over the fixture's
 * HikariCP pool, the one the raw JDBC side uses.
 */
@State(Scope.Benchmark)
public class SpringDataStack {

    SpringDataUserRepository repository;
    JdbcAggregateOperations aggregates;
    TransactionTemplate transactions;
    private AnnotationConfigApplicationContext spring;

    @Setup(Level.Trial)
    public void setUp(Fixture f) {
        spring = new AnnotationConfigApplicationContext();
        spring.registerBean(DataSource.class, () -> f.jdbc);
        spring.register(Config.class);
        spring.refresh();
        repository = spring.getBean(SpringDataUserRepository.class);
        aggregates = spring.getBean(JdbcAggregateOperations.class);
        transactions = spring.getBean(TransactionTemplate.class);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        spring.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(basePackageClasses = SpringDataUserRepository.class)
    static class Config extends AbstractJdbcConfiguration {

        @Bean
        NamedParameterJdbcOperations namedParameterJdbcOperations(DataSource dataSource) {
            return new NamedParameterJdbcTemplate(dataSource);
        }

        @Bean
        JdbcTransactionManager transactionManager(DataSource dataSource) {
            return new JdbcTransactionManager(dataSource);
        }

        @Bean
        TransactionTemplate transactionTemplate(JdbcTransactionManager transactionManager) {
            return new TransactionTemplate(transactionManager);
        }
    }
}
