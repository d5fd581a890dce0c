package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.DuplicateKeyException;
import io.fluxa.it.model.entities.AccountEntity;
import io.fluxa.it.model.entities.AccountProvider;
import io.fluxa.it.support.OrmTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** onAfterInsert/Update/Delete run after the commit and the cache update, and never for a failed flush. */
class LifecycleCallbacksTest extends OrmTestBase {

    private static final AccountProvider ACCOUNTS = AccountProvider.INSTANCE;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void register() {
        events.clear();
        ACCOUNTS.onAfterInsert(runtime.engine(), (ctx, a) -> events.add("insert " + a.getEmail() + " id>0=" + (a.getId() > 0)
                + " created=" + (a.getCreatedAt() != null) + " dirty=" + a.isDirty()));
        ACCOUNTS.onAfterUpdate(runtime.engine(), (ctx, a, previous) -> events.add("update " + a.getName() + " " + previous));
        ACCOUNTS.onAfterDelete(runtime.engine(), (ctx, a) -> events.add("delete " + a.getEmail() + " soft=" + a.isFakeDelete()));
    }

    @AfterEach
    void unregister() {
        ACCOUNTS.clearCallbacks(runtime.engine());
    }

    @Test
    void insertUpdateSoftAndForceDelete() {
        Context ctx = context();
        AccountEntity a = ACCOUNTS.newEntity(ctx);
        a.setEmail("cb@example.com");
        a.setName("Before");
        ctx.flush();
        a.setName("After");
        a.setAge(3);
        ctx.flush();
        a.delete();
        ctx.flush();
        a.forceDelete();
        ctx.flush();
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isEqualTo("insert cb@example.com id>0=true created=true dirty=false");
        // previous values of the changed fields (updatedAt too when the second ticked over)
        assertThat(events.get(1)).startsWith("update After {name=Before, age=0");
        assertThat(events.get(2)).as("a soft delete is reported as a delete").isEqualTo("delete cb@example.com soft=true");
        assertThat(events.get(3)).isEqualTo("delete cb@example.com soft=true");
    }

    @Test
    void aFailedFlushRunsNoCallback() {
        Context setup = context();
        ACCOUNTS.newEntity(setup).setEmail("dup@example.com");
        setup.flush();
        events.clear();
        Context ctx = context();
        ACCOUNTS.newEntity(ctx).setEmail("ok@example.com");
        ACCOUNTS.newEntity(ctx).setEmail("dup@example.com");
        assertThatThrownBy(ctx::flush).isInstanceOf(DuplicateKeyException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void callbacksBelongToTheirEngine() {
        ACCOUNTS.clearCallbacks(runtime.engine());
        Context ctx = context();
        ACCOUNTS.newEntity(ctx).setEmail("quiet@example.com");
        ctx.flush();
        assertThat(events).isEmpty();
    }
}
