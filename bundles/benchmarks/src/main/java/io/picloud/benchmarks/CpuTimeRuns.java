package io.picloud.benchmarks;

import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RunOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.function.LongSupplier;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptableObject;

/**
 * The programs of {@link ScriptBenchmark}, timed by the running thread's CPU time instead of the wall clock: on a
 * machine whose cores other work shares, a run's CPU time varies far less than its elapsed time, and the fastest
 * of many runs is a steady figure to compare builds by. Usage: {@code CpuTimeRuns [runs] program...}; for each
 * program it runs PiCloud's engine and Rhino alternately and prints the minimum and median of the second half.
 * Give one program per JVM to compare with {@link ScriptBenchmark} (JMH forks a JVM per program): several in one
 * JVM share the JIT's type profiles of the node classes, as a server running many scripts does, and run slower.
 */
public final class CpuTimeRuns {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeRuns() {
    }

    public static void main(String[] args) {
        int first = args.length > 0 && args[0].matches("\\d+") ? 1 : 0;
        int runs = first == 1 ? Integer.parseInt(args[0]) : 50;
        for (String program : Arrays.copyOfRange(args, first, args.length)) {
            measure(program, runs);
        }
    }

    private static void measure(String program, int runs) {
        RhaiEngine engine = RhaiEngine.builder().build();
        CompiledScript rhai = engine.compile(program, BenchScripts.rhai(program));
        Context cx = Context.enter();
        try {
            cx.setLanguageVersion(Context.VERSION_ES6);
            ScriptableObject scope = cx.initStandardObjects();
            Script js = cx.compileString(BenchScripts.resource("js/" + program + ".js"), program, 1, null);
            long[] picloud = new long[runs];
            long[] rhino = new long[runs];
            for (int i = 0; i < runs; i++) {
                picloud[i] = cpuTime(() -> engine.run(rhai, RunOptions.of(Map.of(), Limits.RHAI_DEFAULTS)).operations());
                rhino[i] = cpuTime(() -> js.exec(cx, scope).hashCode());
            }
            System.out.printf("%-20s PiCloud %s   Rhino %s%n", program, summary(picloud), summary(rhino));
        } finally {
            Context.exit();
        }
    }

    private static long cpuTime(LongSupplier run) {
        long start = THREADS.getCurrentThreadCpuTime();
        run.getAsLong();
        return THREADS.getCurrentThreadCpuTime() - start;
    }

    /** Minimum and median of the second half of the runs (the first half is warm-up), in ms. */
    private static String summary(long[] nanos) {
        long[] warm = Arrays.copyOfRange(nanos, nanos.length / 2, nanos.length);
        Arrays.sort(warm);
        return String.format("min %6.1f median %6.1f ms", warm[0] / 1e6, warm[warm.length / 2] / 1e6);
    }
}
