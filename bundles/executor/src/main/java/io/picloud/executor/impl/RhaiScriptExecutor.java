package io.picloud.executor.impl;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.HostPackage;
import io.picloud.api.ModuleSource;
import io.picloud.api.ScriptExecutor;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptVersion;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiEngineBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link ScriptExecutor} service: one Rhai engine with every {@link HostPackage}'s functions, rebuilt (with
 * an empty compile cache) when a host package comes or goes or the configuration changes. Also the
 * {@link MetricSource} of the compile cache.
 */
@Component(service = {ScriptExecutor.class, MetricSource.class}, configurationPid = "io.picloud.executor")
@Designate(ocd = RhaiScriptExecutor.Config.class)
public class RhaiScriptExecutor implements ScriptExecutor, MetricSource {
    private static final Logger logger = LoggerFactory.getLogger(RhaiScriptExecutor.class);

    @ObjectClassDefinition(name = "PiCloud executor", description = "Sandbox limits of every script run.")
    public @interface Config {
        @AttributeDefinition(description = "Operations per run (0 = unlimited)")
        long maxOperations() default 1_000_000;

        @AttributeDefinition(description = "Nested function calls per run")
        int maxCallDepth() default 64;

        @AttributeDefinition(description = "Expression nesting at global level (checked at compile time)")
        int maxExprDepth() default 64;

        @AttributeDefinition(description = "Expression nesting inside functions (checked at compile time)")
        int maxFunctionExprDepth() default 32;

        @AttributeDefinition(description = "UTF-8 bytes in one string, or in all the strings inside one array or "
                + "map (counted recursively, as Rhai counts them)")
        int maxStringSize() default 1 << 20;

        @AttributeDefinition(description = "Elements in one array, counted recursively through nested arrays, maps "
                + "and BLOBs")
        int maxArraySize() default 100_000;

        @AttributeDefinition(description = "Entries in one object map, counted recursively through nested maps")
        int maxMapSize() default 100_000;

        @AttributeDefinition(description = "Memory budget of one run in bytes: an estimate of the values the script "
                + "holds and of its print/debug output (0 = none)")
        long maxMemoryBytes() default 64L << 20;

        @AttributeDefinition(description = "A run ends once its thread has allocated more than this many times "
                + "maxMemoryBytes, even if it holds little (0 = no allocation guard)")
        int allocationLimitFactor() default 16;

        @AttributeDefinition(description = "Lines of print/debug output per run (0 = unlimited)")
        int maxOutputLines() default 10_000;

        @AttributeDefinition(description = "Characters of print/debug output per run, plus one per line "
                + "(0 = unlimited)")
        long maxOutputBytes() default 1L << 20;

        @AttributeDefinition(description = "Variables alive in one scope chain")
        int maxVariables() default 10_000;

        @AttributeDefinition(description = "Functions defined in one script")
        int maxFunctions() default 1_000;

        @AttributeDefinition(description = "Modules imported in one run")
        int maxModules() default 32;

        @AttributeDefinition(description = "Wall-clock limit of one run, in milliseconds (0 = none)")
        long timeoutMs() default 5_000;

        @AttributeDefinition(description = "Calls of host functions (kv, http, secret, invoke, emit ...) per run "
                + "(0 = unlimited)")
        int maxHostCalls() default 1_000;

        @AttributeDefinition(description = "Bytes passed to and returned by host functions per run, arguments and "
                + "results together (0 = unlimited)")
        long maxHostBytes() default 32L << 20;

        @AttributeDefinition(description = "Concurrent runs of one script (0 = unbounded)")
        int maxConcurrentRunsPerScript() default 16;

        @AttributeDefinition(description = "Compiled scripts kept in memory")
        int compileCacheSize() default 1_000;

        @AttributeDefinition(description = "Operations a run may use on the HTTP server's I/O thread, where short "
                + "scripts that call no host function and nothing that blocks (sleep) are answered without a "
                + "hand-over to a worker thread; a script that needs more, or calls a host function or sleep, is "
                + "run again on a worker and from then on always runs there (0 = never run inline)")
        long inlineOperationBudget() default 10_000;

        @AttributeDefinition(description = "An inline run taking longer than this many microseconds is slow; a "
                + "script with three slow inline runs, at least one in a hundred of its inline runs, runs only on "
                + "workers from then on; an inline run still going after ten times this is stopped and run again "
                + "on a worker")
        long inlineMaxMicros() default 5_000;

        @AttributeDefinition(description = "Calls after which a named script function is compiled to JVM "
                + "bytecode (arithmetic, comparisons, conditions, variables, loops and calls of script functions; "
                + "the rest of its body stays interpreted); it behaves the same, faster (0 = never compile)")
        int compileAfterCalls() default 100;
    }

