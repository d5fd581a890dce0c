package io.fluxa.spring.autoconfigure.context;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.NoteProvider;
import io.fluxa.spring.autoconfigure.PlainNotesApps;
import io.fluxa.spring.autoconfigure.TestServices;
import io.fluxa.spring.autoconfigure.dao.FluxaDaoAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The injected Context inside {@code @Transactional} services: flushed just before the transaction
 * commits, emptied when it rolls back, and a failed flush rolls the whole transaction back.
 * Real MariaDB, a real {@link DataSourceTransactionManager} on the same database.
 */
class FluxaTransactionTests {

    private static final String DB = TestServices.database("fluxa_boot_tx");
    private static final FluxaEntityModels MODELS = PlainNotesApps.MODELS;
    private static final NoteProvider NOTES = PlainNotesApps.NOTES;

    private final ApplicationContextRunner runner = PlainNotesApps.runner(DB, FluxaAutoConfiguration.class,
            FluxaContextAutoConfiguration.class, FluxaDaoAutoConfiguration.class).withUserConfiguration(Transactions.class);

    @BeforeAll
    static void database() {
        PlainNotesApps.createDatabase(DB);
        TestServices.sql("CREATE TABLE `" + DB + "`.`audit` (`Message` varchar(100) NOT NULL)");
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @BeforeEach
    void empty() {
        TestServices.sql("DELETE FROM `" + DB + "`.`notes`", "DELETE FROM `" + DB + "`.`audit`");
    }

    @AfterEach
    void leaveRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aTransactionWithoutRequestOrUnitOfWorkOpensAContextFlushedAtCommit() {
        runner.run(context -> {
            NoteService service = context.getBean(NoteService.class);

            long pendingInside = service.create("committed");

            assertThat(pendingInside).as("nothing written before the commit").isEqualTo(1);
            assertThat(titles()).containsExactly("committed");
            assertThat(TestServices.count(DB, "audit")).isEqualTo(1);
        });
    }

    @Test
    void rollbackDropsTheContextsChanges() {
        runner.run(context -> {
            NoteService service = context.getBean(NoteService.class);

            assertThatThrownBy(() -> service.createThenFail("rolled-back")).isInstanceOf(IllegalStateException.class);

            assertThat(TestServices.count(DB, "notes")).isZero();
            assertThat(TestServices.count(DB, "audit")).as("the JDBC insert rolled back too").isZero();
        });
    }

    @Test
    void aFlushFailingAtCommitRollsTheTransactionBackAsSpringsDuplicateKeyException() {
        runner.run(context -> {
            NoteService service = context.getBean(NoteService.class);
            service.create("taken");

            assertThatThrownBy(() -> service.create("taken"))
                    .isInstanceOf(DuplicateKeyException.class)
                    .hasCauseInstanceOf(io.fluxa.DuplicateKeyException.class)
                    .hasMessageContaining("Title");

            assertThat(titles()).containsExactly("taken");
            assertThat(TestServices.count(DB, "audit")).as("the failed transaction's JDBC insert rolled back")
                    .isEqualTo(1);
        });
    }

    @Test
    void eachTransactionGetsItsOwnContext() {
        runner.run(context -> {
            NoteService service = context.getBean(NoteService.class);
            Context first = service.currentTarget();
            Context second = service.currentTarget();
            assertThat(first).isNotNull().isNotSameAs(second);
            assertThat(first.engine()).isSameAs(context.getBean(Engine.class));
        });
    }

    @Test
    void requiresNewSuspendsTheOuterTransactionsContext() {
        runner.run(context -> {
            NoteService service = context.getBean(NoteService.class);

            assertThatThrownBy(() -> service.outerFailsAfterInnerCommitted("outer", "inner"))
                    .isInstanceOf(IllegalStateException.class);

            assertThat(titles()).as("the inner transaction committed its own Context only").containsExactly("inner");
        });
    }

    @Test
    void theRequestContextUsedInATransactionIsFlushedAtCommitAndClearedOnRollback() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class,
                        FluxaContextAutoConfiguration.class, FluxaDaoAutoConfiguration.class))
                .withPropertyValues(TestServices.defaultPoolMySql(DB))
                .withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(PlainNotesApps.REDIS_DB))
                .withBean(FluxaEntityModels.class, () -> MODELS)
                .withUserConfiguration(Transactions.class)
                .run(context -> {
                    NoteService service = context.getBean(NoteService.class);
                    Context proxy = context.getBean(Context.class);
                    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                            new MockHttpServletRequest("POST", "/notes")));
                    NOTES.newEntity(proxy).setTitle("before");

                    service.create("in-request");

                    assertThat(titles()).as("the request's Context, pending changes included, flushed at commit")
                            .containsExactlyInAnyOrder("before", "in-request");
                    assertThatThrownBy(() -> service.createThenFail("dropped")).isInstanceOf(IllegalStateException.class);
                    assertThat(proxy.pendingChanges()).isZero();
                    assertThat(titles()).containsExactlyInAnyOrder("before", "in-request");
                });
    }

    private static java.util.List<String> titles() {
        return new JdbcTemplate(new DriverManagerDataSource(TestServices.jdbcUrl(DB), TestServices.MYSQL_USER,
                TestServices.MYSQL_PASSWORD)).queryForList("SELECT `Title` FROM `notes` ORDER BY `Title`", String.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class Transactions {

        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource(TestServices.jdbcUrl(DB), TestServices.MYSQL_USER,
                    TestServices.MYSQL_PASSWORD);
        }

        @Bean
        DataSourceTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        NoteService noteService(Context context, DataSource dataSource) {
            return new NoteService(context, new JdbcTemplate(dataSource));
        }
    }

    /** A service as an application writes it: the injected Context, JDBC beside it, no flush() call. */
    static class NoteService {

        private final Context context;
        private final JdbcTemplate jdbc;
        private NoteService self;

        NoteService(Context context, JdbcTemplate jdbc) {
            this.context = context;
            this.jdbc = jdbc;
        }

        @Transactional
        public long create(String title) {
            NOTES.newEntity(context).setTitle(title);
            jdbc.update("INSERT INTO `audit` (`Message`) VALUES (?)", "created " + title);
            return context.pendingChanges();
        }

        @Transactional
        public void createThenFail(String title) {
            create(title);
            throw new IllegalStateException("failed after changing the Context");
        }

        @Transactional
        public Context currentTarget() {
            context.pendingChanges(); // first use opens the transaction's Context
            return unwrap(context);
        }

        @Transactional
        public void outerFailsAfterInnerCommitted(String outer, String inner) {
            NOTES.newEntity(context).setTitle(outer);
            self.createInNewTransaction(inner);
            throw new IllegalStateException("outer transaction fails");
        }

        @Transactional(propagation = Propagation.REQUIRES_NEW)
        public void createInNewTransaction(String title) {
            NOTES.newEntity(context).setTitle(title);
        }

        @org.springframework.beans.factory.annotation.Autowired
        void setSelf(@org.springframework.context.annotation.Lazy NoteService self) {
            this.self = self;
        }

        private static Context unwrap(Context proxy) {
            return (Context) ((org.springframework.aop.scope.ScopedObject) proxy).getTargetObject();
        }
    }
}
