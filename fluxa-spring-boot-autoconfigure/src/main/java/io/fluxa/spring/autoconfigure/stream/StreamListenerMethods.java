package io.fluxa.spring.autoconfigure.stream;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds {@link FluxaStreamListener} methods on every bean as it is initialised; the
 * {@link StreamListenerContainer} reads them when the context starts.
 */
final class StreamListenerMethods implements BeanPostProcessor {

    record Endpoint(Object bean, String beanName, Method method, FluxaStreamListener listener) {

        String describe() {
            return beanName + "." + method.getName();
        }
    }

    private final List<Endpoint> endpoints = new ArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, FluxaStreamListener> found = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<FluxaStreamListener>) m ->
                        AnnotatedElementUtils.findMergedAnnotation(m, FluxaStreamListener.class));
        synchronized (endpoints) {
            found.forEach((method, listener) -> endpoints.add(new Endpoint(bean, beanName,
                    AopUtils.selectInvocableMethod(method, bean.getClass()), listener)));
        }
        return bean;
    }

    List<Endpoint> endpoints() {
        synchronized (endpoints) {
            return List.copyOf(endpoints);
        }
    }
}
