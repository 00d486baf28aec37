package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ModuleResolver;
import io.picloud.rhai.impl.runtime.FunctionTable;

/** Engine-wide, immutable things the evaluator needs: natives, module resolver, runtime compiler. */
public final class Runtime {
    /** Compiles source at run time (for eval and import). */
    public interface Compiler {
        /** outerNames: the caller's visible variables and their slots; new slots start at outerFrameSize. */
        ScriptUnit compile(String name, String source, java.util.Map<String, Integer> outerNames, int outerFrameSize);
    }

    public final FunctionTable natives;
    public final ModuleResolver modules;
    public final Compiler compiler;
    public final boolean evalEnabled;
    public final boolean failOnInvalidProperty;
    /** Interpreted calls after which a script function is compiled to bytecode; 0: never. */
    public final int compileAfterCalls;

    public Runtime(FunctionTable natives, ModuleResolver modules, Compiler compiler, boolean evalEnabled,
                   boolean failOnInvalidProperty, int compileAfterCalls) {
        this.natives = natives;
        this.modules = modules;
        this.compiler = compiler;
        this.evalEnabled = evalEnabled;
        this.failOnInvalidProperty = failOnInvalidProperty;
        this.compileAfterCalls = compileAfterCalls;
    }
}
