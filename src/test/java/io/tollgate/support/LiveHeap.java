package io.tollgate.support;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.ObjectName;

/**
 * Bytes of live objects, for the memory measurements: the total of a class histogram ({@code jcmd
 * <pid> GC.class_histogram}, taken from inside the process), which collects first and counts only
 * what is reachable. (Used heap after {@code System.gc()} was tried first: it drifts by half a
 * megabyte between identical measurements.)
 */
public final class LiveHeap {

    private LiveHeap() {}

    public static long bytes() throws Exception {
        String[] lines = classHistogram().split("\n");
        String[] total = lines[lines.length - 1].trim().split("\\s+");
        return Long.parseLong(total[2]);
    }

    /** The top of the class histogram: which classes hold the heap. */
    public static String histogram(int lines) throws Exception {
        return String.join("\n", List.of(classHistogram().split("\n")).subList(0, lines + 3));
    }

    private static String classHistogram() throws Exception {
        return ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}).toString();
    }
}
