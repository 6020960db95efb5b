package io.tollgate.bench.tail;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * bench/tail.sh's command line.
 *
 * <pre>
 * java -jar bench-tail.jar run --url http://127.0.0.1:18080 --path /open/x --rate 5000 \
 *     --warmup 5 --duration 30 --connections 32 [--header Authorization --prefix 'Bearer ' \
 *     --tokens FILE] [--drain 30] --histogram OUT.hlog
 * java -jar bench-tail.jar report A.hlog [B.hlog ...]
 * </pre>
 *
 * <p>{@code run} writes the recorded latencies (nanoseconds) as an HdrHistogram log and prints one
 * line: {@code requests errors unfinished p50 p99 p99.9 max send-lag-p99 send-lag-max} (in
 * microseconds) {@code recorded-from recorded-to} (epoch milliseconds). {@code report} adds up the histograms of several runs (the rounds of one case) and
 * prints {@code requests p50 p99 p99.9 max}, in microseconds.
 */
public final class TailLoad {

    private TailLoad() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: run --url ... | report FILE...");
        }
        switch (args[0]) {
            case "run" -> run(options(Arrays.copyOfRange(args, 1, args.length)));
            case "report" -> report(Arrays.copyOfRange(args, 1, args.length));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void run(Map<String, String> options) throws IOException, InterruptedException {
        List<String> values = List.of();
        if (options.containsKey("tokens")) {
            String prefix = options.getOrDefault("prefix", "");
            values = Files.readAllLines(Path.of(options.get("tokens"))).stream()
                    .filter(line -> !line.isBlank())
                    .map(line -> prefix + line)
                    .toList();
        }
        LoadPlan plan = new LoadPlan(
                required(options, "url"),
                options.getOrDefault("path", "/"),
                options.get("header"),
                values,
                Integer.parseInt(required(options, "rate")),
                seconds(options.getOrDefault("warmup", "0")),
                seconds(required(options, "duration")),
                Integer.parseInt(options.getOrDefault("connections", "32")),
                seconds(options.getOrDefault("drain", "30")));
        LoadResult result = new OpenLoopLoad(plan).run();
        write(result.latency(), Path.of(required(options, "histogram")));
        Histogram latency = result.latency();
        System.out.printf("%d %d %d %d %d %d %d %d %d %d %d%n",
                latency.getTotalCount(), result.errors(), result.unfinished(),
                micros(latency.getValueAtPercentile(50)), micros(latency.getValueAtPercentile(99)),
                micros(latency.getValueAtPercentile(99.9)), micros(latency.getMaxValue()),
                micros(result.sendLag().getValueAtPercentile(99)), micros(result.sendLag().getMaxValue()),
                result.recordedFromMillis(), result.recordedToMillis());
    }

    private static void report(String[] files) throws FileNotFoundException {
        Histogram sum = new Histogram(3);
        for (String file : files) {
            HistogramLogReader reader = new HistogramLogReader(file);
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                sum.add((Histogram) h);
            }
        }
        System.out.printf("%d %d %d %d %d%n", sum.getTotalCount(), micros(sum.getValueAtPercentile(50)),
                micros(sum.getValueAtPercentile(99)), micros(sum.getValueAtPercentile(99.9)),
                micros(sum.getMaxValue()));
    }

    private static void write(Histogram histogram, Path file) throws FileNotFoundException {
        long now = System.currentTimeMillis();
        histogram.setStartTimeStamp(now);
        histogram.setEndTimeStamp(now);
        try (PrintStream out = new PrintStream(file.toFile())) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            writer.outputIntervalHistogram(histogram);
        }
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value at " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
