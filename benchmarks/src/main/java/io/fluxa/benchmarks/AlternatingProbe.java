package io.fluxa.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Fluxa operation and its raw counterpart from the JMH benchmarks, run in turns in one JVM: each
 * round runs both, the first side alternating from round to round. JMH measures the two sides one after
 * the other, so a slow phase of a shared machine (seen here: several seconds in which Redis batch
 * reads of both sides took five times as long) lands on one side only and moves a ratio by 30 % and
 * more; in turns both sides meet the same phases. Prints, per side, the median, lower quartile and
 * mean time, the median CPU time of the calling thread, for the pairs of long sides the mean CPU time per
 * round of this JVM and of the local database and Redis servers ({@link ProcessCpu}: with few cores, a
 * side that keeps the client busy also slows the servers), and the ratios. Measures; asserts nothing.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.fluxa.benchmarks.AlternatingProbe PAIR [ROUNDS [WARM-UP]]
 * </pre>
 * PAIR is one of {@link Pair}, in lower case with dashes ({@code get-by-ids-100}); ROUNDS and WARM-UP
 * default to the pair's. For {@code consume-10000}, {@code -Dfluxa.bench.consume-batch=N} sets the batch
 * size of both sides (500 by default). Needs the servers of the benchmarks ({@link Fixture}).
 */
public final class AlternatingProbe {

    /** What the two sides do, as in the benchmark methods named. */
    public enum Pair {
        /** {@link WriteBenchmarks#fluxaInsertFlush} and {@link WriteBenchmarks#rawJdbcInsert}, one row. */
        INSERT_1(6_000, 2_000),
        /** The same with 100 rows. */
        INSERT_100(1_500, 700),
        /**
         * {@link BulkInsertBenchmarks}, 10 000 rows: Fluxa's flush and the raw JDBC batch, the faster raw
         * way in every run so far (the multi-row text is not a side here).
         */
        INSERT_10000(60, 20, true),
        /** {@link ReadBenchmarks#fluxaGetByIdRedisHit} and {@link ReadBenchmarks#rawLettuceGet}. */
        GET_BY_ID_REDIS(20_000, 10_000),
        /** {@link RedisBatchBenchmarks}, 100 ids, against the raw {@code GET}s in one flush. */
        GET_BY_IDS_100(6_000, 2_000),
        /** {@link RedisBatchBenchmarks}, 1 000 ids. */
        GET_BY_IDS_1000(1_000, 300),
        /** {@link AsyncConsumeBenchmarks}: the consumer's drain of 10 000 entries and the raw batches. */
        CONSUME_10000(40, 12, true),
        /**
         * Not Fluxa against raw: {@link AsyncConsumeBenchmarks#rawStreamReadBatchInsertWithOffset10000},
         * the floor of a consumer of the stream in raw clients, as the first side, against the raw batches.
         */
        CONSUME_FLOOR_10000(40, 12, true);

        final int rounds;
        final int warmUp;
        /**
         * Whether the probe reads the CPU time of this JVM and the servers around each side: for sides of
         * milliseconds, where the reads (a file per thread) cost next to nothing.
         */
        final boolean processCpu;

        Pair(int rounds, int warmUp) {
            this(rounds, warmUp, false);
        }

        Pair(int rounds, int warmUp, boolean processCpu) {
            this.processCpu = processCpu;
            this.rounds = rounds;
            this.warmUp = warmUp;
        }

