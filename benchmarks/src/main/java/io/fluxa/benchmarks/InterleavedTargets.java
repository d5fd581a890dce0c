package io.fluxa.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The performance targets of the issues as one JMH run whose forks are interleaved: every round runs
 * one JMH fork of each side of every target, the sides of a target one right after the other and the
 * first side rotating from round to round. A plain JMH run measures all forks of one benchmark before
 * the next, so a phase of a shared machine that slows every call for minutes (seen here: a raw one-row
 * insert at 332 µs in one fork and 186 µs in the next) lands on one side of a ratio only. Here each
 * round gives a ratio of two forks that ran back to back; the figure of a target is the median of
 * its rounds' ratios. Measures; asserts nothing.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.fluxa.benchmarks.InterleavedTargets ROUNDS [TARGET...] [JMH OPTIONS]
 * </pre>
 * TARGET is one of {@link Target}, in lower case with dashes ({@code insert-1}); none means all. The JMH
 * options (warm-up, iterations, ...) apply to every fork, except that a single-shot target runs its own
 * number of shots ({@link Shots}); the number of forks is always one per side and round. Needs the
 * servers of the benchmarks ({@link Fixture}).
 */
public final class InterleavedTargets {

    /** One benchmark method with its parameter, if it has one. */
    public record Side(String benchmark, String param, String value) {

        static Side of(String benchmark) {
            return new Side(benchmark, null, null);
        }

        static Side of(String benchmark, String param, String value) {
            return new Side(benchmark, param, value);
        }

        /** The JMH include pattern that selects this method only. */
        String include() {
            return "^" + Pattern.quote(InterleavedTargets.class.getPackageName() + "." + benchmark) + "$";
        }

        @Override
        public String toString() {
            return param == null ? benchmark : benchmark + " " + param + "=" + value;
        }
    }

    /** Whether the limit bounds Fluxa's time over the reference's, or the reference's over Fluxa's. */
    public enum Limit {
        /** Fluxa's time / the fastest reference's time must be at most the limit. */
        AT_MOST_TIMES_SLOWER,
        /** The reference's time / Fluxa's time (Fluxa's speed-up, or its relative throughput) at least. */
        AT_LEAST_TIMES_FASTER
    }

    /**
     * The warm-up and measured shots of a single-shot target, which replace the command line's
     * {@code -wi} and {@code -i}: those are sized for timed iterations of seconds, while one shot is one
     * call of tens of milliseconds, and a few shots measure code the JIT is still compiling.
     */
    public record Shots(int warmup, int measured) {
    }

