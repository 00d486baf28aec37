package io.picloud.rhai;

import java.util.Map;

/**
 * How to run a compiled script.
 *
 * @param variables variables pushed into the scope before the run (Java values, see {@link RhaiEngine})
 * @param limits    sandbox limits of this run
 * @param control   cancellation handle, or null
 * @param hostData  opaque value passed to host functions through {@link HostContext#hostData()}, or null
 * @param constants names among {@code variables} pushed as constants, as Rhai's {@code Scope::push_constant}:
 *                  assigning one, a property of one or a mutating method on one is {@code
 *                  ErrorAssignmentToConstant} / {@code ErrorNonPureMethodCallOnConstant}; empty or null: none
 * @param blocking  asked before a built-in function blocks the thread ({@code sleep}); null: it may always block
 */
public record RunOptions(Map<String, Object> variables, Limits limits, RunControl control, Object hostData,
                         java.util.Set<String> constants, BlockingCheck blocking) {
    public RunOptions(Map<String, Object> variables, Limits limits, RunControl control, Object hostData,
                      java.util.Set<String> constants) {
        this(variables, limits, control, hostData, constants, null);
    }

    public RunOptions(Map<String, Object> variables, Limits limits, RunControl control, Object hostData) {
        this(variables, limits, control, hostData, null, null);
    }

    public static RunOptions of(Map<String, Object> variables, Limits limits) {
        return new RunOptions(variables, limits, null, null);
    }
}
