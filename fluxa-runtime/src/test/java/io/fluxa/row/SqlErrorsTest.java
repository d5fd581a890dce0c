package io.fluxa.row;

import io.fluxa.DuplicateKeyException;
import io.fluxa.FluxaException;
import io.fluxa.ForeignKeyException;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.UniqueIndexSchema;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** MySQL/MariaDB error texts map to exceptions naming the declared index or constraint. */
class SqlErrorsTest {

    private static final EntitySchema USERS = new EntitySchema("User",
            "com.acme.User", "users", "default", null, null,
            List.of(new ColumnSchema("ID", "id", "long", ColumnKind.ID, "bigint unsigned", false, true, 0, 0, 0,
                    List.of(), null, null, false, false),
                    new ColumnSchema("Email", "email", "String", ColumnKind.STRING, "varchar(255)", false, false, 255,
                            0, 0, List.of(), null, null, false, false)),
            List.of(new UniqueIndexSchema("Email", List.of("Email"), true)), List.of(), List.of(), false, false,
            false, "s1");

    @Test
    void mariaDbDuplicateNamesTheDeclaredIndex() {
        FluxaException e = SqlErrors.translate(USERS, new SQLException(
                "(conn=12) Duplicate entry 'a@b.c' for key 'email'", "23000", 1062), "INSERT …");
        assertThat(e).isInstanceOfSatisfying(DuplicateKeyException.class, d -> {
            assertThat(d.table()).isEqualTo("users");
            assertThat(d.index()).isEqualTo("Email");
        });
        assertThat(e.getMessage()).contains("a@b.c", "Email", "users");
    }

    @Test
    void mysql8QualifiedKeyAndBatchWrapping() {
        SQLException cause = new SQLException("Duplicate entry '7' for key 'users.PRIMARY'", "23000", 1062);
        BatchUpdateException batch = new BatchUpdateException("batch failed", "23000", 0, new int[0], cause);
        FluxaException e = SqlErrors.translate(USERS, batch, "INSERT …");
        assertThat(e).isInstanceOfSatisfying(DuplicateKeyException.class, d -> assertThat(d.index()).isEqualTo("PRIMARY"));
    }

    @Test
    void foreignKeysNameTheConstraint() {
        FluxaException e = SqlErrors.translate(USERS, new SQLException("Cannot add or update a child row: a foreign key "
                + "constraint fails (`db`.`orders`, CONSTRAINT `FK_orders_User` FOREIGN KEY (`User`) REFERENCES "
                + "`users` (`ID`))", "23000", 1452), "INSERT …");
        assertThat(e).isInstanceOfSatisfying(ForeignKeyException.class, f -> {
            assertThat(f.table()).isEqualTo("orders");
            assertThat(f.constraint()).isEqualTo("FK_orders_User");
        });
    }

    @Test
    void otherErrorsKeepCodeAndSql() {
        FluxaException e = SqlErrors.translate(USERS, new SQLException("Data too long", "22001", 1406), "UPDATE x");
        assertThat(e.getClass()).isEqualTo(FluxaException.class);
        assertThat(e.getMessage()).contains("1406", "Data too long", "UPDATE x");
    }
}