        static Pair parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown pair '" + name + "'; the pairs are " + names(), e);
            }
        }

        static String names() {
            return Arrays.toString(values()).toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The figures of one side over the measured rounds, in microseconds: wall time, the calling thread's
     * CPU time, and for pairs of long sides the mean CPU time per round of this whole JVM (else NaN) and of
     * each local server found ({@link ProcessCpu}; server name to microseconds, in the order found).
     */
    public record Side(String name, double p25, double median, double mean, double cpuMedian, double jvmCpuMean,
                       Map<String, Double> serverCpuMeans) {

        @Override
        public String toString() {
            String times = String.format(Locale.ROOT, "%-6s median %10.1f  p25 %10.1f  mean %10.1f  thread CPU %10.1f µs",
                    name, median, p25, mean, cpuMedian);
            if (Double.isNaN(jvmCpuMean)) {
                return times;
            }
            StringBuilder processes = new StringBuilder(String.format(Locale.ROOT, "JVM %.1f", jvmCpuMean));
            serverCpuMeans.forEach((server, micros) -> processes.append(String.format(Locale.ROOT, ", %s %.1f",
                    server, micros)));
            return times + String.format(Locale.ROOT, "%n       CPU per round, means: %s µs", processes);
        }
    }

    /** Both sides of a probe. */
    public record Result(Pair pair, int measured, Side fluxa, Side raw) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, %d rounds measured%n%s%n%s%n%s / raw: median %.2f×, "
                    + "p25 %.2f×, mean %.2f×", pair, measured, fluxa, raw, fluxa.name(), fluxa.median() / raw.median(),
                    fluxa.p25() / raw.p25(), fluxa.mean() / raw.mean());
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /**
     * One pair's state: the untimed set-up of a round, the two timed sides (the first named {@code first}:
     * Fluxa's, or what stands in for it), an untimed step after the first side, and what ends the probe.
     */
    private record Round(String first, Step prepare, Step fluxa, Step afterFluxa, Step raw, Step close) {

        Round(Step prepare, Step fluxa, Step raw, Step close) {
            this("Fluxa", prepare, fluxa, () -> { }, raw, close);
        }
    }

    /** The system property that sets {@link AsyncConsumeBenchmarks#batch} for {@code consume-10000}. */
    static final String CONSUME_BATCH_PROPERTY = "fluxa.bench.consume-batch";

    private AlternatingProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: AlternatingProbe PAIR [ROUNDS [WARM-UP]]; PAIR is one of " + Pair.names());
            System.exit(2);
        }
        Pair pair = Pair.parse(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : pair.rounds;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : pair.warmUp;
        Fixture f = new Fixture();
        f.setUp();
        try {
            System.out.println(run(f, pair, rounds, warmUp));
        } finally {
            f.tearDown();
        }
        System.exit(0); // the engine's and Lettuce's threads would keep the JVM up
    }

    /** Runs {@code rounds} rounds of {@code pair} on {@code f}; the first {@code warmUp} are not measured. */
    public static Result run(Fixture f, Pair pair, int rounds, int warmUp) throws Exception {
        if (warmUp < 0 || warmUp >= rounds) {
            throw new IllegalArgumentException("warm-up rounds must be at least 0 and fewer than the rounds (" + rounds
                    + "), got " + warmUp);
        }
        Round round = round(f, pair);
        try {
            return measure(round, pair, rounds, warmUp);
        } finally {
            round.close().run();
        }
    }

    private static Result measure(Round round, Pair pair, int rounds, int warmUp) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int measured = rounds - warmUp;
        long[][] wall = new long[2][measured];
        long[][] cpu = new long[2][measured];
        List<ProcessCpu> servers = pair.processCpu ? ProcessCpu.servers() : List.of();
        ProcessCpu jvm = pair.processCpu ? ProcessCpu.jvm().orElse(null) : null;
        // per side: this JVM's CPU time, then each server's, summed over the measured rounds
        long[][] processCpu = new long[2][1 + servers.size()];
        long[] before = new long[1 + servers.size()];
        for (int r = 0; r < rounds; r++) {
            round.prepare().run();
            for (int k = 0; k < 2; k++) {
                int side = (r + k) % 2; // 0 = Fluxa; even rounds start with Fluxa, odd ones with raw
                processCpu(jvm, servers, before);
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                (side == 0 ? round.fluxa() : round.raw()).run();
                long took = System.nanoTime() - start;
                long cpuTook = threads.getCurrentThreadCpuTime() - cpuStart;
                long[] after = processCpu(jvm, servers, new long[before.length]);
                if (side == 0) {
                    round.afterFluxa().run();
                }
                if (r >= warmUp) {
                    wall[side][r - warmUp] = took;
                    cpu[side][r - warmUp] = cpuTook;
                    for (int p = 0; p < after.length; p++) {
                        processCpu[side][p] += after[p] - before[p];
                    }
                }
            }
        }
        return new Result(pair, measured, side(round.first(), wall[0], cpu[0], jvm == null ? null : processCpu[0], servers),
                side("raw", wall[1], cpu[1], jvm == null ? null : processCpu[1], servers));
    }

    /**
     * Fills {@code into} with this JVM's CPU time (0 without {@code jvm}), then each server's (0 once a
     * server cannot be read).
     */
    private static long[] processCpu(ProcessCpu jvm, List<ProcessCpu> servers, long[] into) {
        into[0] = jvm == null ? 0 : jvm.nanos().orElse(0L);
        for (int i = 0; i < servers.size(); i++) {
            into[i + 1] = servers.get(i).nanos().orElse(0L);
        }
        return into;
    }

    private static Round round(Fixture f, Pair pair) throws SQLException {
        Step nothing = () -> { };
        return switch (pair) {
            case INSERT_1, INSERT_100, INSERT_10000 -> {
                int rows = switch (pair) {
                    case INSERT_1 -> 1;
                    case INSERT_100 -> 100;
                    default -> 10_000;
                };
                yield new Round(nothing, () -> WriteBenchmarks.fluxaInsert(f, rows),
                        () -> WriteBenchmarks.rawJdbcBatchInsert(f, rows), nothing);
            }
            case GET_BY_ID_REDIS -> {
                ReadBenchmarks read = new ReadBenchmarks();
                yield new Round(nothing, () -> read.fluxaGetByIdRedisHit(f), () -> read.rawLettuceGet(f), nothing);
            }
            case GET_BY_IDS_100, GET_BY_IDS_1000 -> {
                RedisBatchBenchmarks batch = new RedisBatchBenchmarks();
                batch.ids = pair == Pair.GET_BY_IDS_100 ? 100 : 1_000;
                int[] done = {0};
                // a new set of ids every 200 rounds, as a JMH iteration takes a new one
                yield new Round(() -> {
                    if (done[0]++ % 200 == 0) {
                        batch.nextBatch(f);
                    }
                }, () -> batch.fluxaGetByIdsRedis(f), () -> batch.rawLettuceGetOneFlush(f), nothing);
            }
            case CONSUME_10000, CONSUME_FLOOR_10000 -> {
                AsyncConsumeBenchmarks consume = new AsyncConsumeBenchmarks();
                consume.batch = Integer.getInteger(CONSUME_BATCH_PROPERTY, consume.batch);
                consume.setUp(f);
                Step prepare = () -> consume.enqueue(f); // which collects its garbage before either side
                Step raw = () -> consume.rawJdbcBatchInsert10000(f);
                yield pair == Pair.CONSUME_10000
                        ? new Round(prepare, consume::fluxaConsume10000, raw, consume::tearDown)
                        : new Round("floor", prepare, () -> consume.rawStreamReadBatchInsertWithOffset10000(f),
                                () -> consume.dropReadStream(f), raw, consume::tearDown);
            }
        };
    }

    /** @param processCpu the CPU times summed over the measured rounds ({@link #processCpu}), or null: not read */
    private static Side side(String name, long[] wall, long[] cpu, long[] processCpu, List<ProcessCpu> servers) {
        long[] sortedWall = wall.clone();
        long[] sortedCpu = cpu.clone();
        Arrays.sort(sortedWall);
        Arrays.sort(sortedCpu);
        int n = wall.length;
        double mean = Arrays.stream(wall).average().orElse(0);
        Map<String, Double> serverMeans = new LinkedHashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            serverMeans.put(servers.get(i).name(), processCpu[i + 1] / 1e3 / n);
        }
        return new Side(name, sortedWall[n / 4] / 1e3, sortedWall[n / 2] / 1e3, mean / 1e3, sortedCpu[n / 2] / 1e3,
                processCpu == null ? Double.NaN : processCpu[0] / 1e3 / n, serverMeans);
    }
}
