package io.fluxa.benchmarks;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The interleaved run's targets name benchmark methods and parameter values that exist (a renamed
 * benchmark fails here, not half an hour into a run), its command line is checked, and its ratios
 * are those of the issues. Runs no benchmark.
 */
class InterleavedTargetsTest {

    @Test
    void everySideNamesABenchmarkMethodAndOneOfItsParameterValues() throws Exception {
        for (InterleavedTargets.Target target : InterleavedTargets.Target.values()) {
            for (InterleavedTargets.Side side : target.sides()) {
                String[] parts = side.benchmark().split("\\.");
                Class<?> type = Class.forName(InterleavedTargets.class.getPackageName() + "." + parts[0]);
                Method method = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(parts[1]))
                        .findFirst().orElseThrow(() -> new AssertionError(side + " of " + target + ": no such method"));
                assertThat(method.isAnnotationPresent(Benchmark.class)).as(side.toString()).isTrue();
                if (side.param() != null) {
                    Field field = type.getField(side.param());
                    assertThat(field.getAnnotation(Param.class).value()).as(side.toString()).contains(side.value());
                }
                assertThat(side.include()).startsWith("^").endsWith("$").contains(side.benchmark());
            }
        }
    }

    /**
     * The targets are written twice: here for interleaved runs, and in scripts/benchmarks-table.py for
     * the tables of a plain JMH run. Both must name the same sides and the same limit.
     */
    @Test
    void theTableScriptStatesEveryTargetWithTheSameSidesAndLimit() throws Exception {
        String script = Files.readString(Path.of("..", "scripts", "benchmarks-table.py"));
        for (InterleavedTargets.Target target : InterleavedTargets.Target.values()) {
            Matcher tuple = Pattern.compile("\\(\"" + Pattern.quote(target.label)
                    + "[^\"]*\",\\s*\"([^\"]+)\",\\s*\\[([^\\]]*)\\],\\s*\"(max|faster)\",\\s*([0-9.]+)\\)")
                    .matcher(script);
            assertThat(tuple.find()).as("scripts/benchmarks-table.py states '" + target.label + "'").isTrue();
            assertThat(tuple.group(1)).as(target.label).isEqualTo(scriptKey(target.fluxa));
            List<String> references = Arrays.stream(tuple.group(2).split(","))
                    .map(r -> r.strip().replace("\"", "")).toList();
            assertThat(references).as(target.label)
                    .containsExactlyInAnyOrderElementsOf(target.references.stream().map(InterleavedTargetsTest::scriptKey).toList());
            assertThat(tuple.group(3)).as(target.label)
                    .isEqualTo(target.limit == InterleavedTargets.Limit.AT_MOST_TIMES_SLOWER ? "max" : "faster");
            assertThat(Double.parseDouble(tuple.group(4))).as(target.label).isEqualTo(target.bound);
        }
    }

    /** The script's name of a side: the method, and the parameter value after a colon (10 000 rows is a default). */
    private static String scriptKey(InterleavedTargets.Side side) {
        String method = side.benchmark().substring(side.benchmark().indexOf('.') + 1);
        if (side.param() != null) {
            return method + ":" + side.value();
        }
        return side.benchmark().startsWith("BulkInsertBenchmarks.") ? method + ":10000" : method;
    }

    @Test
    void theCommandLineGivesRoundsThenTargetsThenJmhOptions() {
        InterleavedTargets.Request request = InterleavedTargets.Request.parse("3", "insert-1", "get-by-ids-100",
                "-wi", "2", "-i", "3");
        assertThat(request.rounds()).isEqualTo(3);
        assertThat(request.targets()).containsExactly(InterleavedTargets.Target.INSERT_1,
                InterleavedTargets.Target.GET_BY_IDS_100);
        assertThat(request.jmhArguments()).containsExactly("-wi", "2", "-i", "3");

        assertThat(InterleavedTargets.Request.parse("1").targets()).containsExactly(InterleavedTargets.Target.values());
        assertThatThrownBy(InterleavedTargets.Request::parse).hasMessageContaining("usage: InterleavedTargets ROUNDS");
        assertThatThrownBy(() -> InterleavedTargets.Request.parse("three"))
                .hasMessageContaining("ROUNDS must be a whole number of at least 1, got 'three'");
        assertThatThrownBy(() -> InterleavedTargets.Request.parse("0"))
                .hasMessageContaining("ROUNDS must be a whole number of at least 1, got 0");
        assertThatThrownBy(() -> InterleavedTargets.Request.parse("2", "insert-2"))
                .hasMessageContaining("unknown target 'insert-2'").hasMessageContaining("insert-1, insert-100");
    }

    /** A single-shot target runs its own shots; every other target the command line's iterations. */
    @Test
    void aSingleShotTargetRunsItsOwnShotsWhateverTheCommandLineSays() throws Exception {
        Options commandLine = new CommandLineOptions("-wi", "2", "-i", "3", "-r", "4s");
        for (InterleavedTargets.Target target : InterleavedTargets.Target.values()) {
            for (InterleavedTargets.Side side : target.sides()) {
                String[] parts = side.benchmark().split("\\.");
                Class<?> type = Class.forName(InterleavedTargets.class.getPackageName() + "." + parts[0]);
                Method method = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(parts[1]))
                        .findFirst().orElseThrow();
                BenchmarkMode mode = method.isAnnotationPresent(BenchmarkMode.class)
                        ? method.getAnnotation(BenchmarkMode.class) : type.getAnnotation(BenchmarkMode.class);
                boolean singleShot = mode != null && List.of(mode.value()).contains(Mode.SingleShotTime);
                assertThat(target.shots != null).as(side + " of " + target + " is a single-shot benchmark")
                        .isEqualTo(singleShot);

                Options fork = InterleavedTargets.forkOptions(commandLine, target, side);
                assertThat(fork.getForkCount().get()).isEqualTo(1);
                assertThat(fork.getIncludes()).containsExactly(side.include());
                assertThat(fork.getMeasurementTime().get().getTime()).isEqualTo(4);
                assertThat(fork.getWarmupIterations().get()).isEqualTo(singleShot ? target.shots.warmup() : 2);
                assertThat(fork.getMeasurementIterations().get()).isEqualTo(singleShot ? target.shots.measured() : 3);
                if (side.param() != null) {
                    assertThat(fork.getParameter(side.param()).get()).containsExactly(side.value());
                }
            }
        }
        assertThat(InterleavedTargets.Target.CONSUME_10000.shots.warmup()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void aRoundsRatioTakesTheFastestReferenceAndTheFigureIsTheMedianRound() {
        // three rounds of Fluxa, raw batch, raw multi-row text (times)
        InterleavedTargets.Outcome insert = InterleavedTargets.outcome(InterleavedTargets.Target.INSERT_10000, 3,
                new double[] {110, 100, 120, 300, 150, 200, 105, 110, 100});
        assertThat(insert.ratios()).containsExactly(1.1, 2.0, 1.05);
        assertThat(insert.medianRatio()).isEqualTo(1.1);
        assertThat(insert.sideMedians()).containsExactly(110, 110, 120);
        assertThat(insert.row()).contains("| 1.10× | 1.05–2.00× | yes |");

        // throughput: the reference's time over Fluxa's, at least the limit
        InterleavedTargets.Outcome consumer = InterleavedTargets.outcome(InterleavedTargets.Target.CONSUME_10000, 2,
                new double[] {50, 30, 40, 36});
        assertThat(consumer.ratios()[0]).isCloseTo(0.6, within(1e-9));
        assertThat(consumer.ratios()[1]).isCloseTo(0.9, within(1e-9));
        assertThat(consumer.medianRatio()).isCloseTo(0.75, within(1e-9));
        assertThat(consumer.row()).endsWith("| no |");
        assertThat(List.of(InterleavedTargets.Target.values())).allSatisfy(t -> assertThat(t.sides()).hasSizeGreaterThan(1));
    }
}
