package io.fluxa.spring.autoconfigure.web;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextFactory;
import io.fluxa.spring.autoconfigure.FluxaProperties;
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
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet web apps: a request-scoped {@link Context} (injected as a scoped proxy, so singletons can
 * hold it) and the {@link FluxaAutoFlushFilter} that flushes it when the request succeeds.
 */
@AutoConfiguration(after = FluxaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Engine.class, OncePerRequestFilter.class})
@ConditionalOnBean(FluxaContextFactory.class)
@EnableConfigurationProperties(FluxaProperties.class)
public class FluxaWebAutoConfiguration {

    /**
     * The Context of the current request: created on first use in a request, then the same instance
     * for the rest of it. Registered under {@link FluxaAutoFlushFilter#CONTEXT_ATTRIBUTE} so the
     * filter can flush it.
     */
    @Bean
    @Scope(value = WebApplicationContext.SCOPE_REQUEST, proxyMode = ScopedProxyMode.INTERFACES)
    @ConditionalOnMissingBean(Context.class)
    Context fluxaRequestContext(FluxaContextFactory contexts) {
        Context context = contexts.newContext();
        RequestContextHolder.currentRequestAttributes()
                .setAttribute(FluxaAutoFlushFilter.CONTEXT_ATTRIBUTE, context, RequestAttributes.SCOPE_REQUEST);
        return context;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "fluxa.web.auto-flush", matchIfMissing = true)
    static class AutoFlushConfiguration {

        @Bean
        @ConditionalOnMissingBean
        FluxaAutoFlushFilter fluxaAutoFlushFilter(FluxaProperties properties) {
            return new FluxaAutoFlushFilter(properties.web().excludePatterns());
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
