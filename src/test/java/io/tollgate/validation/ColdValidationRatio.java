package io.tollgate.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Issue #2's ratio, cold RS256 validation over raw nimbus verify, measured in pairs. JMH runs all
 * forks of one benchmark before the next, so on a shared machine the two halves of a ratio can see
 * different machines: runs of {@link ValidationBenchmark} put the same code anywhere from 1.16× to
 * 1.38× its baseline. Here each round runs {@code coldRs256} and {@code rawNimbusVerify} back to
 * back, in the opposite order every other round, and the ratio is taken per round and over all
 * rounds (total time over total time).
 *
 * <p>Run: {@code ./mvnw -Pjmh verify -Djmh.main=io.tollgate.validation.ColdValidationRatio
 * -Djmh.args="<rounds> [<benchmark> <baseline>] [JMH options]"}, for example {@code "6 -wi 3 -i
 * 4"}, or {@code "6 coldKeycloakRs256 coldRs256 -wi 3 -i 4"} for issue #15's ratio of an external
 * issuer's cold token over Tollgate's (docs/BENCHMARKS.md). A name with a dot names a benchmark
 * of another class, such as {@code GuardBenchmark.cachedExternalBearer GuardBenchmark.cachedBearer}.
 */
public final class ColdValidationRatio {

    private static final String COLD = "coldRs256";
    private static final String RAW = "rawNimbusVerify";

    private ColdValidationRatio() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        int rounds = Integer.parseInt(args[0]);
        boolean named = args.length > 2 && !args[1].startsWith("-");
        String measured = named ? args[1] : COLD;
        String baseline = named ? args[2] : RAW;
        CommandLineOptions jmh = new CommandLineOptions(Arrays.copyOfRange(args, named ? 3 : 1, args.length));
        Map<String, double[]> totals = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = round % 2 == 1 ? List.of(measured, baseline) : List.of(baseline, measured);
            Map<String, double[]> scores = new TreeMap<>();
            for (String benchmark : order) {
                for (RunResult result : run(jmh, benchmark)) {
                    String provider = result.getParams().getParam("provider");
                    double[] pair = scores.computeIfAbsent(provider == null ? "-" : provider, p -> new double[2]);
                    pair[benchmark.equals(measured) ? 0 : 1] = result.getPrimaryResult().getScore();
                }
            }
            for (Map.Entry<String, double[]> entry : scores.entrySet()) {
                double[] pair = entry.getValue();
                double[] total = totals.computeIfAbsent(entry.getKey(), p -> new double[2]);
                total[0] += pair[0];
                total[1] += pair[1];
                lines.add(String.format(Locale.ROOT, "| %d | %s | %s | %.2f | %.2f | %.3f |",
                        round, entry.getKey(), order.get(0), pair[0] / 1000, pair[1] / 1000, pair[0] / pair[1]));
            }
        }
        System.out.println("| round | provider | first | " + measured + " µs | " + baseline + " µs | ratio |");
        System.out.println("|---|---|---|---:|---:|---:|");
        lines.forEach(System.out::println);
        totals.forEach((provider, total) -> System.out.printf(Locale.ROOT,
                "| all | %s | | %.2f | %.2f | **%.3f** |%n",
                provider, total[0] / rounds / 1000, total[1] / rounds / 1000, total[0] / total[1]));
    }

    private static Collection<RunResult> run(CommandLineOptions jmh, String benchmark) throws RunnerException {
        return new Runner(new OptionsBuilder()
                .parent(jmh)
                .include(benchmark.contains(".")
                        ? benchmark + "$"
                        : ValidationBenchmark.class.getName() + "\\." + benchmark + "$")
                .forks(1)
                .build()).run();
    }
}
