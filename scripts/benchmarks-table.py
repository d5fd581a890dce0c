#!/usr/bin/env python3
"""Turns JMH JSON results (java -jar benchmarks/target/benchmarks.jar ... -rf json -rff FILE) into the
Markdown tables of docs/benchmarks.md: microseconds per operation (the mean over the files given),
then Fluxa's time divided by each other side's (below 1: Fluxa is faster), one ratio per file, then
the targets of issue 15 with the measured ratio per file and whether every file meets them, then
the scaling of the 16-thread reads over one thread and the allocation per call when the run used
-prof gc.

Usage: scripts/benchmarks-table.py RUN.json [MORE-RUNS.json ...]"""
import json
import sys

SIDES = ["Fluxa", "raw client", "Hibernate 7", "jOOQ", "Spring Data JDBC"]
ROWS = [
    ("getById, context-cache hit (raw: `HashMap.get`)",
     ["fluxaGetByIdContextHit", "rawHashMapGet", None, None, None]),
    ("getById, local-cache hit, new context (raw: Caffeine; Hibernate: L2 hit, new session)",
     ["fluxaGetByIdLocalHit", "rawCaffeineGet", "hibernateGetByIdL2Hit", None, None]),
    ("getById, Redis hit (raw: Lettuce `GET` + msgpack decode)",
     ["fluxaGetByIdRedisHit", "rawLettuceGet", None, None, None]),
    ("getById, Redis hit (raw: Lettuce `HGETALL` + msgpack decode)",
     ["fluxaGetByIdRedisHit", "rawLettuceHGetAll", None, None, None]),
    ("getByIds(100), Redis hits (raw: 100 `GET` in one flush + decode)",
     ["fluxaGetByIdsRedis:100", "rawLettuceGetOneFlush:100", None, None, None]),
    ("getByIds(100), Redis hits (raw: 100 `HGETALL` in one flush + decode)",
     ["fluxaGetByIdsRedis:100", "rawLettuceHGetAllOneFlush:100", None, None, None]),
    ("getByIds(1000), Redis hits (raw: 1 000 `GET` in one flush + decode)",
     ["fluxaGetByIdsRedis:1000", "rawLettuceGetOneFlush:1000", None, None, None]),
    ("getByIds(1000), Redis hits (raw: 1 000 `HGETALL` in one flush + decode)",
     ["fluxaGetByIdsRedis:1000", "rawLettuceHGetAllOneFlush:1000", None, None, None]),
    ("16 threads: getById, local-cache hit, new context (raw: Caffeine)",
     ["fluxaGetByIdLocalHit16Threads", "rawCaffeineGet16Threads", None, None, None]),
    ("16 threads: getById, Redis hit (raw: Lettuce `GET` + decode)",
     ["fluxaGetByIdRedisHit16Threads", "rawLettuceGet16Threads", None, None, None]),
    ("16 threads: getById, Redis hit (raw: Lettuce `HGETALL` + decode)",
     ["fluxaGetByIdRedisHit16Threads", "rawLettuceHGetAll16Threads", None, None, None]),
    ("getById from MySQL",
     ["fluxaGetByIdMySql", "rawJdbcGetById", "hibernateGetByIdMySql", "jooqGetById", "springDataGetById"]),
    ("getByIds(100) from MySQL",
     ["fluxaGetByIds100MySql", "rawJdbcGetByIds100", "hibernateGetByIds100", "jooqGetByIds100",
      "springDataGetByIds100"]),
    ("search: `ID > ? AND Age < 45 ORDER BY ID LIMIT 20`",
     ["fluxaSearch", "rawJdbcSearch", "hibernateSearch", "jooqSearch", "springDataSearch"]),
    ("insert 1 row", ["fluxaInsertFlush:1", "rawJdbcInsert:1", "hibernateInsert:1", "jooqInsert:1",
                      "springDataInsert:1"]),
    ("insert 100 rows", ["fluxaInsertFlush:100", "rawJdbcInsert:100", "hibernateInsert:100", "jooqInsert:100",
                         "springDataInsert:100"]),
    ("insert 10 000 rows (raw: one JDBC batch)",
     ["fluxaInsertFlush:10000", "rawJdbcInsert:10000", "hibernateInsert:10000", None, None]),
    ("insert 10 000 rows (raw: multi-row `INSERT` text)",
     ["fluxaInsertFlush:10000", "rawJdbcMultiRowInsert:10000", None, None, None]),
    ("insert 1 row, id blocks of 1 000 (opt-in)", ["fluxaInsertFlushIdBlocks:1", "rawJdbcInsert:1", None, None, None]),
    ("insert 100 rows, id blocks of 1 000 (opt-in)",
     ["fluxaInsertFlushIdBlocks:100", "rawJdbcInsert:100", None, None, None]),
    ("insert 10 000 rows, id blocks of 1 000 (opt-in; raw: one JDBC batch)",
     ["fluxaInsertFlushIdBlocks:10000", "rawJdbcInsert:10000", None, None, None]),
    ("update one column of a cached row",
     ["fluxaUpdateFlush", "rawJdbcUpdate", "hibernateUpdateL2", "jooqUpdate", "springDataUpdate"]),
    ("update one column, row read from MySQL (Hibernate without L2)",
     [None, None, "hibernateUpdateMySql", None, None]),
]


