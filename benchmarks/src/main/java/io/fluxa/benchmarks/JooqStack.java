package io.fluxa.benchmarks;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record5;
import org.jooq.RecordMapper;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import static org.jooq.Records.mapping;

/**
 * jOOQ's plain DSL (no code generation: tables and fields declared by name) over the fixture's
 * HikariCP pool, the one the raw JDBC side uses.
 */
@State(Scope.Benchmark)
public class JooqStack {

    static final Table<Record> PLAIN = DSL.table(DSL.name("bench_plain"));
    static final Field<Long> ID = DSL.field(DSL.name("ID"), SQLDataType.BIGINT);
    static final Field<String> NAME = DSL.field(DSL.name("Name"), SQLDataType.VARCHAR(100));
    static final Field<String> EMAIL = DSL.field(DSL.name("Email"), SQLDataType.VARCHAR(100));
    static final Field<Integer> AGE = DSL.field(DSL.name("Age"), SQLDataType.INTEGER);
    static final Field<Double> BALANCE = DSL.field(DSL.name("Balance"), SQLDataType.DOUBLE);
    static final RecordMapper<Record5<Long, String, String, Integer, Double>, UserRow> TO_ROW = mapping(UserRow::new);

    DSLContext dsl;

    @Setup(Level.Trial)
    public void setUp(Fixture f) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        dsl = DSL.using(f.jdbc, SQLDialect.MARIADB, new Settings().withExecuteLogging(false));
    }
}
