package io.picloud.rhai.impl.runtime;

/** What a native function may ask of the running script: limits, output, calling back function pointers. */
public interface CallContext {
    /** Calls a function pointer (or function name) with the given arguments. */
    Object callFn(Object fnPtrOrName, Object... args);

    /** Calls a function pointer with {@code this} bound to a value. */
    Object callFnThis(Object fnPtrOrName, Object thisValue, Object... args);

    /** The receiver as left by the last call that bound {@code this} (it may have been mutated). */
    Object lastThis();

    /** Arity of the function a pointer refers to (including curried), or -1 if unknown. */
    int fnArity(Object fnPtrOrName);

    void checkString(String s);

    void checkArray(RArray a);

    void checkMap(RMap m);

    void checkBlob(RBlob b);

    void print(String line);

    Object hostData();

    String scriptName();

    /** Counts one operation (for loops inside natives that call back into scripts). */
    void tick();

    /**
     * Called by a native right before it blocks the thread ({@code sleep}): the run's
     * {@link io.picloud.rhai.BlockingCheck} may end the run instead (it throws).
     */
    void beforeBlocking(String function);
}