    /** A target of issues 8 and 15: Fluxa's side, its references (the fastest counts) and the limit. */
    public enum Target {
        INSERT_1("insert 1 row ≤ 1.3× raw JDBC", Limit.AT_MOST_TIMES_SLOWER, 1.3,
                Side.of("WriteBenchmarks.fluxaInsertFlush", "rows", "1"),
                Side.of("WriteBenchmarks.rawJdbcInsert", "rows", "1")),
        INSERT_100("insert 100 rows ≤ 1.2× raw JDBC", Limit.AT_MOST_TIMES_SLOWER, 1.2,
                Side.of("WriteBenchmarks.fluxaInsertFlush", "rows", "100"),
                Side.of("WriteBenchmarks.rawJdbcInsert", "rows", "100")),
        INSERT_10000("insert 10 000 rows ≤ 1.1× the faster raw way", Limit.AT_MOST_TIMES_SLOWER, 1.1,
                Side.of("BulkInsertBenchmarks.fluxaInsertFlush"),
                Side.of("BulkInsertBenchmarks.rawJdbcInsert"), Side.of("BulkInsertBenchmarks.rawJdbcMultiRowInsert")),
        INSERT_10000_HIBERNATE("insert 10 000 rows ≥ 1.5× faster than Hibernate", Limit.AT_LEAST_TIMES_FASTER, 1.5,
                Side.of("BulkInsertBenchmarks.fluxaInsertFlush"), Side.of("BulkInsertBenchmarks.hibernateInsert")),
        GET_BY_ID_LOCAL("getById, local-cache hit, new context ≤ 5× Caffeine", Limit.AT_MOST_TIMES_SLOWER, 5.0,
                Side.of("ReadBenchmarks.fluxaGetByIdLocalHit"), Side.of("ReadBenchmarks.rawCaffeineGet")),
        // the reference, and since row layout 4 the command Fluxa sends (the HGETALL of layout 3 is
        // still a benchmark of its own, no longer a reference)
        GET_BY_ID_REDIS("getById, Redis hit ≤ 1.0× raw Lettuce GET + decode", Limit.AT_MOST_TIMES_SLOWER, 1.0,
                Side.of("ReadBenchmarks.fluxaGetByIdRedisHit"), Side.of("ReadBenchmarks.rawLettuceGet")),
        GET_BY_IDS_100("getByIds(100) on Redis ≤ 1.2× one-flush floor (GET or HGETALL)", Limit.AT_MOST_TIMES_SLOWER,
                1.2, Side.of("RedisBatchBenchmarks.fluxaGetByIdsRedis", "ids", "100"),
                Side.of("RedisBatchBenchmarks.rawLettuceGetOneFlush", "ids", "100"),
                Side.of("RedisBatchBenchmarks.rawLettuceHGetAllOneFlush", "ids", "100")),
        GET_BY_IDS_1000("getByIds(1000) on Redis ≤ 1.2× one-flush floor (GET or HGETALL)", Limit.AT_MOST_TIMES_SLOWER,
                1.2, Side.of("RedisBatchBenchmarks.fluxaGetByIdsRedis", "ids", "1000"),
                Side.of("RedisBatchBenchmarks.rawLettuceGetOneFlush", "ids", "1000"),
                Side.of("RedisBatchBenchmarks.rawLettuceHGetAllOneFlush", "ids", "1000")),
        FLUSH_ASYNC("flushAsync of one entity ≥ 0.9× the throughput of a raw XADD", Limit.AT_LEAST_TIMES_FASTER, 0.9,
                Side.of("AsyncFlushBenchmarks.fluxaFlushAsyncOne"), Side.of("AsyncFlushBenchmarks.rawXaddSameBytes")),
        // the consumer's drains still get faster after fifteen shots (150 000 entries) as the JIT compiles
        CONSUME_10000("consumer, 10 000 entries ≥ 0.8× the throughput of raw JDBC batches",
                Limit.AT_LEAST_TIMES_FASTER, 0.8, new Shots(20, 15), Side.of("AsyncConsumeBenchmarks.fluxaConsume10000"),
                Side.of("AsyncConsumeBenchmarks.rawJdbcBatchInsert10000"));

        final String label;
        final Limit limit;
        final double bound;
        final Side fluxa;
        final List<Side> references;
        /** The shots of a single-shot target, or null: the command line's iterations. */
        final Shots shots;

        Target(String label, Limit limit, double bound, Side fluxa, Side... references) {
            this(label, limit, bound, null, fluxa, references);
        }

        Target(String label, Limit limit, double bound, Shots shots, Side fluxa, Side... references) {
            this.label = label;
            this.limit = limit;
            this.bound = bound;
            this.shots = shots;
            this.fluxa = fluxa;
            this.references = List.of(references);
        }

        /** Fluxa first, then the references. */
        List<Side> sides() {
            List<Side> sides = new ArrayList<>(references.size() + 1);
            sides.add(fluxa);
            sides.addAll(references);
            return sides;
        }

        /** This target's ratio from one round's scores (times; Fluxa's first, then the references'). */
        double ratio(double[] scores) {
            double fastest = Double.MAX_VALUE;
            for (int i = 1; i < scores.length; i++) {
                fastest = Math.min(fastest, scores[i]);
            }
            return limit == Limit.AT_MOST_TIMES_SLOWER ? scores[0] / fastest : fastest / scores[0];
        }

        boolean met(double ratio) {
            return limit == Limit.AT_MOST_TIMES_SLOWER ? ratio <= bound : ratio >= bound;
        }

