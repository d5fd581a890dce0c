package io.fluxa.read;

import io.fluxa.FluxaException;
import io.fluxa.Where;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhereExpansionTest {

    private static String expand(Where where, List<Object> out) {
        return EntitySearch.expand(where.sql(), where.parameters(), out);
    }

    @Test
    void collectionsExpandAndScalarsStay() {
        List<Object> bound = new ArrayList<>();
        String sql = expand(Where.of("`Age` >= ? AND `ID` IN ?", 18, List.of(1L, 2L, 3L)), bound);
        assertThat(sql).isEqualTo("`Age` >= ? AND `ID` IN (?,?,?)");
        assertThat(bound).containsExactly(18, 1L, 2L, 3L);
    }

    @Test
    void aReplacedCollectionExpandsToItsNewSize() {
        Where where = Where.of("`ID` IN ? AND `Age` > ?", List.of(1L, 2L), 5);
        expand(where, new ArrayList<>());

        List<Object> bound = new ArrayList<>();
        assertThat(expand(where.setParameter(1, List.of(7L, 8L, 9L)), bound)).isEqualTo("`ID` IN (?,?,?) AND `Age` > ?");
        assertThat(bound).containsExactly(7L, 8L, 9L, 5);

        bound.clear();
        assertThat(expand(where.setParameters(List.of(4L), 6), bound)).isEqualTo("`ID` IN (?) AND `Age` > ?");
        assertThat(bound).containsExactly(4L, 6);
    }

    @Test
    void emptyCollectionMatchesNothing() {
        List<Object> bound = new ArrayList<>();
        assertThat(expand(Where.of("`ID` IN ?", List.of()), bound)).isEqualTo("`ID` IN (NULL)");
        assertThat(bound).isEmpty();
    }

    @Test
    void placeholdersInsideQuotesAreText() {
        List<Object> bound = new ArrayList<>();
        String sql = expand(Where.of("`Name` = '?' OR `what?` = ? OR `Note` = \"?\"", "x"), bound);
        assertThat(sql).isEqualTo("`Name` = '?' OR `what?` = ? OR `Note` = \"?\"");
        assertThat(bound).containsExactly("x");
    }

    @Test
    void appendAddsSqlAndParameters() {
        Where where = Where.of("`Age` > ?", 1).append("AND `Age` < ?", 9).orderBy("`Age`").withFakeDeleted();
        assertThat(where.sql()).isEqualTo("`Age` > ? AND `Age` < ?");
        assertThat(where.parameters()).containsExactly(1, 9);
        assertThat(where.orderByClause()).isEqualTo("`Age`");
        assertThat(where.includesFakeDeleted()).isTrue();
    }

    @Test
    void parameterCountMustMatch() {
        assertThatThrownBy(() -> expand(Where.of("`A` = ? AND `B` = ?", 1), new ArrayList<>()))
                .isInstanceOf(FluxaException.class).hasMessageContaining("more ? placeholders");
        assertThatThrownBy(() -> expand(Where.of("`A` = ?", 1, 2), new ArrayList<>()))
                .isInstanceOf(FluxaException.class).hasMessageContaining("2 parameters but 1");
    }
}
