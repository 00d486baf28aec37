package io.picloud.manager.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.picloud.api.ProblemKinds;
import io.picloud.api.ScriptCompiler;
import io.picloud.api.ScriptProblem;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.StaticImport;
import io.picloud.rhai.RhaiParseException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * The compile check of uploads (422 with line and column), with the Rhai engine alone: a manager-only container
 * has no executor. Compiling depends on the sandbox limits only (expression depth, function count, literal
 * sizes), not on host functions, so it reads the executor's own configuration ({@code io.picloud.executor}, in
 * every container's etc/) and accepts exactly what the nodes' executors compile.
 */
@Component(service = {RhaiCompileCheck.class, ScriptCompiler.class}, configurationPid = "io.picloud.executor")
public class RhaiCompileCheck implements ScriptCompiler {
    /** The executor's limits, same names and defaults as its metatype (RhaiScriptExecutor.Config). */
    @interface ExecutorLimits {
        long maxOperations() default 1_000_000;

        int maxCallDepth() default 64;

        int maxExprDepth() default 64;

        int maxFunctionExprDepth() default 32;

        int maxStringSize() default 1 << 20;

        int maxArraySize() default 100_000;

        int maxMapSize() default 100_000;

        int maxVariables() default 10_000;

        int maxFunctions() default 1_000;

        int maxModules() default 32;

        long timeoutMs() default 5_000;
    }

    private volatile RhaiEngine engine;

    @Activate
    public RhaiCompileCheck(ExecutorLimits limits) {
        modified(limits);
    }

    /** For tests: the executor's default limits. */
    RhaiCompileCheck() {
        engine = RhaiEngine.builder().limits(Limits.SANDBOX).build();
    }

    @Modified
    void modified(ExecutorLimits c) {
        engine = RhaiEngine.builder().limits(new Limits(c.maxOperations(), c.maxCallDepth(), c.maxExprDepth(),
                c.maxFunctionExprDepth(), c.maxStringSize(), c.maxArraySize(), c.maxMapSize(), c.maxVariables(),
                c.maxFunctions(), c.maxModules(), Duration.ofMillis(Math.max(0, c.timeoutMs())))).build();
    }

    @Override
    public List<ScriptProblem> check(String name, String source) {
        try {
            engine.compile(name, source);
            return List.of();
        } catch (RhaiParseException e) {
            List<ScriptProblem> problems = new ArrayList<>(Math.max(1, e.errors().size()));
            for (RhaiParseException.Error error : e.errors()) {
                problems.add(new ScriptProblem(ProblemKinds.PARSING, error.message(), error.line(), error.column()));
            }
            if (problems.isEmpty()) {
                problems.add(new ScriptProblem(ProblemKinds.PARSING, e.getMessage(), e.line(), e.column()));
            }
            return problems;
        }
    }

    @Override
    public List<ModuleImport> imports(String source) {
        List<ModuleImport> out = new ArrayList<>();
        for (StaticImport i : engine.staticImports(source)) {
            out.add(new ModuleImport(i.path(), i.line(), i.column()));
        }
        return out;
    }
}
