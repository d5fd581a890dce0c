package io.fluxa.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the SQL statements each benchmark operation sends, per operation: the change of MariaDB's
 * global {@code Com_*} counters over 1 000 calls, after 200 calls of warm-up. The counters are
 * server-wide, so run it on an otherwise quiet server:
 * {@code java -cp benchmarks/target/benchmarks.jar io.fluxa.benchmarks.StatementCounts}.
 */
public final class StatementCounts {

    private static final int CALLS = 1_000;

    private interface Operation {
        Object call() throws Exception;
    }

    private StatementCounts() {
    }

    public static void main(String[] args) throws Exception {
        Fixture f = new Fixture();
        f.setUp();
        HibernateStack h = new HibernateStack();
        h.setUp(f);
        JooqStack j = new JooqStack();
        j.setUp(f);
        SpringDataStack s = new SpringDataStack();
        s.setUp(f);
        ReadBenchmarks read = new ReadBenchmarks();
        read.newSharedContext(f);
        WriteBenchmarks one = new WriteBenchmarks();
        one.rows = 1;
        WriteBenchmarks hundred = new WriteBenchmarks();
        hundred.rows = 100;
        UpdateBenchmarks update = new UpdateBenchmarks();

        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("fluxaGetByIdLocalHit", () -> read.fluxaGetByIdLocalHit(f));
        operations.put("hibernateGetByIdL2Hit", () -> read.hibernateGetByIdL2Hit(f, h));
        operations.put("fluxaGetByIdMySql", () -> read.fluxaGetByIdMySql(f));
        operations.put("rawJdbcGetById", () -> read.rawJdbcGetById(f));
        operations.put("hibernateGetByIdMySql", () -> read.hibernateGetByIdMySql(f, h));
        operations.put("jooqGetById", () -> read.jooqGetById(f, j));
        operations.put("springDataGetById", () -> read.springDataGetById(f, s));
        operations.put("fluxaGetByIds100MySql", () -> read.fluxaGetByIds100MySql(f));
        operations.put("hibernateGetByIds100", () -> read.hibernateGetByIds100(h));
        operations.put("jooqGetByIds100", () -> read.jooqGetByIds100(j));
        operations.put("springDataGetByIds100", () -> read.springDataGetByIds100(s));
        operations.put("fluxaSearch", () -> read.fluxaSearch(f));
        operations.put("hibernateSearch", () -> read.hibernateSearch(f, h));
        operations.put("jooqSearch", () -> read.jooqSearch(f, j));
        operations.put("springDataSearch", () -> read.springDataSearch(f, s));
        operations.put("fluxaInsertFlush 1", () -> one.fluxaInsertFlush(f));
        operations.put("rawJdbcInsert 1", () -> one.rawJdbcInsert(f));
        operations.put("hibernateInsert 1", () -> one.hibernateInsert(f, h));
        operations.put("jooqInsert 1", () -> one.jooqInsert(f, j));
        operations.put("springDataInsert 1", () -> one.springDataInsert(f, s));
        operations.put("fluxaInsertFlush 100", () -> hundred.fluxaInsertFlush(f));
        operations.put("rawJdbcInsert 100", () -> hundred.rawJdbcInsert(f));
        operations.put("hibernateInsert 100", () -> hundred.hibernateInsert(f, h));
        operations.put("jooqInsert 100", () -> hundred.jooqInsert(f, j));
        operations.put("springDataInsert 100", () -> hundred.springDataInsert(f, s));
        operations.put("fluxaUpdateFlush", () -> update.fluxaUpdateFlush(f));
        operations.put("rawJdbcUpdate", () -> update.rawJdbcUpdate(f));
        operations.put("hibernateUpdateL2", () -> update.hibernateUpdateL2(f, h));
        operations.put("hibernateUpdateMySql", () -> update.hibernateUpdateMySql(f, h));
        operations.put("jooqUpdate", () -> update.jooqUpdate(f, j));
        operations.put("springDataUpdate", () -> update.springDataUpdate(f, s));

        try (Connection monitor = DriverManager.getConnection(Fixture.SERVERS.databaseUrl(f.database),
                Fixture.SERVERS.mysqlUser(), Fixture.SERVERS.mysqlPassword())) {
            for (Map.Entry<String, Operation> operation : operations.entrySet()) {
                for (int i = 0; i < CALLS / 5; i++) {
                    operation.getValue().call();
                }
                Map<String, Long> before = counters(monitor);
                for (int i = 0; i < CALLS; i++) {
                    operation.getValue().call();
                }
                Map<String, Long> after = counters(monitor);
                StringBuilder line = new StringBuilder(String.format("%-24s", operation.getKey()));
                after.forEach((name, value) -> {
                    double perCall = (value - before.getOrDefault(name, 0L)) / (double) CALLS;
                    if (perCall >= 0.5) {
                        line.append(String.format(" %s=%.2f", name, perCall));
                    }
                });
                System.out.println(after.equals(before) ? line + " no SQL statement" : line);
            }
        } finally {
            s.tearDown();
            h.tearDown();
            f.tearDown();
        }
    }

    private static Map<String, Long> counters(Connection monitor) throws SQLException {
        Map<String, Long> counters = new TreeMap<>();
        try (Statement statement = monitor.createStatement(); ResultSet rs = statement.executeQuery(
                "SHOW GLOBAL STATUS WHERE Variable_name LIKE 'Com\\_%' OR Variable_name = 'Questions'")) {
            while (rs.next()) {
                counters.put(rs.getString(1), Long.parseLong(rs.getString(2)));
            }
        }
        return counters;
    }
}
