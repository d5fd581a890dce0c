#!/usr/bin/env python3
"""Turns JMH JSON results (java -jar benchmarks/target/benchmarks.jar ... -rf json -rff FILE) into the
Markdown tables of docs/benchmarks.md: microseconds per operation (the mean over the files given),
then Fluxa's time divided by each other side's (below 1: Fluxa is faster), one ratio per file.

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
    ("update one column of a cached row",
     ["fluxaUpdateFlush", "rawJdbcUpdate", "hibernateUpdateL2", "jooqUpdate", "springDataUpdate"]),
    ("update one column, row read from MySQL (Hibernate without L2)",
     [None, None, "hibernateUpdateMySql", None, None]),
]


def load(path):
    scores = {}
    for result in json.load(open(path)):
        name = result["benchmark"].rsplit(".", 1)[1]
        rows = result.get("params", {}).get("rows")
        key = name + (":" + rows if rows else "")
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


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
