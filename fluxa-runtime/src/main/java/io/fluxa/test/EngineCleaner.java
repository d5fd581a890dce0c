package io.fluxa.test;

import io.fluxa.Engine;
import io.fluxa.FluxaConfigException;
import io.fluxa.FluxaException;
import io.fluxa.cache.LocalCache;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;
import io.fluxa.schema.EntitySchema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Empties what tests write through an engine: the rows of its entity tables (only tables holding
 * rows, with foreign key checks off), the Redis database of every Redis pool (each one must be a
 * database the test run leased) and every local cache. The one cleaner behind {@link FluxaTest}
 * and {@link FluxaTestServers#clean(Engine)}.
 */
final class EngineCleaner {

    private EngineCleaner() {
    }

    /** @param who names the caller in failures, e.g. {@code "@FluxaTest on com.acme.ShopTest"} */
    static void clean(Engine engine, FluxaTestServers servers, String who) {
        Map<String, List<String>> tables = new TreeMap<>();
        for (EntitySchema e : engine.schema().entities()) {
            tables.computeIfAbsent(e.mysqlPool(), k -> new ArrayList<>()).add(e.table());
        }
        for (Map.Entry<String, List<String>> e : tables.entrySet()) {
            emptyTables(engine.db(e.getKey()), e.getValue(), who);
        }
        flushRedis(engine, servers, who);
        engine.forgetReservedIds(); // reserved from the counters just emptied
        for (LocalCache cache : engine.localCaches()) {
            cache.clear();
        }
    }

    /** Empties the Redis database of every Redis pool; only databases the test run leased are ever emptied. */
    static void flushRedis(Engine engine, FluxaTestServers servers, String who) {
        TreeSet<Integer> redisDatabases = new TreeSet<>();
        for (RedisPool pool : engine.redisPools()) {
            redisDatabases.add(pool.database());
        }
        for (int database : redisDatabases) {
            try {
                servers.flushRedisDatabase(database);
            } catch (FluxaConfigException e) {
                throw new FluxaConfigException(who + ": " + e.getMessage(), e);
            } catch (FluxaException e) {
                throw new FluxaException(who + ": " + e.getMessage(), e);
            }
        }
    }

    private static void emptyTables(MySqlPool pool, List<String> names, String who) {
        StringBuilder probe = new StringBuilder();
        for (String table : names) {
            if (probe.length() > 0) {
                probe.append(" UNION ALL ");
            }
            probe.append("SELECT '").append(table.replace("'", "''")).append("' FROM DUAL WHERE EXISTS (SELECT 1 FROM `")
                    .append(table.replace("`", "``")).append("`)");
        }
        try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> filled = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(probe.toString())) {
                while (rs.next()) {
                    filled.add(rs.getString(1));
                }
            }
            if (filled.isEmpty()) {
                return;
            }
            s.execute("SET FOREIGN_KEY_CHECKS = 0");
            try {
                for (String table : filled) {
                    s.executeUpdate("DELETE FROM `" + table.replace("`", "``") + "`");
                }
            } finally {
                s.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
        } catch (SQLException e) {
            throw new FluxaException(who + ": cannot empty the tables of MySQL pool '" + pool.code() + "' (database "
                    + pool.database() + "): " + e.getMessage(), e);
        }
    }
}
