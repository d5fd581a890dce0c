package io.fluxa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replacing a Where's parameters and moving a Pager on (upstream SetParameter/SetParameters, IncrementPage). */
class WhereAndPagerTest {

    @Test
    void setParameterReplacesOneParameterByItsPositionFromOne() {
        Where where = Where.of("`Email` = ? AND `Age` >= ?", "alice@example.com", 18);

        assertThat(where.setParameter(1, "bob@example.com")).isSameAs(where);
        assertThat(where.parameters()).containsExactly("bob@example.com", 18);
        where.setParameter(2, 21);
        assertThat(where.parameters()).containsExactly("bob@example.com", 21);
        assertThat(where.sql()).isEqualTo("`Email` = ? AND `Age` >= ?");
    }

    @Test
    void aCollectionForInCountsAsOneParameter() {
        Where where = Where.of("`ID` IN ? AND `Age` > ?", List.of(1L, 2L), 5).append("AND `Name` = ?", "x");

        where.setParameter(1, List.of(7L, 8L, 9L)).setParameter(3, "y");

        assertThat(where.parameters()).containsExactly(List.of(7L, 8L, 9L), 5, "y");
    }

    @Test
    void setParameterOutsideTheParametersNamesTheCount() {
        Where where = Where.of("`A` = ? AND `B` = ?", 1, 2);
        assertThatThrownBy(() -> where.setParameter(0, 9)).isInstanceOf(FluxaException.class)
                .hasMessageContaining("Where has 2 parameter(s), so there is no parameter 0 to replace")
                .hasMessageContaining("positions count from 1");
        assertThatThrownBy(() -> where.setParameter(3, 9)).isInstanceOf(FluxaException.class)
                .hasMessageContaining("no parameter 3");
        assertThatThrownBy(() -> Where.all().setParameter(1, 9)).isInstanceOf(FluxaException.class)
                .hasMessageContaining("Where has 0 parameter(s)");
        assertThat(where.parameters()).containsExactly(1, 2);
    }

    @Test
    void setParametersReplacesThemAllAndKeepsTheSqlAndOrder() {
        Where where = Where.of("`Email` = ? AND `Age` >= ?", "alice@example.com", 18).orderBy("`Age`");

        assertThat(where.setParameters("carol@example.com", 21)).isSameAs(where);
        assertThat(where.parameters()).containsExactly("carol@example.com", 21);
        where.setParameters();
        assertThat(where.parameters()).isEmpty();
        where.setParameters(List.of(1L, 2L));   // one collection, for one IN ?
        assertThat(where.parameters()).containsExactly(List.of(1L, 2L));
        where.setParameters((Object[]) null);
        assertThat(where.parameters()).isEmpty();
        assertThat(where.sql()).isEqualTo("`Email` = ? AND `Age` >= ?");
        assertThat(where.orderByClause()).isEqualTo("`Age`");
    }

    @Test
    void nextPageMovesOnWithTheSameSize() {
        Pager first = Pager.first(100);
        Pager second = first.nextPage();
        Pager third = second.nextPage();

        assertThat(first).isEqualTo(Pager.of(1, 100));
        assertThat(second).isEqualTo(Pager.of(2, 100));
        assertThat(third.page()).isEqualTo(3);
        assertThat(third.size()).isEqualTo(100);
        assertThat(third.offset()).isEqualTo(200);
        assertThatThrownBy(() -> Pager.of(Integer.MAX_VALUE, 10).nextPage()).isInstanceOf(FluxaException.class)
                .hasMessageContaining("last page");
    }
}
