package io.picloud.rhai;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Configures a {@link RhaiEngine}: the same switches as Rhai's {@code Engine}. Not thread-safe; the engine it
 * builds is.
 */
public final class RhaiEngineBuilder {
    final Map<String, HostFunction> hostFunctions = new LinkedHashMap<>();
    final Set<String> disabledSymbols = new HashSet<>();
    boolean raw;
    boolean strictVariables;
    boolean allowLooping = true;
    boolean allowShadowing = true;
    boolean evalEnabled;
    boolean allowIfExpression = true;
    boolean allowSwitchExpression = true;
    boolean allowStatementExpression = true;
    boolean allowLoopExpressions = true;
    boolean allowAnonymousFn = true;
    boolean failOnInvalidMapProperty;
    int compileAfterCalls = 100;
    Limits limits = Limits.SANDBOX;
    ModuleResolver moduleResolver = path -> java.util.Optional.empty();

    RhaiEngineBuilder() {
    }

    /** Like {@code Engine::new_raw()}: no standard library, only core operators. */
    public RhaiEngineBuilder raw(boolean raw) { this.raw = raw; return this; }

    /** Like {@code set_strict_variables}: undeclared variables are compile errors. */
    public RhaiEngineBuilder strictVariables(boolean on) { this.strictVariables = on; return this; }

    /** Like {@code set_allow_looping}: when false, {@code while}/{@code loop}/{@code for}/{@code do} do not compile. */
    public RhaiEngineBuilder allowLooping(boolean on) { this.allowLooping = on; return this; }

    /** Like {@code set_allow_shadowing}. */
    public RhaiEngineBuilder allowShadowing(boolean on) { this.allowShadowing = on; return this; }

    /** Like {@code disable_symbol}: the keyword or operator becomes a syntax error. */
    public RhaiEngineBuilder disableSymbol(String symbol) { disabledSymbols.add(symbol); return this; }

    /** Enables the {@code eval} function (off by default in PiCloud). */
    public RhaiEngineBuilder evalEnabled(boolean on) { this.evalEnabled = on; return this; }

    /**
     * Limits checked at compile time (expression depth, number of functions) and the default for runs whose
     * {@link RunOptions#limits()} is null. Defaults to {@link Limits#SANDBOX} (sandbox on by default); pass
     * {@link Limits#RHAI_DEFAULTS} for Rhai's own {@code Engine::new()} limits.
     */
    public RhaiEngineBuilder limits(Limits limits) { this.limits = limits; return this; }

    public RhaiEngineBuilder moduleResolver(ModuleResolver resolver) { this.moduleResolver = resolver; return this; }

    /**
     * Registers a host function callable from scripts as {@code name(args...)} and in method style
     * {@code first.name(rest...)}. {@code arity} is the number of arguments; a name may be registered for several
     * arities. A name containing a dot ({@code kv::get} is written {@code "kv::get"}) is called with that path.
     */
    public RhaiEngineBuilder registerFunction(String name, int arity, HostFunction function) {
        hostFunctions.put(name + "/" + arity, function);
        return this;
    }

    /** Like Rhai's {@code set_allow_if_expression}. */
    public RhaiEngineBuilder allowIfExpression(boolean on) { this.allowIfExpression = on; return this; }

    /** Like Rhai's {@code set_allow_switch_expression}. */
    public RhaiEngineBuilder allowSwitchExpression(boolean on) { this.allowSwitchExpression = on; return this; }

    /** Like Rhai's {@code set_allow_statement_expression} (blocks as expressions). */
    public RhaiEngineBuilder allowStatementExpression(boolean on) { this.allowStatementExpression = on; return this; }

    /** Like Rhai's {@code set_allow_loop_expressions}. */
    public RhaiEngineBuilder allowLoopExpressions(boolean on) { this.allowLoopExpressions = on; return this; }

    /** Like Rhai's {@code set_allow_anonymous_fn} (closures). */
    public RhaiEngineBuilder allowAnonymousFn(boolean on) { this.allowAnonymousFn = on; return this; }

    /** Like Rhai's {@code set_fail_on_invalid_map_property}. */
    public RhaiEngineBuilder failOnInvalidMapProperty(boolean on) { this.failOnInvalidMapProperty = on; return this; }

    /**
     * A named script function called this many times through the interpreter is compiled to JVM bytecode
     * (arithmetic, comparisons, conditions, variables, loops and calls of script functions; the rest of its body
     * stays interpreted); it then behaves exactly as interpreted, faster. 0 turns compilation off; default 100.
     */
    public RhaiEngineBuilder compileAfterCalls(int calls) { this.compileAfterCalls = calls; return this; }

    /** Builds an immutable, thread-safe engine with the settings collected so far. */
    public RhaiEngine build() {
        return new io.picloud.rhai.impl.EngineImpl(new io.picloud.rhai.impl.EngineConfig(
                java.util.Map.copyOf(hostFunctions), java.util.Set.copyOf(disabledSymbols), raw, strictVariables,
                allowLooping, allowShadowing, evalEnabled, allowIfExpression, allowSwitchExpression,
                allowStatementExpression, allowLoopExpressions, allowAnonymousFn, failOnInvalidMapProperty, limits,
                moduleResolver, compileAfterCalls));
}
}