def load(path):
    scores = {}
    for result in json.load(open(path)):
        name = result["benchmark"].rsplit(".", 1)[1]
        params = result.get("params", {})
        key = name + "".join(":" + params[p] for p in ("rows", "ids") if p in params)
        metric = result["primaryMetric"]
        scores[key] = (metric["score"], metric["scoreError"])
    return scores


def number(value):
    if value >= 100:
        return f"{value:,.0f}".replace(",", " ")
    if value >= 1:
        return f"{value:.1f}"
    return f"{value:.3f}"


def main(paths):
    runs = [load(path) for path in paths]

    def mean(key):
        values = [run[key][0] for run in runs if key in run]
        return sum(values) / len(values) if len(values) == len(runs) else None

    print("| operation | " + " | ".join(SIDES) + " |")
    print("|---|" + "---:|" * len(SIDES))
    for label, keys in ROWS:
        cells = []
        for key in keys:
            value = None if key is None else mean(key)
            cells.append("—" if value is None else number(value))
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()
    print("| operation | " + " | ".join("Fluxa / " + side for side in SIDES[1:]) + " |")
    print("|---|" + "---:|" * (len(SIDES) - 1))
    for label, keys in ROWS:
        if keys[0] is None or mean(keys[0]) is None:
            continue
        cells = []
        for key in keys[1:]:
            if key is None or mean(key) is None:
                cells.append("—")
            else:
                cells.append(" / ".join(f"{run[keys[0]][0] / run[key][0]:.2f}" for run in runs))
        print(f"| {label} | " + " | ".join(cells) + " |")
    targets(runs)
    scaling(runs)
    allocations(paths)


