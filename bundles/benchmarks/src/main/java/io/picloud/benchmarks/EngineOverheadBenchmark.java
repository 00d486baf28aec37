package io.picloud.benchmarks;

import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RunOptions;
import io.picloud.rhai.RunResult;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fixed costs of the engine: one warm run of a trivial compiled script (the per-request overhead the executor adds)
 * and compiling a 200-line script (paid once per deployed version).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineOverheadBenchmark {
    private RhaiEngine engine;
    private CompiledScript trivial;
    private String twoHundredLines;
    private final RunOptions sandboxed = RunOptions.of(Map.of("request", Map.of("path", "/fn/hello")), Limits.SANDBOX);

    @Setup
    public void setUp() {
        engine = RhaiEngine.builder().build();
        trivial = engine.compile("trivial", "let name = request.path; `Hello from ${name}`");
        twoHundredLines = BenchScripts.resource("rhai/two_hundred_lines.rhai");
    }

    @Benchmark
    public RunResult warmTrivialRun() {
        return engine.run(trivial, sandboxed);
    }

    @Benchmark
    public CompiledScript compileTwoHundredLines() {
        return engine.compile("big", twoHundredLines);
    }
}
