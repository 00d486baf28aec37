package io.picloud.executor.impl;

import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiParseException;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiled scripts by script name and content hash, least recently used evicted past {@code maxEntries}.
 * Each key is compiled once even when many threads ask for it at the same time: the first one compiles,
 * the others wait for its result. A source that does not compile is cached too (its errors).
 */
final class CompileCache {
    /**
     * The result of compiling one source: the script, or the parse error; and whether its runs must stay off
     * threads that may not block: its source calls a function that blocks or a host function (known at compile
     * time), or one of its inline runs went past the inline budget, called a host function or a blocking one.
     */
    static final class Compiled {
        /**
         * A script runs only on workers once it had this many slow inline runs, and they are at least one in
         * {@link #RUNS_PER_SLOW_RUN} of its inline runs: a script slow every time leaves at its third run, one
         * whose runs were caught by a garbage collection pause now and then stays.
         */
        static final int SLOW_INLINE_RUNS = 3;
        static final int RUNS_PER_SLOW_RUN = 100;

        private final CompiledScript script;
        private final RhaiParseException error;
        private final AtomicLong inlineRuns = new AtomicLong();
        private final AtomicInteger slowInlineRuns = new AtomicInteger();
        private volatile boolean notInline;

        Compiled(CompiledScript script, RhaiParseException error) {
            this(script, error, true);
        }

        /** {@code inline} false: never run inline (its source calls what may not run on an I/O thread). */
        Compiled(CompiledScript script, RhaiParseException error, boolean inline) {
            this.script = script;
            this.error = error;
            this.notInline = !inline;
        }

        CompiledScript script() {
            return script;
        }

        RhaiParseException error() {
            return error;
        }

        boolean inline() {
            return !notInline;
        }

        void neverInline() {
            notInline = true;
        }

        /**
         * An inline run finished; {@code slow}: it took too long. Few operations can still take long (sorting a
         * large array is one), and the I/O thread must not be held up again and again; see
         * {@link #SLOW_INLINE_RUNS}.
         */
        void inlineRunFinished(boolean slow) {
            long runs = inlineRuns.incrementAndGet();
            if (slow) {
                int slowRuns = slowInlineRuns.incrementAndGet();
                if (slowRuns >= SLOW_INLINE_RUNS && (long) slowRuns * RUNS_PER_SLOW_RUN >= runs) {
                    notInline = true;
                }
            }
        }
    }

    private static final class Entry {
        final FutureTask<Compiled> task;
        volatile long lastUsed;

        Entry(FutureTask<Compiled> task, long now) {
            this.task = task;
            this.lastUsed = now; // before any eviction scan, so a new entry is never the oldest
        }
    }

    private final RhaiEngine engine;
    private final int maxEntries;
    /**
     * A cache key: the script's name and content hash (or, without a hash, the source itself). A record rather than
     * one concatenated string: looking up a running script then hashes and compares strings that cache their hash
     * and are usually the very instances stored, instead of building and hashing a new 70-character string.
     */
    private record Key(String name, String hashOrSource) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong compilations = new AtomicLong();
    private final CompileMetrics metrics;
    /** Functions whose call keeps a script off I/O threads: the engine's blocking ones and the host functions. */
    private final Set<String> offInline;

    CompileCache(RhaiEngine engine, int maxEntries) {
        this(engine, maxEntries, null, Set.of());
    }

    /**
     * {@code metrics}: where hits and compilations are counted, null for none; {@code hostFunctions}: the names
     * of the host functions registered with {@code engine} (a script calling one never runs inline, nor does one
     * calling one of the engine's {@linkplain RhaiEngine#blockingFunctions() blocking functions}).
     */
    CompileCache(RhaiEngine engine, int maxEntries, CompileMetrics metrics, Set<String> hostFunctions) {
        this.engine = engine;
        this.maxEntries = Math.max(1, maxEntries);
        this.metrics = metrics;
        Set<String> off = new HashSet<>(engine.blockingFunctions());
        off.addAll(hostFunctions);
        this.offInline = Set.copyOf(off);
    }

    Compiled get(String name, String hash, String source) {
        Key key = key(name, hash, source);
        Entry entry = entries.get(key);
        if (entry == null) {
            Entry fresh = new Entry(new FutureTask<>(() -> compile(name, source)), clock.incrementAndGet());
            entry = entries.putIfAbsent(key, fresh);
            if (entry == null) {
                entry = fresh;
                fresh.task.run();
                if (entries.size() > maxEntries) {
                    evict();
                }
            } else {
                hit();
            }
        } else {
            hit();
        }
        entry.lastUsed = clock.incrementAndGet();
        try {
            return entry.task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for compilation", e);
        } catch (ExecutionException e) {
            entries.remove(key, entry); // an engine failure, not a parse error: do not keep it
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The compiled script if it is cached and compiled already (never compiles nor waits), else null. */
    Compiled peek(String name, String hash, String source) {
        Entry entry = entries.get(key(name, hash, source));
        if (entry == null || !entry.task.isDone()) {
            return null;
        }
        entry.lastUsed = clock.incrementAndGet();
        hit();
        try {
            return entry.task.get();
        } catch (InterruptedException | ExecutionException e) {
            return null; // done, so not interrupted; a failed compilation is get()'s to report
        }
    }

    /**
     * The compiled script if it is cached and compiled already, else null; neither counts a lookup nor marks it
     * used: for questions asked before the run ({@link SandboxExecutor#mayRunInline}).
     */
    Compiled cached(String name, String hash, String source) {
        Entry entry = entries.get(key(name, hash, source));
        if (entry == null || !entry.task.isDone()) {
            return null;
        }
        try {
            return entry.task.get();
        } catch (InterruptedException | ExecutionException e) {
            return null;
        }
    }

    private static Key key(String name, String hash, String source) {
        return new Key(name, hash == null ? source : hash);
    }

    private void hit() {
        if (metrics != null) {
            metrics.hit();
        }
    }

    private Compiled compile(String name, String source) {
        compilations.incrementAndGet();
        long start = System.nanoTime();
        try {
            CompiledScript script = engine.compile(name, source);
            return new Compiled(script, null, Collections.disjoint(script.calledFunctions(), offInline));
        } catch (RhaiParseException e) {
            return new Compiled(null, e);
        } finally {
            if (metrics != null) {
                metrics.compiled(System.nanoTime() - start);
            }
        }
    }

    /** Drops least recently used entries until the cache is back to its bound. Rare: only past the bound. */
    private synchronized void evict() {
        while (entries.size() > maxEntries) {
            Key oldestKey = null;
            long oldest = Long.MAX_VALUE;
            for (Map.Entry<Key, Entry> e : entries.entrySet()) {
                long used = e.getValue().lastUsed;
                if (used < oldest && e.getValue().task.isDone()) {
                    oldest = used;
                    oldestKey = e.getKey();
                }
            }
            if (oldestKey == null) {
                return;
            }
            entries.remove(oldestKey);
        }
    }

    int size() {
        return entries.size();
    }

    /** How many times the engine compiled a source: for tests and diagnostics. */
    long compilations() {
        return compilations.get();
    }
}
