package io.picloud.rhai.impl;

import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.HostContext;
import io.picloud.rhai.HostFunction;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import io.picloud.rhai.RunResult;
import io.picloud.rhai.impl.analysis.CompileOptions;
import io.picloud.rhai.impl.eval.Context;
import io.picloud.rhai.impl.eval.FnDef;
import io.picloud.rhai.impl.eval.Frame;
import io.picloud.rhai.impl.eval.Runtime;
import io.picloud.rhai.impl.eval.ScriptUnit;
import io.picloud.rhai.impl.eval.Signals;
import io.picloud.rhai.impl.packages.Packages;
import io.picloud.rhai.impl.parser.RhaiCompiler;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.NativeFn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The engine: compiles with {@link RhaiCompiler}, runs with the node interpreter. Thread-safe. */
public final class EngineImpl implements RhaiEngine {
    private final EngineConfig config;
    private final CompileOptions compileOptions;
    private final Runtime runtime;
    /** Imported modules compiled once per name and source, for every run that imports them. */
    private final CompiledModules modules = new CompiledModules(256);

    public EngineImpl(EngineConfig config) {
        this.config = config;
        Limits l = config.limits();
        this.compileOptions = new CompileOptions(config.strictVariables(), config.allowLooping(),
                config.allowShadowing(), config.allowIfExpression(), config.allowSwitchExpression(),
                config.allowStatementExpression(), config.allowLoopExpressions(), config.allowAnonymousFn(),
                config.evalEnabled(), config.disabledSymbols(), l.maxExprDepth(), l.maxFunctionExprDepth(),
                l.maxFunctions(), l.maxStringSize(), l.maxArraySize(), l.maxMapSize());
        FunctionTable table = new FunctionTable();
        Packages.registerKeywords(table);
        if (!config.raw()) {
            Packages.registerStandard(table);
        }
        config.hostFunctions().forEach((key, fn) -> {
            int slash = key.lastIndexOf('/');
            table.fn(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)), host(fn));
        });
        RhaiCompiler compiler = new RhaiCompiler(compileOptions);
        this.runtime = new Runtime(table, config.moduleResolver(),
                (name, src, outer, frameSize) -> outer == null
                        ? modules.compile(name, src, () -> compiler.compile(name, src, false, null, 0))
                        : compiler.compile(name, src, false, outer, frameSize),
                config.evalEnabled(), config.failOnInvalidMapProperty(), config.compileAfterCalls());
    }

    private static NativeFn host(HostFunction fn) {
        return (ctx, args) -> {
            List<Object> jargs = new ArrayList<>(args.length);
            for (Object a : args) {
                jargs.add(JavaValues.toJava(a));
            }
            HostContext hc = new HostContext() {
                @Override
                public String scriptName() {
                    return ctx.scriptName();
                }

                @Override
                public Object hostData() {
                    return ctx.hostData();
                }
            };
            try {
                return JavaValues.fromJava(fn.call(hc, jargs));
            } catch (RhaiRuntimeException e) {
                // the host's thrown value (e.g. #{error, message}) is what a catch block binds
                throw new EvalError(e.kind(), e.getMessage(), JavaValues.fromJava(e.thrownValue()), null);
            } catch (RuntimeException e) {
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw EvalError.runtime(msg, msg);
            }
        };
    }

    @Override
    public java.util.Set<String> blockingFunctions() {
        return config.raw() ? java.util.Set.of() : Packages.BLOCKING;
    }

    @Override
    public List<io.picloud.rhai.StaticImport> staticImports(String source) {
        return ImportScanner.scan(source);
    }

    @Override
    public CompiledScript compile(String name, String source) throws RhaiParseException {
        return new CompiledScriptImpl(new RhaiCompiler(compileOptions).compile(name, source, false, null, 0), this);
    }

    @Override
    public CompiledScript compileExpression(String name, String source) throws RhaiParseException {
        return new CompiledScriptImpl(new RhaiCompiler(compileOptions).compile(name, source, true, null, 0), this);
    }

    private ScriptUnit unitOf(CompiledScript script) {
        if (script instanceof CompiledScriptImpl c && c.engine == this) {
            return c.unit;
        }
        throw new IllegalArgumentException("script was not compiled by this engine");
    }

    private Context context(ScriptUnit unit, RunOptions options) {
        Limits limits = options != null && options.limits() != null ? options.limits() : config.limits();
        Context ctx = new Context(runtime, unit, limits, options == null ? null : options.control(),
                options == null ? null : options.hostData());
        if (options != null) {
            ctx.blocking = options.blocking();
        }
        if (options != null && options.variables() != null) {
            for (Map.Entry<String, Object> e : options.variables().entrySet()) {
                ctx.dynVars.put(e.getKey(), JavaValues.fromJava(e.getValue()));
            }
            if (options.constants() != null && !options.constants().isEmpty()) {
                ctx.dynConstants = options.constants();
            }
        }
        return ctx;
    }

    @Override
    public RunResult run(CompiledScript script, RunOptions options) throws RhaiRuntimeException {
        ScriptUnit unit = unitOf(script);
        Context ctx = context(unit, options);
        Object v = execMain(unit, ctx);
        return new RunResult(guard(unit, ctx, () -> JavaValues.toJava(v)), List.copyOf(ctx.output), ctx.ops);
    }

    /** Runs and returns the raw Rhai value (used by the CLI to report Rhai type names). */
    public RawResult runRaw(CompiledScript script, RunOptions options) throws RhaiRuntimeException {
        ScriptUnit unit = unitOf(script);
        Context ctx = context(unit, options);
        Object v = execMain(unit, ctx);
        return new RawResult(v, List.copyOf(ctx.output), ctx.ops);
    }

    /** A run's value before conversion to Java. */
    public record RawResult(Object value, List<String> output, long operations) {
    }

    private Object execMain(ScriptUnit unit, Context ctx) {
        Frame frame = new Frame(ctx, unit.mainFrameSize);
        ctx.top = frame;
        return guard(unit, ctx, () -> unit.main.eval(frame));
    }

    @Override
    public RunResult call(CompiledScript script, String function, List<Object> arguments, RunOptions options)
            throws RhaiRuntimeException {
        ScriptUnit unit = unitOf(script);
        Context ctx = context(unit, options);
        execMain(unit, ctx);
        FnDef fd = unit.function(function, arguments.size());
        if (fd == null) {
            throw new RhaiRuntimeException(ErrorKind.FUNCTION_NOT_FOUND.rhaiName(), "Function not found: " + function, unit.name,
                    0, 0, null, null);
        }
        Object[] args = new Object[arguments.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = JavaValues.fromJava(arguments.get(i));
        }
        Object v = guard(unit, ctx, () -> ctx.callScript(fd, args, null));
        return new RunResult(guard(unit, ctx, () -> JavaValues.toJava(v)), List.copyOf(ctx.output), ctx.ops);
    }

    private Object guard(ScriptUnit unit, Context ctx, java.util.function.Supplier<Object> body) {
        try {
            return body.get();
        } catch (Signals.Return r) {
            return r.value();
        } catch (Signals.Exit e) {
            return e.value();
        } catch (Signals.Break | Signals.Continue b) {
            throw new RhaiRuntimeException(ErrorKind.RUNTIME.rhaiName(), "break/continue outside a loop", unit.name, 0, 0, null, null);
        } catch (EvalError e) {
            throw toApi(unit.name, e, ctx);
        } catch (StackOverflowError so) {
            throw new RhaiRuntimeException(ErrorKind.STACK_OVERFLOW.rhaiName(), "Stack overflow", unit.name, 0, 0, null, null);
        } catch (RhaiRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RhaiRuntimeException(ErrorKind.SYSTEM.rhaiName(), "Internal error: " + e, unit.name, 0, 0, null, e);
        }
    }

    static RhaiRuntimeException toApi(String script, EvalError e, Context ctx) {
        return new RhaiRuntimeException(e.kind, e.getMessage(), script, e.line, e.column,
                thrownValue(e.value), null, ctx == null ? List.of() : ctx.output);
    }

    /** A thrown value for the host; null for one nested too deeply to hand over (the error itself still is). */
    private static Object thrownValue(Object value) {
        try {
            return JavaValues.toJava(value);
        } catch (EvalError tooDeep) {
            return null;
        }
    }
}
