package io.fluxa.spring.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Adds {@link FluxaDataTest#properties()} to the environment. */
class FluxaDataTestContextBootstrapper extends TestSliceTestContextBootstrapper<FluxaDataTest> {
}
