package io.fluxa.spring.autoconfigure.dao;

import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.dao.annotation.PersistenceExceptionTranslationPostProcessor;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Exception translation: a {@link FluxaExceptionTranslator} bean, and (unless Boot's persistence
 * module already registered one) the post-processor that applies every translator to
 * {@code @Repository} beans.
 */
@AutoConfiguration(after = FluxaAutoConfiguration.class,
        afterName = "org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration")
@ConditionalOnClass({Engine.class, PersistenceExceptionTranslator.class})
public final class FluxaDaoAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FluxaExceptionTranslator fluxaExceptionTranslator() {
        return new FluxaExceptionTranslator();
    }

    /** Same switches as Boot's own: {@code spring.dao.exceptiontranslation.enabled}, {@code spring.aop.proxy-target-class}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "spring.dao.exceptiontranslation.enabled", matchIfMissing = true)
    static PersistenceExceptionTranslationPostProcessor persistenceExceptionTranslationPostProcessor(
            Environment environment) {
        PersistenceExceptionTranslationPostProcessor postProcessor = new PersistenceExceptionTranslationPostProcessor();
        postProcessor.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class,
                Boolean.TRUE));
        return postProcessor;
    }
}
