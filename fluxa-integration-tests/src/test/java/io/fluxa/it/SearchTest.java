package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.Pager;
import io.fluxa.SearchResult;
import io.fluxa.Where;
import io.fluxa.it.model.entities.AccountEntity;
import io.fluxa.it.model.entities.AccountProvider;
import io.fluxa.it.model.entities.enums.AccountStatus;
import io.fluxa.it.support.OrmTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchTest extends OrmTestBase {

    private static final AccountProvider ACCOUNTS = AccountProvider.INSTANCE;
    private final List<Long> ids = new ArrayList<>();

    @BeforeAll
    void twentyAccounts() {
        Context ctx = context();
        List<AccountEntity> accounts = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            AccountEntity a = ACCOUNTS.newEntity(ctx);
            a.setEmail("user" + i + "@example.com");
            a.setName("User " + i);
            a.setAge(i);
            a.setStatus(i % 5 == 0 ? AccountStatus.BANNED : AccountStatus.ACTIVE);
            accounts.add(a);
        }
        ctx.flush();
        accounts.forEach(a -> ids.add(a.getId()));
        Context deleting = context();
        ACCOUNTS.mustGetById(deleting, ids.get(19)).delete(); // age 20, soft-deleted
        deleting.flush();
    }

    @Test
    void whereWithBoundParametersAndOrder() {
        List<AccountEntity> adults = ACCOUNTS.search(context(), Where.of("`Age` >= ? AND `Status` = ?", 15,
                AccountStatus.ACTIVE).orderBy("`Age` DESC"), null);
        assertThat(adults).extracting(AccountEntity::getAge).containsExactly(19L, 18L, 17L, 16L);
    }

    @Test
    void generatedColumnConstantsBuildTheSameConditions() {
        Where typed = AccountEntity.AGE.ge(15L).and(AccountEntity.STATUS.eq(AccountStatus.ACTIVE))
                .orderBy(AccountEntity.AGE.desc());
        assertThat(ACCOUNTS.search(context(), typed, null)).extracting(AccountEntity::getAge)
                .containsExactly(19L, 18L, 17L, 16L);
        Where either = AccountEntity.EMAIL.eq("user3@example.com").or(AccountEntity.ID.in(List.of(ids.get(0))))
                .orderBy(AccountEntity.ID.asc());
        assertThat(ACCOUNTS.searchIds(context(), either, null)).containsExactly(ids.get(0), ids.get(2));
        assertThat(ACCOUNTS.count(context(), Where.of(AccountEntity.NAME + " = ?", "User 4"))).isEqualTo(1);
        assertThat(ACCOUNTS.count(context(), AccountEntity.NAME.isNull())).isZero();
    }

    @Test
    void inExpandsACollection() {
        List<AccountEntity> found = ACCOUNTS.search(context(),
                Where.of("`ID` IN ?", List.of(ids.get(2), ids.get(0), ids.get(19))).orderBy("`ID`"), null);
        assertThat(found).extracting(AccountEntity::getId).containsExactly(ids.get(0), ids.get(2));
        assertThat(ACCOUNTS.search(context(), Where.of("`ID` IN ?", List.of()), null)).isEmpty();
    }

    @Test
    void pagerAndCounts() {
        Where all = Where.of("`Age` > ?", 0).orderBy("`Age`");
        SearchResult<AccountEntity> page2 = ACCOUNTS.searchWithCount(context(), all, Pager.of(2, 5));
        assertThat(page2.total()).isEqualTo(19);
        assertThat(page2.rows()).extracting(AccountEntity::getAge).containsExactly(6L, 7L, 8L, 9L, 10L);
        SearchResult<Long> idPage = ACCOUNTS.searchIdsWithCount(context(), all, Pager.of(4, 5));
        assertThat(idPage.total()).isEqualTo(19);
        assertThat(idPage.rows()).containsExactlyElementsOf(ids.subList(15, 19));
        assertThat(ACCOUNTS.searchIds(context(), all.append("AND `Age` < ?", 3), null))
                .containsExactly(ids.get(0), ids.get(1));
    }

    @Test
    void searchOneAndNullWhere() {
        assertThat(ACCOUNTS.searchOne(context(), Where.of("`Email` = ?", "user7@example.com")))
                .map(AccountEntity::getAge).contains(7L);
        assertThat(ACCOUNTS.searchOne(context(), Where.of("`Email` = ?", "nobody"))).isEmpty();
        assertThat(ACCOUNTS.search(context(), null, null)).hasSize(19);
        assertThat(ACCOUNTS.search(context(), Where.all().withFakeDeleted(), null)).hasSize(20);
    }

    @Test
    void typedParametersAreBound() {
        java.time.Instant createdBefore = java.time.Instant.parse("2000-01-01T00:00:00Z");
        assertThat(ACCOUNTS.count(context(), Where.of("`CreatedAt` > ?", createdBefore))).isEqualTo(19);
        assertThat(ACCOUNTS.count(context(), Where.of("`CreatedAt` < ?", createdBefore))).isZero();
        assertThat(ACCOUNTS.searchIds(context(), Where.of("`FakeDelete` = ?", true).withFakeDeleted(), null))
                .containsExactly(ids.get(19));
        assertThat(ACCOUNTS.count(context(), Where.of("`Status` IN ?", List.of(AccountStatus.BANNED)))).isEqualTo(3);
    }

    @Test
    void searchResultsShareInstancesWithTheContextCache() {
        Context ctx = context();
        AccountEntity byId = ACCOUNTS.mustGetById(ctx, ids.get(3));
        assertThat(ACCOUNTS.searchOne(ctx, Where.of("`ID` = ?", ids.get(3)))).containsSame(byId);
    }

    @Test
    void parametersAreBoundNeverConcatenated() {
        assertThat(ACCOUNTS.search(context(), Where.of("`Name` = ?", "x' OR '1'='1"), null)).isEmpty();
        assertThat(ACCOUNTS.search(context(), Where.of("`Name` = '?' OR `Name` = ?", "User 1"), null)).hasSize(1);
        assertThatThrownBy(() -> ACCOUNTS.search(context(), Where.of("`Age` = ? AND `Age` = ?", 1), null))
                .isInstanceOf(FluxaException.class).hasMessageContaining("placeholders");
    }
}
