package io.picloud.api;

import java.util.List;

/**
 * A host API offered to scripts (kv, http, emit, secrets ...), registered as an OSGi service. The executor
 * collects every {@code HostPackage} (multiple, dynamic) and rebuilds its engine when one comes or goes, calling
 * {@link #register} once per rebuild. Implementations must be thread-safe: one registered function serves many
 * concurrent runs.
 *
 * <p>The executor guards every call: it counts it against the run's host-call limit and the bytes of its
 * arguments and result against the run's host-byte limit, refuses it once the run's deadline has passed, never
 * makes it on an HTTP server's I/O thread, and turns a {@link HostException} into a catchable Rhai error. A host
 * function that blocks must stop by {@link Call#remainingMillis()}.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface HostPackage {
    /** Short name for logs and the shell ({@code kv}, {@code http} ...). */
    String name();

    /** Adds this package's functions. Called while the executor builds an engine; must not block. */
    void register(Registry registry);

    /** Where a package adds its functions. */
    @org.osgi.annotation.versioning.ProviderType
    interface Registry {
        /**
         * Offers {@code function} to scripts as {@code name(args...)} (and method style {@code first.name(rest...)});
         * a name like {@code kv::get} is called with that path. A name may be registered for several arities.
         */
        void function(String name, int arity, Function function);
    }

    /**
     * One host function. Arguments and result use the Rhai engine's Java mapping (Long, Double, Boolean, String,
     * List, Map, byte[], null). A {@link HostException} fails the call with a catchable {@code ErrorRuntime}
     * ({@code #{error: code, message}}); any other exception fails it with its message only.
     */
    @FunctionalInterface
    @org.osgi.annotation.versioning.ConsumerType
    interface Function {
        Object call(Call call, List<Object> arguments) throws Exception;
    }

    /** What a host function knows about the run that called it. */
    @org.osgi.annotation.versioning.ProviderType
    interface Call {
        String script();

        int version();

        /** The running script's settings. */
        default ScriptSettings settings() {
            return ScriptSettings.DEFAULT;
        }

        /** Milliseconds left before the run's deadline ({@link Long#MAX_VALUE} when it has none). */
        default long remainingMillis() {
            return Long.MAX_VALUE;
        }

        /**
         * Marks {@code value} as secret for the rest of the run: it is shown as {@code ***} in the run's print and
         * debug output, its error message and what the invocation log keeps.
         */
        default void redact(String value) {
        }

        /**
         * This run's state for one host API, made by {@code create} at its first use in the run (e.g. a count of
         * outbound requests); {@code type} is the key, so use a type of your own.
         */
        default <T> T state(Class<T> type, java.util.function.Supplier<T> create) {
            return create.get();
        }

        /** How many runs started by other runs ({@code emit}, {@code invoke}) lead to this one; 0 for a trigger's. */
        default int depth() {
            return 0;
        }
    }
}
