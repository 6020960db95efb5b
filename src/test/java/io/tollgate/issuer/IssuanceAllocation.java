package io.tollgate.issuer;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The bytes each operation of {@link IssuanceBenchmark} allocates, exactly: every one of them runs
 * whole on the calling thread (the memory state store, a body already in memory), so the thread's
 * own allocation counter divided by the calls is the figure, free of the other threads that make
 * JMH's {@code -prof gc} noisy at a few hundred operations a second. Allocation does not depend on
 * the machine's load, so it can be compared between builds on a busy host; no time is printed.
 *
 * <p>Run: {@code ./mvnw -Pjmh verify -Djmh.main=io.tollgate.issuer.IssuanceAllocation
 * -Djmh.args="500 4"} (calls per round, rounds; the last rounds are the warm ones).
 */
public final class IssuanceAllocation {

    private IssuanceAllocation() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        IssuanceBenchmark benchmark = new IssuanceBenchmark();
        benchmark.provider = "native";
        benchmark.setUp();
        try {
            Map<String, Callable<?>> operations = new LinkedHashMap<>();
            operations.put("sign", benchmark::sign);
            operations.put("mint", benchmark::mint);
            operations.put("brand", benchmark::brand);
            operations.put("clientCredentials", benchmark::clientCredentials);
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<String, Callable<?>> operation : operations.entrySet()) {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < calls; i++) {
                        operation.getValue().call();
                    }
                    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                    System.out.printf("round %d  %-18s %,8d B/op%n", round, operation.getKey(), allocated / calls);
                }
            }
        } finally {
            benchmark.tearDown();
        }
    }
}
