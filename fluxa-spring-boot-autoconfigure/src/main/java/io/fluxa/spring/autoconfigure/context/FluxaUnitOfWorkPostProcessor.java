package io.fluxa.spring.autoconfigure.context;

import org.springframework.aop.Pointcut;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Proxies beans that use {@link FluxaUnitOfWork @FluxaUnitOfWork}. The advice is added after any
 * existing advisors, so {@code @Async} (which goes first) moves the call to its executor thread
 * before the unit of work opens there.
 */
final class FluxaUnitOfWorkPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

    FluxaUnitOfWorkPostProcessor(ObjectProvider<FluxaUnitOfWorkTemplate> templates) {
        Pointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(FluxaUnitOfWork.class, true))
                .union(new AnnotationMatchingPointcut(null, FluxaUnitOfWork.class, true));
        this.advisor = new DefaultPointcutAdvisor(pointcut, new FluxaUnitOfWorkInterceptor(templates));
        setProxyTargetClass(true);
    }
}