# (label, Fluxa key, [other keys: the fastest of them is the reference], comparison, limit)
# The targets also drive interleaved runs (benchmarks/.../InterleavedTargets.java); InterleavedTargetsTest
# fails when the two lists name different sides or limits.
# "max": Fluxa / reference must be at most the limit; "faster": reference / Fluxa at least the limit.
TARGETS = [
    ("insert 1 row ≤ 1.3× raw JDBC", "fluxaInsertFlush:1", ["rawJdbcInsert:1"], "max", 1.3),
    ("insert 100 rows ≤ 1.2× raw JDBC", "fluxaInsertFlush:100", ["rawJdbcInsert:100"], "max", 1.2),
    ("insert 10 000 rows ≤ 1.1× the faster raw way (batch, multi-row text)", "fluxaInsertFlush:10000",
     ["rawJdbcInsert:10000", "rawJdbcMultiRowInsert:10000"], "max", 1.1),
    ("insert 10 000 rows ≥ 1.5× faster than Hibernate", "fluxaInsertFlush:10000", ["hibernateInsert:10000"],
     "faster", 1.5),
    ("insert 1 row ≤ 1.3× raw JDBC, id blocks on", "fluxaInsertFlushIdBlocks:1", ["rawJdbcInsert:1"], "max", 1.3),
    ("insert 100 rows ≤ 1.2× raw JDBC, id blocks on", "fluxaInsertFlushIdBlocks:100", ["rawJdbcInsert:100"],
     "max", 1.2),
    ("insert 10 000 rows ≤ 1.1× the faster raw way, id blocks on", "fluxaInsertFlushIdBlocks:10000",
     ["rawJdbcInsert:10000", "rawJdbcMultiRowInsert:10000"], "max", 1.1),
    ("getById, local-cache hit, new context ≤ 5× Caffeine", "fluxaGetByIdLocalHit", ["rawCaffeineGet"], "max", 5.0),
    ("getById, Redis hit ≤ 1.0× raw Lettuce GET + decode", "fluxaGetByIdRedisHit", ["rawLettuceGet"], "max", 1.0),
    ("getByIds(100) on Redis ≤ 1.2× one-flush floor (GET or HGETALL)", "fluxaGetByIdsRedis:100",
     ["rawLettuceGetOneFlush:100", "rawLettuceHGetAllOneFlush:100"], "max", 1.2),
    ("getByIds(1000) on Redis ≤ 1.2× one-flush floor (GET or HGETALL)", "fluxaGetByIdsRedis:1000",
     ["rawLettuceGetOneFlush:1000", "rawLettuceHGetAllOneFlush:1000"], "max", 1.2),
    # issue 8, as throughput: the raw side's time divided by Fluxa's
    ("flushAsync of one entity ≥ 0.9× the throughput of a raw XADD", "fluxaFlushAsyncOne",
     ["rawXaddSameBytes"], "faster", 0.9),
    ("consumer, 10 000 entries ≥ 0.8× the throughput of raw JDBC batches", "fluxaConsume10000",
     ["rawJdbcBatchInsert10000"], "faster", 0.8),
]

# (label, one-thread key, 16-thread key)
SCALING = [
    ("Fluxa getById, local-cache hit", "fluxaGetByIdLocalHit", "fluxaGetByIdLocalHit16Threads"),
    ("Caffeine getIfPresent", "rawCaffeineGet", "rawCaffeineGet16Threads"),
    ("Fluxa getById, Redis hit", "fluxaGetByIdRedisHit", "fluxaGetByIdRedisHit16Threads"),
    ("Lettuce GET + decode", "rawLettuceGet", "rawLettuceGet16Threads"),
    ("Lettuce HGETALL + decode", "rawLettuceHGetAll", "rawLettuceHGetAll16Threads"),
]


def targets(runs):
    print()
    print("| target | measured, per run | met |")
    print("|---|---:|---|")
    for label, fluxa, others, comparison, limit in TARGETS:
        ratios = []
        for run in runs:
            present = [run[k][0] for k in others if k in run]
            if fluxa not in run or not present:
                continue
            reference = min(present)
            ratios.append(run[fluxa][0] / reference if comparison == "max" else reference / run[fluxa][0])
        if not ratios:
            print(f"| {label} | not measured | — |")
            continue
        met = all(r <= limit for r in ratios) if comparison == "max" else all(r >= limit for r in ratios)
        shown = " / ".join(f"{r:.2f}×" for r in ratios)
        print(f"| {label} | {shown} | {'yes' if met else 'no'} |")


def scaling(runs):
    rows = []
    for label, one, many in SCALING:
        values = [16 * run[one][0] / run[many][0] for run in runs if one in run and many in run]
        if values:
            rows.append(f"| {label} | " + " / ".join(f"{v:.1f}×" for v in values) + " |")
    if rows:
        print()
        print("| 16 threads: throughput over one thread | per run |")
        print("|---|---:|")
        print("\n".join(rows))


def allocations(paths):
    rows = []
    for path in paths:
        for result in json.load(open(path)):
            norm = result.get("secondaryMetrics", {}).get("·gc.alloc.rate.norm") \
                or result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            if norm:
                name = result["benchmark"].rsplit(".", 1)[1]
                rows.append(f"| {name} | {norm['score']:.0f} |")
    if rows:
        print()
        print("| benchmark (-prof gc) | bytes allocated per call |")
        print("|---|---:|")
        print("\n".join(rows))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
