package io.fluxa.spring.autoconfigure;

import io.fluxa.Context;
import io.fluxa.spring.autoconfigure.stream.FluxaStreamListener;
import io.fluxa.stream.Event;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link FluxaRuntimeHints} and {@code @FluxaStreamListener} tell a native image build. */
class FluxaRuntimeHintsTests {

    @Test
    void theModelsFileTheModelsConstructorsAndTheContextProxyAreRegistered() {
        RuntimeHints hints = new RuntimeHints();
        new FluxaRuntimeHints().registerHints(hints, TestModels.serviceLoaderClassLoader());

        assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/services/io.fluxa.EntityModel"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(TestModels.ServiceLoadedModel.class)
                .withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(hints);
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(AopProxyUtils.completeJdkProxyInterfaces(Context.class)))
                .accepts(hints);
    }

    @Test
    void streamListenerMethodsAreRegisteredForInvocation() throws NoSuchMethodException {
        RuntimeHints hints = new RuntimeHints();
        new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, Listener.class);

        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listener.class.getDeclaredMethod("onEvent", Event.class)))
                .accepts(hints);
    }

    static class Listener {

        @FluxaStreamListener(stream = "events", group = "g")
        void onEvent(Event event) {
        }
    }
}
