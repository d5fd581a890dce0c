package io.fluxa.spring.autoconfigure.web;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextCustomizer;
import io.fluxa.spring.autoconfigure.TestServices;
import io.fluxa.spring.autoconfigure.context.FluxaContextAutoConfiguration;
import io.fluxa.spring.autoconfigure.context.NoUnitOfWorkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which web beans exist when, and how the request-scoped Context behaves. */
class FluxaWebAutoConfigurationTests {

    private static final String DB = TestServices.database("fluxa_boot_web");
    private static final String CONTEXT = "fluxaContext";

    private static final String[] MYSQL = TestServices.defaultPoolMySql(DB);

    private static final AutoConfigurations CONFIGURATIONS =
            AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaContextAutoConfiguration.class,
                    FluxaWebAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(CONFIGURATIONS).withPropertyValues(MYSQL);

    @BeforeAll
    static void database() {
        TestServices.recreateDatabase(DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @AfterEach
    void leaveRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void servletAppGetsAContextProxyFilterAndProblemHandler() {
        web.run(context -> {
            assertThat(context).hasNotFailed();
            // The scoped proxy plus its hidden target definition; only the proxy is an autowire candidate.
            assertThat(context.getBeanNamesForType(Context.class))
                    .containsExactlyInAnyOrder(CONTEXT, "scopedTarget." + CONTEXT);
            assertThat(context.getBean(Context.class)).isSameAs(context.getBean(CONTEXT))
                    .isInstanceOf(ScopedObject.class);
            assertThat(context.getBeanFactory().getBeanDefinition("scopedTarget." + CONTEXT).getScope())
                    .isEqualTo("fluxaContext");
            assertThat(context).hasSingleBean(FluxaAutoFlushFilter.class).hasSingleBean(FluxaExceptionHandler.class);
            FilterRegistrationBean<?> registration =
                    context.getBean("fluxaAutoFlushFilterRegistration", FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isSameAs(context.getBean(FluxaAutoFlushFilter.class));
            assertThat(registration.getOrder()).isEqualTo(-104);
            assertThat(registration.isAsyncSupported()).isTrue();
        });
    }

    @Test
    void eachRequestGetsItsOwnConfiguredContext() {
        web.withBean(FluxaContextCustomizer.class, () -> c -> c.setMetaData("app", "shop")).run(context -> {
            Context proxy = context.getBean(Context.class);
            Engine engine = context.getBean(Engine.class);

            MockHttpServletRequest first = enterRequest();
            assertThat(proxy.pendingChanges()).isZero();
            Context firstTarget = (Context) ((ScopedObject) proxy).getTargetObject();
            assertThat(first.getAttribute(FluxaAutoFlushFilter.CONTEXT_ATTRIBUTE)).isSameAs(firstTarget);
            assertThat(firstTarget.engine()).isSameAs(engine);
            assertThat(proxy.getMetaData("app")).isEqualTo("shop");
            proxy.setMetaData("user", "ann");
            assertThat(firstTarget.getMetaData("user")).as("same Context for the whole request").isEqualTo("ann");

            MockHttpServletRequest second = enterRequest();
            Context secondTarget = (Context) ((ScopedObject) proxy).getTargetObject();
            assertThat(secondTarget).isNotSameAs(firstTarget);
            assertThat(second.getAttribute(FluxaAutoFlushFilter.CONTEXT_ATTRIBUTE)).isSameAs(secondTarget);
            assertThat(proxy.getMetaData("user")).isNull();
        });
    }

    @Test
    void usingTheContextOutsideARequestFailsClearly() {
        web.run(context -> assertThatThrownBy(() -> context.getBean(Context.class).pendingChanges())
                .isInstanceOf(NoUnitOfWorkException.class)
                .hasMessageContaining("No Fluxa unit of work is active on thread")
                .hasMessageContaining("@FluxaUnitOfWork"));
    }

    @Test
    void requestWithoutFluxaCreatesNoContext() {
        web.run(context -> {
            MockHttpServletRequest request = enterRequest();
            context.getBean(Context.class);
            assertThat(request.getAttribute(FluxaAutoFlushFilter.CONTEXT_ATTRIBUTE))
                    .as("created lazily, on first use").isNull();
        });
    }

    @Test
    void nonWebAppHasTheContextProxyButNoFilter() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(MYSQL).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Engine.class);
            assertThat(context.getBean(Context.class)).isInstanceOf(ScopedObject.class);
            assertThat(context).doesNotHaveBean(FluxaAutoFlushFilter.class).doesNotHaveBean(FluxaExceptionHandler.class);
        });
    }

    @Test
    void reactiveAppHasNoFilter() {
        new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(MYSQL)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxaAutoFlushFilter.class));
    }

    @Test
    void withoutSpringWebOnTheClassPathThereAreNoWebBeansAndTheContextStillResolves() {
        web.withClassLoader(new FilteredClassLoader(OncePerRequestFilter.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Engine.class);
                    assertThat(context).doesNotHaveBean(FluxaAutoFlushFilter.class);
                    assertThatThrownBy(() -> context.getBean(Context.class).pendingChanges())
                            .hasMessageContaining("No Fluxa unit of work is active");
                });
    }

    @Test
    void autoFlushOffRemovesTheFilterButKeepsTheContext() {
        web.withPropertyValues("fluxa.web.auto-flush=false").run(context -> {
            assertThat(context).doesNotHaveBean(FluxaAutoFlushFilter.class)
                    .doesNotHaveBean("fluxaAutoFlushFilterRegistration");
            assertThat(context.getBean(Context.class)).isInstanceOf(ScopedObject.class);
        });
    }

    @Test
    void filterOrderAndExcludePatternsComeFromProperties() {
        web.withPropertyValues("fluxa.web.filter-order=7", "fluxa.web.exclude-patterns=/internal/**,/jobs/*/run")
                .run(context -> {
                    assertThat(context.getBean("fluxaAutoFlushFilterRegistration", FilterRegistrationBean.class)
                            .getOrder()).isEqualTo(7);
                    FluxaAutoFlushFilter filter = context.getBean(FluxaAutoFlushFilter.class);
                    assertThat(filter.shouldNotFilter(request("/internal/reindex"))).isTrue();
                    assertThat(filter.shouldNotFilter(request("/jobs/7/run"))).isTrue();
                    assertThat(filter.shouldNotFilter(request("/jobs/7/status"))).isFalse();
                    assertThat(filter.shouldNotFilter(request("/api/internal"))).isFalse();
                });
    }

    @Test
    void excludePatternsIgnoreTheServletContextPath() {
        FluxaAutoFlushFilter filter = new FluxaAutoFlushFilter(java.util.List.of("/internal/**"));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/shop/internal/x");
        request.setContextPath("/shop");
        assertThat(filter.shouldNotFilter(request)).isTrue();
    }

    @Test
    void problemDetailsCanBeSwitchedOff() {
        web.withPropertyValues("fluxa.web.problem-details=false")
                .run(context -> assertThat(context).doesNotHaveBean(FluxaExceptionHandler.class)
                        .hasSingleBean(FluxaAutoFlushFilter.class));
    }

    @Test
    void beansTheApplicationDeclaresWin() {
        FluxaAutoFlushFilter own = new FluxaAutoFlushFilter(java.util.List.of());
        web.withBean("myFilter", FluxaAutoFlushFilter.class, () -> own)
                .withBean("myHandler", FluxaExceptionHandler.class, FluxaExceptionHandler::new)
                .run(context -> {
                    assertThat(context.getBeanNamesForType(FluxaAutoFlushFilter.class)).containsExactly("myFilter");
                    assertThat(context.getBean("fluxaAutoFlushFilterRegistration", FilterRegistrationBean.class)
                            .getFilter()).isSameAs(own);
                    assertThat(context.getBeanNamesForType(FluxaExceptionHandler.class)).containsExactly("myHandler");
                });
    }

    @Test
    void aContextBeanTheApplicationDeclaresWins() {
        web.withUserConfiguration(OwnContext.class).run(context -> {
            assertThat(context.getBeanNamesForType(Context.class)).containsExactly("myContext");
            assertThat(context.getBean(Context.class)).isNotInstanceOf(ScopedObject.class);
        });
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnContext {

        @org.springframework.context.annotation.Bean
        Context myContext(Engine engine) {
            return engine.newContext();
        }
    }

    private static MockHttpServletRequest request(String uri) {
        return new MockHttpServletRequest("POST", uri);
    }

    private static MockHttpServletRequest enterRequest() {
        MockHttpServletRequest request = request("/api/things");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        return request;
    }
}
