package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.FluxaValidationException;
import io.fluxa.it.model.entities.AccountEntity;
import io.fluxa.it.model.entities.AccountProvider;
import io.fluxa.it.model.entities.KindsEntity;
import io.fluxa.it.model.entities.KindsProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.model.entities.enums.Color;
import io.fluxa.it.support.OrmTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Setters reject what the column cannot hold, naming entity, field and value; nothing reaches SQL. */
class ValidationTest extends OrmTestBase {

    private static void rejects(Executable setter, String field, String... fragments) {
        assertThatThrownBy(setter::execute)
                .isInstanceOfSatisfying(FluxaValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(fragments);
                });
    }

    @Test
    void integerRangesFollowTheColumnTypeAndSignedness() {
        KindsEntity e = KindsProvider.INSTANCE.newEntity(context());
        rejects(() -> e.setTiny(128), "tiny", "Kinds.tiny", "128", "-128..127");
        rejects(() -> e.setTiny(-129), "tiny", "-129");
        rejects(() -> e.setTinyU(256), "tinyU", "256", "0..255");
        rejects(() -> e.setTinyU(-1), "tinyU", "-1");
        rejects(() -> e.setSmall(32_768), "small", "32768");
        rejects(() -> e.setSmallU(65_536), "smallU", "65536");
        rejects(() -> e.setMedium(8_388_608), "medium", "8388608");
        rejects(() -> e.setMediumU(16_777_216), "mediumU", "16777216");
        rejects(() -> e.setInteger(2_147_483_648L), "integer", "2147483648");
        rejects(() -> e.setIntU(4_294_967_296L), "intU", "4294967296");
        rejects(() -> e.setBigU(-1), "bigU", "-1");
        rejects(() -> e.setTinyN(200L), "tinyN", "200");
        rejects(() -> e.setAmount(new BigDecimal("-0.5")), "amount", "-0.5", "unsigned");
        rejects(() -> e.setBalance(new BigDecimal("1E+26")), "balance", "100000000000000000000000000",
                "decimal(30,4)", "at most 26 digits before the decimal point");
        rejects(() -> e.setBalance(new BigDecimal("0.00001")), "balance", "0.00001",
                "more than 4 digits after the decimal point", "setScale(4, RoundingMode.HALF_UP)");
        rejects(() -> e.setBalance(null), "balance", "required");
        rejects(() -> e.setScore(Double.NaN), "score", "NaN");
        rejects(() -> e.setRatio(1e39), "ratio", "float");
        assertThat(e.isDirty()).isTrue(); // new, but none of the rejected values was stored
        assertThat(e.getTiny()).isZero();
    }

    @Test
    void stringsDatesRequiredFieldsAndReferences() {
        Context ctx = context();
        KindsEntity e = KindsProvider.INSTANCE.newEntity(ctx);
        rejects(() -> e.setTitle("x".repeat(51)), "title", "51 characters", "50");
        e.setTitle("ż".repeat(50)); // 50 characters, more bytes: fine
        rejects(() -> e.setTitle(null), "title", "required");
        rejects(() -> e.setColor(null), "color", "required");
        rejects(() -> e.setDay(LocalDate.of(999, 12, 31)), "day", "1000..9999");
        rejects(() -> e.setMoment(Instant.parse("+10000-01-01T00:00:00Z")), "moment", "1000..9999");
        ProductEntity p = ProductProvider.INSTANCE.newEntity(ctx);
        rejects(() -> p.setCategory(0), "category", "required");
        rejects(() -> p.setCategory(-5), "category", "negative");
        rejects(() -> p.setName("y".repeat(101)), "name", "101");
        rejects(() -> e.setData(new byte[65_536]), "data", "65536 bytes", "65535");
        e.setData(new byte[65_535]);
    }

    @Test
    void unpairedSurrogatesAreRejectedAndValidSupplementaryCharactersStoredExactly() {
        Context ctx = context();
        KindsEntity e = KindsProvider.INSTANCE.newEntity(ctx);
        rejects(() -> e.setTitle("ab\uD83D"), "title", "Kinds.title", "unpaired UTF-16 surrogate", "\\uD83D",
                "index 2", "utf8mb4");
        rejects(() -> e.setTitle("\uDE00x"), "title", "\\uDE00", "index 0");
        rejects(() -> e.setNote("a\uDE00\uD83Db"), "note", "\\uDE00", "index 1");
        rejects(() -> e.setBody("text \uD800"), "body", "unpaired UTF-16 surrogate");
        rejects(() -> e.setTitle("\uD83D\uD83D\uDE00"), "title", "index 0"); // a high surrogate, then a pair
        assertThat(e.getTitle()).isEmpty(); // nothing rejected was stored
        String emoji = "smile \uD83D\uDE00 \uD834\uDD1E"; // two well-formed pairs (U+1F600, U+1D11E)
        e.setTitle(emoji);
        e.setNote(emoji);
        e.setColor(Color.RED);
        e.setBalance(BigDecimal.ONE);
        ctx.flush();
        KindsEntity read = KindsProvider.INSTANCE.mustGetById(freshContext(), e.getId());
        assertThat(read.getTitle()).isEqualTo(emoji);
        assertThat(read.getNote()).isEqualTo(emoji);
    }

    @Test
    void requiredReferenceLeftEmptyFailsTheFlushBeforeSql() {
        Context ctx = context();
        ProductEntity p = ProductProvider.INSTANCE.newEntity(ctx);
        p.setName("no category");
        assertThatThrownBy(ctx::flush).isInstanceOfSatisfying(FluxaValidationException.class,
                e -> assertThat(e.field()).isEqualTo("category"));
        assertThat(p.isDirty()).isTrue();
    }

    @Test
    void enumsAreTypedSoOnlyMembersCanBeSet() {
        AccountEntity a = AccountProvider.INSTANCE.newEntity(context());
        a.setStatus(io.fluxa.it.model.entities.enums.AccountStatus.BANNED);
        assertThat(a.getStatus().databaseValue()).isEqualTo("banned");
    }
}
