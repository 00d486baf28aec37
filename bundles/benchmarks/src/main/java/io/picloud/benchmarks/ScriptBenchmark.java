package io.picloud.benchmarks;

import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RunOptions;
import io.picloud.rhai.RunResult;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptableObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The eight whole-program benchmarks of ../shared/rhai/bench, each run by PiCloud's Rhai engine and, for
 * comparison, by Mozilla Rhino on an equivalent JavaScript program. Time per complete run, once warm.
 * {@code picloudRhaiInterpreted} is the same engine with script functions never compiled to bytecode
 * ({@code compileAfterCalls(0)}): the baseline of the compiler in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ScriptBenchmark {

    @Param({"closure_pipeline", "fib_recursive", "float_matmul", "int_while_loop", "object_map_kv", "prime_sieve",
            "sort_maps_closure", "string_build_split"})
    public String program;

    private RhaiEngine engine;
    private CompiledScript rhaiScript;
    private RhaiEngine interpreter;
    private CompiledScript interpretedScript;
    private Context rhino;
    private ScriptableObject rhinoScope;
    private Script rhinoScript;

    @Setup
    public void setUp() {
        engine = RhaiEngine.builder().build();
        rhaiScript = engine.compile(program, BenchScripts.rhai(program));
        interpreter = RhaiEngine.builder().compileAfterCalls(0).build();
        interpretedScript = interpreter.compile(program, BenchScripts.rhai(program));
        rhino = Context.enter();
        rhino.setLanguageVersion(Context.VERSION_ES6);
        rhinoScope = rhino.initStandardObjects();
        rhinoScript = rhino.compileString(BenchScripts.resource("js/" + program + ".js"), program, 1, null);
    }

    @TearDown
    public void tearDown() {
        Context.exit();
    }

    @Benchmark
    public RunResult picloudRhai() {
        return engine.run(rhaiScript, RunOptions.of(Map.of(), Limits.RHAI_DEFAULTS));
    }

    @Benchmark
    public RunResult picloudRhaiInterpreted() {
        return interpreter.run(interpretedScript, RunOptions.of(Map.of(), Limits.RHAI_DEFAULTS));
    }

    @Benchmark
    public Object rhino() {
        return rhinoScript.exec(rhino, rhinoScope);
    }
}
