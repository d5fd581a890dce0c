package io.fluxa.spring.test;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/** Scans none of the application's components unless {@link FluxaDataTest#includeFilters()} names them. */
final class FluxaDataTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<FluxaDataTest> {

    FluxaDataTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }
}