        static Target parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown target '" + name + "'; the targets are "
                        + Arrays.toString(values()).toLowerCase(Locale.ROOT).replace('_', '-'), e);
            }
        }
    }

    /** What the command line asked for. */
    record Request(int rounds, List<Target> targets, String[] jmhArguments) {

        static Request parse(String... args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("usage: InterleavedTargets ROUNDS [TARGET...] [JMH OPTIONS]");
            }
            int rounds;
            try {
                rounds = Integer.parseInt(args[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ROUNDS must be a whole number of at least 1, got '" + args[0] + "'");
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("ROUNDS must be a whole number of at least 1, got " + rounds);
            }
            List<Target> targets = new ArrayList<>();
            int next = 1;
            while (next < args.length && !args[next].startsWith("-")) {
                targets.add(Target.parse(args[next++]));
            }
            return new Request(rounds, targets.isEmpty() ? List.of(Target.values()) : List.copyOf(targets),
                    Arrays.copyOfRange(args, next, args.length));
        }
    }

    /** A target's ratios over the rounds, and each side's median score. */
    public record Outcome(Target target, double[] ratios, double[] sideMedians) {

        public double medianRatio() {
            return median(ratios);
        }

        public String row() {
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            StringBuilder sides = new StringBuilder();
            List<Side> all = target.sides();
            for (int i = 0; i < all.size(); i++) {
                sides.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.3f", sideMedians[i]));
            }
            return String.format(Locale.ROOT, "| %s | %s | %.2f× | %.2f–%.2f× | %s |", target.label, sides,
                    medianRatio(), sorted[0], sorted[sorted.length - 1], target.met(medianRatio()) ? "yes" : "no");
        }
    }

    private InterleavedTargets() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Request request = Request.parse(args);
        Options jmh = new CommandLineOptions(request.jmhArguments());
        List<double[]> scores = new ArrayList<>();
        for (Target target : request.targets()) {
            scores.add(new double[request.rounds() * target.sides().size()]);
        }
        for (int round = 0; round < request.rounds(); round++) {
            for (int t = 0; t < request.targets().size(); t++) {
                Target target = request.targets().get(t);
                List<Side> sides = target.sides();
                for (int k = 0; k < sides.size(); k++) {
                    int side = (k + round) % sides.size();
                    double score = runFork(forkOptions(jmh, target, sides.get(side)), sides.get(side));
                    scores.get(t)[round * sides.size() + side] = score;
                    System.out.printf(Locale.ROOT, "# round %d: %s %.3f%n", round + 1, sides.get(side), score);
                }
            }
        }
        System.out.println();
        System.out.println("| target | medians: Fluxa / references | median of the rounds' ratios | range | met |");
        System.out.println("|---|---|---:|---:|---|");
        for (int t = 0; t < request.targets().size(); t++) {
            System.out.println(outcome(request.targets().get(t), request.rounds(), scores.get(t)).row());
        }
    }

    /** The outcome of {@code target} from its scores, round after round, each round's sides in order. */
    static Outcome outcome(Target target, int rounds, double[] scores) {
        int width = target.sides().size();
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            ratios[round] = target.ratio(Arrays.copyOfRange(scores, round * width, (round + 1) * width));
        }
        double[] medians = new double[width];
        for (int side = 0; side < width; side++) {
            double[] column = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                column[round] = scores[round * width + side];
            }
            medians[side] = median(column);
        }
        return new Outcome(target, ratios, medians);
    }

    /** The options of one fork of {@code side}: the command line's, one fork, the side's method and parameter, the target's shots. */
    static Options forkOptions(Options jmh, Target target, Side side) {
        OptionsBuilder options = new OptionsBuilder();
        options.parent(jmh).include(side.include()).forks(1);
        if (side.param() != null) {
            options.param(side.param(), side.value());
        }
        if (target.shots != null) {
            options.warmupIterations(target.shots.warmup()).measurementIterations(target.shots.measured());
        }
        return options.build();
    }

    private static double runFork(Options options, Side side) throws RunnerException {
        Collection<RunResult> results = new Runner(options).run();
        if (results.size() != 1) {
            throw new IllegalStateException("expected one result for " + side + ", got " + results.size());
        }
        return results.iterator().next().getPrimaryResult().getScore();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