    private final List<HostPackage> hostPackages = new CopyOnWriteArrayList<>();
    /** Where {@code import "lib"} finds script {@code lib}; none: every import fails with ErrorModuleNotFound. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModuleSource modules;
    private final ConcurrencyGate gate = new ConcurrencyGate(16);
    private volatile SandboxExecutor delegate;
    private final CompileMetrics compileMetrics = new CompileMetrics(() -> {
        SandboxExecutor d = delegate;
        return d == null ? 0 : d.cache().size();
    });
    private Limits limits;
    private HostRun.HostLimits hostLimits;
    private long inlineBudget;
    private long inlineMaxMicros;
    private int cacheSize;
    private int compileAfterCalls;
    private boolean active;

    @Activate
    synchronized void activate(Config config) {
        configure(config);
        active = true;
        rebuild();
    }

    @Modified
    synchronized void modified(Config config) {
        configure(config);
        rebuild();
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        delegate = null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addHostPackage(HostPackage hostPackage) {
        hostPackages.add(hostPackage);
        if (active) {
            rebuild();
        }
    }

    synchronized void removeHostPackage(HostPackage hostPackage) {
        if (hostPackages.remove(hostPackage) && active) {
            rebuild();
        }
    }

    @Override
    public List<ScriptProblem> check(String name, String source) {
        return current().check(name, source);
    }

    @Override
    public ExecutionOutcome execute(ScriptVersion version, String entryFunction, String inputName,
                                    Map<String, Object> input) {
        return current().execute(version, entryFunction, inputName, input);
    }

    @Override
    public ExecutionOutcome execute(ScriptVersion version, String entryFunction, String inputName,
                                    Map<String, Object> input, int depth) {
        return current().execute(version, entryFunction, inputName, input, depth);
    }

    @Override
    public ExecutionOutcome executeInline(ScriptVersion version, String entryFunction, String inputName,
                                          Map<String, Object> input) {
        SandboxExecutor d = delegate;
        return d == null ? null : d.executeInline(version, entryFunction, inputName, input);
    }

    @Override
    public boolean mayRunInline(ScriptVersion version) {
        SandboxExecutor d = delegate;
        return d != null && d.mayRunInline(version);
    }

    @Override
    public void collect(MetricWriter out) {
        compileMetrics.collect(out);
    }

    /** The current engine and cache; for tests. */
    SandboxExecutor sandbox() {
        return current();
    }

    private SandboxExecutor current() {
        SandboxExecutor d = delegate;
        if (d == null) {
            throw new IllegalStateException("the executor is not active");
        }
        return d;
    }

    private void configure(Config config) {
        limits = limitsOf(config);
        hostLimits = new HostRun.HostLimits(Math.max(0, config.maxHostCalls()), Math.max(0, config.maxHostBytes()));
        cacheSize = config.compileCacheSize();
        compileAfterCalls = Math.max(0, config.compileAfterCalls());
        inlineBudget = Math.max(0, config.inlineOperationBudget());
        inlineMaxMicros = Math.max(0, config.inlineMaxMicros());
        gate.setMaxPerScript(config.maxConcurrentRunsPerScript());
    }

    static Limits limitsOf(Config c) {
        return new Limits(c.maxOperations(), c.maxCallDepth(), c.maxExprDepth(), c.maxFunctionExprDepth(),
                c.maxStringSize(), c.maxArraySize(), c.maxMapSize(), c.maxVariables(), c.maxFunctions(),
                c.maxModules(), Duration.ofMillis(Math.max(0, c.timeoutMs())), Math.max(0, c.maxMemoryBytes()),
                Math.max(0, c.allocationLimitFactor()), Math.max(0, c.maxOutputLines()),
                Math.max(0, c.maxOutputBytes()));
    }

    private Optional<String> moduleSource(String name) {
        ModuleSource m = modules;
        return m == null ? Optional.empty() : m.module(name).map(ScriptVersion::source);
    }

    /** For tests: what {@code import} resolves with. */
    void setModules(ModuleSource source) {
        modules = source;
    }

    private void rebuild() {
        RhaiEngineBuilder builder = RhaiEngine.builder().limits(limits).moduleResolver(this::moduleSource)
                .compileAfterCalls(compileAfterCalls);
        Set<String> hostFunctions = new HashSet<>();
        for (HostPackage hostPackage : hostPackages) {
            try {
                hostPackage.register((name, arity, function) -> {
                    builder.registerFunction(name, arity, HostFunctions.guarded(name, function));
                    hostFunctions.add(name);
                });
            } catch (RuntimeException e) {
                logger.error("Host package '{}' failed to register its functions; skipped", hostPackage.name(), e);
            }
        }
        delegate = new SandboxExecutor(builder.build(), limits, hostLimits, inlineBudget, inlineMaxMicros, cacheSize, gate,
                compileMetrics, hostFunctions); // counts kept across rebuilds
        logger.debug("Rhai engine built with {} host package(s)", hostPackages.size());
    }
}
