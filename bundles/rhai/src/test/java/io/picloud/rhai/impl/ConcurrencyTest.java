package io.picloud.rhai.impl;

import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RunOptions;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.Assert.assertEquals;

/** One engine and one compiled script serve many concurrent runs (call-site caches are shared). */
public class ConcurrencyTest {
    @Test
    public void sameCompiledScriptFromManyThreads() throws Exception {
        RhaiEngine engine = RhaiEngine.builder().limits(Limits.RHAI_DEFAULTS).build();
        CompiledScript cs = engine.compile("fib",
                "fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } } let a = [x]; a.push(fib(x)); a");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long x = i % 15;
                results.add(pool.submit(() -> engine.run(cs, RunOptions.of(Map.of("x", x), null)).value()));
            }
            long[] fib = new long[15];
            fib[1] = 1;
            for (int i = 2; i < 15; i++) {
                fib[i] = fib[i - 1] + fib[i - 2];
            }
            for (int i = 0; i < results.size(); i++) {
                long x = i % 15;
                assertEquals(List.of(x, fib[(int) x]), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
