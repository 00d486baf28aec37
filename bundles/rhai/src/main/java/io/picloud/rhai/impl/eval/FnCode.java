package io.picloud.rhai.impl.eval;

/** A script function compiled to JVM bytecode by {@link FnCompiler}; the interpreter calls it with the slots it filled. */
abstract class FnCode {
    /** Runs the function as {@link Context#enter} would, with the arguments in {@code slots}. */
    abstract Object call(Context ctx, Object[] slots);
}
