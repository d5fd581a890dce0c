package io.fluxa.spring.autoconfigure;

import io.fluxa.schema.RedisCacheSettings;

/** Test models for tests in sub-packages. */
public final class TestModelsAccess {

    private TestModelsAccess() {
    }

    /** One entity {@code Note} (table {@code notes}) cached in the default Redis pool. */
    public static FluxaEntityModels notes() {
        return TestModels.models(TestModels.entity("Note", "notes", "default", new RedisCacheSettings("default", 0),
                null));
    }

    /** One entity {@code Note} (table {@code notes}), not cached. */
    public static FluxaEntityModels plainNotes() {
        return TestModels.models(TestModels.entity("Note", "notes", "default", null, null));
    }
}
