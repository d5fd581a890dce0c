package io.fluxa;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnTest {

    private static final Column<BigDecimal> PRICE = Column.of("Price");
    private static final Column<Long> STOCK = Column.of("Stock");
    private static final Column<String> NAME = Column.of("Name");

    @Test
    void rendersAsTheQuotedColumnName() {
        assertThat(PRICE).hasToString("`Price`");
        assertThat(PRICE.name()).isEqualTo("Price");
        assertThat(Column.of("odd`name")).hasToString("`odd``name`");
        assertThat(Where.of(PRICE + " < ?", BigDecimal.TEN).sql()).isEqualTo("`Price` < ?");
    }

    @Test
    void comparisonsBindTheirValue() {
        BigDecimal ten = new BigDecimal("10.00");
        assertThat(PRICE.eq(ten).sql()).isEqualTo("`Price` = ?");
        assertThat(PRICE.ne(ten).sql()).isEqualTo("`Price` <> ?");
        assertThat(PRICE.gt(ten).sql()).isEqualTo("`Price` > ?");
        assertThat(PRICE.ge(ten).sql()).isEqualTo("`Price` >= ?");
        assertThat(PRICE.lt(ten).sql()).isEqualTo("`Price` < ?");
        Where le = PRICE.le(ten);
        assertThat(le.sql()).isEqualTo("`Price` <= ?");
        assertThat(le.parameters()).containsExactly(ten);
        assertThat(NAME.in(List.of("a", "b")).sql()).isEqualTo("`Name` IN ?");
        assertThat(NAME.in(List.of("a", "b")).parameters()).containsExactly(List.of("a", "b"));
        assertThat(NAME.isNull().sql()).isEqualTo("`Name` IS NULL");
        assertThat(NAME.isNotNull().parameters()).isEmpty();
        assertThat(STOCK.desc()).isEqualTo("`Stock` DESC");
        assertThat(STOCK.asc()).isEqualTo("`Stock` ASC");
    }

    @Test
    void nullComparisonIsRejectedWithTheFix() {
        assertThatThrownBy(() -> NAME.eq(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`Name` = null never matches").hasMessageContaining("isNull()");
    }

    @Test
    void conditionsCombineWithParenthesesAndOrderedParameters() {
        Where where = PRICE.lt(BigDecimal.ONE).or(NAME.eq("x")).and(STOCK.gt(0L)).orderBy(PRICE.desc());
        assertThat(where.sql()).isEqualTo("((`Price` < ?) OR (`Name` = ?)) AND (`Stock` > ?)");
        assertThat(where.parameters()).containsExactly(BigDecimal.ONE, "x", 0L);
        assertThat(where.orderByClause()).isEqualTo("`Price` DESC");
        assertThat(Where.all().and(STOCK.isNull()).sql()).isEqualTo("(1) AND (`Stock` IS NULL)");
    }
}
