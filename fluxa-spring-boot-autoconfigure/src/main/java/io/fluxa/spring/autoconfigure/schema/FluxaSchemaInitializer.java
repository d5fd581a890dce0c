package io.fluxa.spring.autoconfigure.schema;

import io.fluxa.Engine;
import io.fluxa.schema.Alter;
import io.fluxa.spring.autoconfigure.FluxaEngineInitializer;
import io.fluxa.spring.autoconfigure.FluxaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Applies {@code fluxa.schema.mode} when the engine starts: {@code validate} fails start-up while
 * alters are pending, {@code update} runs the safe ones (and the unsafe ones only with
 * {@code fluxa.schema.allow-unsafe=true}), {@code none} does nothing.
 */
public class FluxaSchemaInitializer implements FluxaEngineInitializer {

    private static final Logger log = LoggerFactory.getLogger(FluxaSchemaInitializer.class);

    private final FluxaProperties.Schema schema;

    public FluxaSchemaInitializer(FluxaProperties.Schema schema) {
        this.schema = schema;
    }

    @Override
    public void initialize(Engine engine) {
        switch (schema.mode()) {
            case NONE -> {
            }
            case VALIDATE -> validate(engine);
            case UPDATE -> update(engine);
        }
    }

    private static void validate(Engine engine) {
        List<Alter> pending = engine.schema().alters();
        if (!pending.isEmpty()) {
            throw new FluxaSchemaMismatchException(pending);
        }
        log.info("Fluxa schema validated: the database matches every entity");
    }

    private void update(Engine engine) {
        List<Alter> applied = engine.schema().applyAlters(schema.allowUnsafe());
        if (!applied.isEmpty()) {
            log.info("Fluxa schema updated, {} alter(s) applied:\n{}", applied.size(), describe(applied));
        }
        if (!schema.allowUnsafe()) {
            List<Alter> skipped = engine.schema().alters().stream().filter(a -> !a.safe()).toList();
            if (!skipped.isEmpty()) {
                log.warn("Fluxa schema: {} unsafe alter(s) NOT applied (they can lose data); set "
                        + "fluxa.schema.allow-unsafe=true to apply them on start-up:\n{}", skipped.size(),
                        describe(skipped));
            }
        }
    }

    private static String describe(List<Alter> alters) {
        return FluxaSchemaMismatchException.describe(alters);
    }
}
