package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Where;
import io.fluxa.it.model.entities.AccountEntity;
import io.fluxa.it.model.entities.AccountProvider;
import io.fluxa.it.support.OrmTestBase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SoftDeleteAndTimestampsTest extends OrmTestBase {

    private static final AccountProvider ACCOUNTS = AccountProvider.INSTANCE;

    private AccountEntity insert(String email) {
        Context ctx = context();
        AccountEntity a = ACCOUNTS.newEntity(ctx);
        a.setEmail(email);
        a.setName("Ann");
        ctx.flush();
        return a;
    }

    @Test
    void deleteMarksTheRowAndSearchesSkipIt() {
        AccountEntity a = insert("gone@example.com");
        Context ctx = context();
        AccountEntity loaded = ACCOUNTS.mustGetById(ctx, a.getId());
        loaded.delete();
        assertThat(loaded.isFakeDelete()).isTrue();
        ctx.flush();

        AccountEntity stillThere = ACCOUNTS.mustGetById(freshContext(), a.getId());
        assertThat(stillThere.isFakeDelete()).as("getById still returns soft-deleted rows").isTrue();
        Where byEmail = Where.of("`Email` = ?", "gone@example.com");
        assertThat(ACCOUNTS.search(freshContext(), byEmail, null)).isEmpty();
        assertThat(ACCOUNTS.searchIds(freshContext(), byEmail, null)).isEmpty();
        assertThat(ACCOUNTS.searchOne(freshContext(), byEmail)).isEmpty();
        assertThat(ACCOUNTS.count(freshContext(), byEmail)).isZero();
        assertThat(ACCOUNTS.search(freshContext(), Where.of("`Email` = ?", "gone@example.com").withFakeDeleted(),
                null)).extracting(AccountEntity::getId).containsExactly(a.getId());
    }

    @Test
    void forceDeleteRemovesTheRow() {
        AccountEntity a = insert("force@example.com");
        Context ctx = context();
        ACCOUNTS.mustGetById(ctx, a.getId()).forceDelete();
        ctx.flush();
        assertThat(ACCOUNTS.getById(freshContext(), a.getId())).isEmpty();
        assertThat(ACCOUNTS.search(freshContext(), Where.of("`ID` = ?", a.getId()).withFakeDeleted(), null))
                .isEmpty();
    }

    @Test
    void createdAtAndUpdatedAtAreMaintainedInUtcSeconds() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AccountEntity a = insert("time@example.com");
        Instant after = Instant.now();
        assertThat(a.getCreatedAt()).isBetween(before, after);
        assertThat(a.getUpdatedAt()).isEqualTo(a.getCreatedAt());
        assertThat(a.getCreatedAt().getNano()).isZero();
        AccountEntity read = ACCOUNTS.mustGetById(freshContext(), a.getId());
        assertThat(read.getCreatedAt()).isEqualTo(a.getCreatedAt());

        // updatedAt moves on update, createdAt does not (set back in time to observe it without waiting)
        runtime.sql("UPDATE `accounts` SET `CreatedAt` = '2020-01-01 00:00:00', `UpdatedAt` = '2020-01-01 00:00:00'"
                + " WHERE `ID` = " + a.getId());
        runtime.redisConnection().sync().del(ACCOUNTS.redisKey(a.getId()));
        Context ctx = context();
        AccountEntity toChange = ACCOUNTS.mustGetById(ctx, a.getId());
        toChange.setAge(30);
        ctx.flush();
        AccountEntity changed = ACCOUNTS.mustGetById(freshContext(), a.getId());
        assertThat(changed.getCreatedAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(changed.getUpdatedAt()).isAfterOrEqualTo(before);

        // a flush with nothing changed does not touch updatedAt
        Context idle = context();
        AccountEntity same = ACCOUNTS.mustGetById(idle, a.getId());
        same.setAge(30);
        idle.flush();
        assertThat(ACCOUNTS.mustGetById(freshContext(), a.getId()).getUpdatedAt()).isEqualTo(changed.getUpdatedAt());
    }

    @Test
    void explicitCreatedAtIsKept() {
        Context ctx = context();
        AccountEntity a = ACCOUNTS.newEntity(ctx);
        a.setEmail("import@example.com");
        a.setCreatedAt(Instant.parse("2001-02-03T04:05:06.700Z"));
        ctx.flush();
        assertThat(ACCOUNTS.mustGetById(freshContext(), a.getId()).getCreatedAt())
                .isEqualTo(Instant.parse("2001-02-03T04:05:06Z"));
    }
}
