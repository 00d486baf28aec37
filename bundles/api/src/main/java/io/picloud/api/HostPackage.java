package io.picloud.api;

import java.util.List;

/**
 * A host API offered to scripts (kv, http, emit, secrets ...), registered as an OSGi service. The executor
 * collects every {@code HostPackage} (multiple, dynamic) and rebuilds its engine when one comes or goes, calling
 * {@link #register} once per rebuild. Implementations must be thread-safe: one registered function serves many
 * concurrent runs.
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
     * List, Map, byte[], null). Throwing fails the call with an {@code ErrorRuntime} carrying the message.
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
    }
}
