package io.fluxa.spring.autoconfigure.web;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.DispatcherServlet;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FluxaWebAutoConfigurationTests {

    static final String DB = "fluxa_spring_web";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaWebAutoConfiguration.class))
            .withPropertyValues("fluxa.pools.default.mysql.url=" + TestServices.jdbcUrl(DB),
                    "fluxa.pools.default.mysql.username=" + TestServices.MYSQL_USER,
                    "fluxa.pools.default.mysql.password=" + TestServices.MYSQL_PASSWORD);

    @BeforeAll
    static void createDatabase() {
        TestServices.recreateDatabase(DB);
    }

    @AfterAll
    static void dropDatabase() {
        TestServices.dropDatabase(DB);
    }

    @AfterEach
    void endRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void nonWebApplicationsGetNeitherFilterNorRequestContext() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaWebAutoConfiguration.class))
                .withPropertyValues("fluxa.pools.default.mysql.url=" + TestServices.jdbcUrl(DB),
                        "fluxa.pools.default.mysql.username=" + TestServices.MYSQL_USER,
                        "fluxa.pools.default.mysql.password=" + TestServices.MYSQL_PASSWORD)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Engine.class);
                    assertThat(context).doesNotHaveBean(FluxaAutoFlushFilter.class).doesNotHaveBean(Context.class)
                            .doesNotHaveBean(FluxaExceptionHandler.class);
                });
    }

    @Test
    void eachRequestGetsItsOwnContext() {
        web.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(FluxaAutoFlushFilter.class)
                    .hasSingleBean(FluxaExceptionHandler.class);
            Context proxy = context.getBean(Context.class);
            assertThat(AopUtils.isAopProxy(proxy)).isTrue();

            MockHttpServletRequest first = new MockHttpServletRequest();
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(first));
            proxy.setMetaData("request", "first");
            assertThat(proxy.getMetaData("request")).isEqualTo("first");
            Object firstContext = first.getAttribute(FluxaAutoFlushFilter.CONTEXT_ATTRIBUTE);
            assertThat(firstContext).isInstanceOf(Context.class);
            assertThat(((Context) firstContext).engine()).isSameAs(context.getBean(Engine.class));

            MockHttpServletRequest second = new MockHttpServletRequest();
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(second));
            assertThat(proxy.getMetaData("request")).isNull();
            assertThat(second.getAttribute(FluxaAutoFlushFilter.CONTEXT_ATTRIBUTE)).isNotSameAs(firstContext);
        });
    }

    @Test
    void filterIsRegisteredWithTheConfiguredOrder() {
        web.withPropertyValues("fluxa.web.filter-order=5", "fluxa.web.exclude-patterns=/internal/**").run(context -> {
            FilterRegistrationBean<?> registration = context.getBean("fluxaAutoFlushFilterRegistration",
                    FilterRegistrationBean.class);
            assertThat(registration.getOrder()).isEqualTo(5);
            assertThat(registration.getFilter()).isSameAs(context.getBean(FluxaAutoFlushFilter.class));
        });
    }

    @Test
    void autoFlushCanBeSwitchedOff() {
        web.withPropertyValues("fluxa.web.auto-flush=false").run(context -> {
            assertThat(context).doesNotHaveBean(FluxaAutoFlushFilter.class)
                    .doesNotHaveBean("fluxaAutoFlushFilterRegistration");
            assertThat(context).hasSingleBean(Context.class);
        });
    }

    @Test
    void problemDetailsCanBeSwitchedOffOrReplaced() {
        web.withPropertyValues("fluxa.web.problem-details=false")
                .run(context -> assertThat(context).doesNotHaveBean(FluxaExceptionHandler.class));
        web.withBean("myHandler", FluxaExceptionHandler.class, MyExceptionHandler::new)
                .run(context -> assertThat(context.getBean(FluxaExceptionHandler.class))
                        .isInstanceOf(MyExceptionHandler.class));
        web.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
                .run(context -> assertThat(context).doesNotHaveBean(FluxaExceptionHandler.class)
                        .hasSingleBean(FluxaAutoFlushFilter.class));
    }

    @Test
    void userBeansWin() {
        FluxaAutoFlushFilter mine = new FluxaAutoFlushFilter(List.of("/**"));
        web.withBean(FluxaAutoFlushFilter.class, () -> mine)
                .run(context -> assertThat(context.getBean(FluxaAutoFlushFilter.class)).isSameAs(mine));
        web.withBean("myContext", Context.class, StubContext::new)
                .run(context -> assertThat(context.getBean(Context.class)).isInstanceOf(StubContext.class));
    }

    static class MyExceptionHandler extends FluxaExceptionHandler {
    }
}
