package io.fluxa.spring.autoconfigure.web;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextFactory;
import io.fluxa.spring.autoconfigure.FluxaProperties;
import io.fluxa.spring.autoconfigure.context.FluxaContextAutoConfiguration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import java.util.List;
import java.util.function.Supplier;

/**
 * Servlet web apps: the {@link FluxaAutoFlushFilter} that flushes the request's {@link Context} (the
 * one the injected Context resolves to during a request, see {@link FluxaContextAutoConfiguration})
 * when the request succeeds, and problem responses for Fluxa exceptions.
 */
@AutoConfiguration(after = {FluxaAutoConfiguration.class, FluxaContextAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Engine.class, OncePerRequestFilter.class})
@ConditionalOnBean(FluxaContextFactory.class)
@EnableConfigurationProperties(FluxaProperties.class)
public final class FluxaWebAutoConfiguration {

    private static final boolean MVC_PRESENT = ClassUtils.isPresent(
            "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter",
            FluxaWebAutoConfiguration.class.getClassLoader());

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "fluxa.web.auto-flush", matchIfMissing = true)
    static class AutoFlushConfiguration {

        @Bean
        @ConditionalOnMissingBean
        FluxaAutoFlushFilter fluxaAutoFlushFilter(FluxaProperties properties, ListableBeanFactory beans) {
            Supplier<List<HttpMessageConverter<?>>> converters = MVC_PRESENT ? MvcConverters.of(beans)
                    : FluxaAutoFlushFilter::defaultConverters;
            return new FluxaAutoFlushFilter(properties.web().excludePatterns(), converters);
        }

        @Bean
        @ConditionalOnMissingBean(name = "fluxaAutoFlushFilterRegistration")
        FilterRegistrationBean<FluxaAutoFlushFilter> fluxaAutoFlushFilterRegistration(FluxaAutoFlushFilter filter,
                FluxaProperties properties) {
            FilterRegistrationBean<FluxaAutoFlushFilter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(properties.web().filterOrder());
            registration.setAsyncSupported(true);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    @ConditionalOnBooleanProperty(name = "fluxa.web.problem-details", matchIfMissing = true)
    static class ProblemDetailsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        FluxaExceptionHandler fluxaExceptionHandler() {
            return new FluxaExceptionHandler();
        }
    }
}
