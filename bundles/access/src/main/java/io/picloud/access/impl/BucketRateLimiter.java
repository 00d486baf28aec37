package io.picloud.access.impl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.picloud.api.RateLimit;
import io.picloud.api.ScriptChangeListener;
import io.picloud.api.ScriptSettings;
import io.picloud.api.ScriptStore;
import io.picloud.api.control.KnownScripts;
import io.picloud.api.control.RateLimiter;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@link RateLimiter} with the buckets in memory on this node. A script's limit is its settings' {@code rateLimit},
 * read once ({@link ScriptStore#settings}) and cached until the script changes (the store's notifications); a
 * bucket is made at a script's or key's first limited call and starts full. Beyond {@link Config#maxBuckets()} per
 * kind the least recently used buckets are dropped (such a bucket starts full again when next used), so memory
 * stays bounded whatever callers do. Reports its refusals as a {@link MetricSource}.
 */
@Component(service = {RateLimiter.class, MetricSource.class}, configurationPid = RateLimiter.PID)
@Designate(ocd = BucketRateLimiter.Config.class)
public class BucketRateLimiter implements RateLimiter, MetricSource, ScriptChangeListener {
    @ObjectClassDefinition(name = "PiCloud rate limits",
            description = "Token buckets per API key on the REST API (per-script limits are script settings)")
    public @interface Config {
        @AttributeDefinition(description = "REST API calls per second allowed to each API key on this node; "
                + "0 turns the per-key limit off")
        double keyPerSecond() default 0;

        @AttributeDefinition(description = "Calls an API key may make at once after being idle (the bucket size); "
                + "0 means max(1, keyPerSecond)")
        int keyBurst() default 0;

        @AttributeDefinition(description = "Buckets kept per kind (scripts, keys); beyond it the least recently "
                + "used are dropped")
        int maxBuckets() default 10_000;
    }

    /** A script's limit as cached; {@code limit} null for none. */
    private record ScriptLimit(RateLimit limit) {
    }

    private static final ScriptLimit UNLIMITED = new ScriptLimit(null);

    private final ScriptStore scripts;
    private final KnownScripts known;
    private final LongSupplier nanoTime;
    private final LruCache<String, ScriptLimit> limits;
    private final AtomicLong changes = new AtomicLong();
    private final LongAdder scriptRefusals = new LongAdder();
    private final LongAdder keyRefusals = new LongAdder();
    private final LongAdder settingsReads = new LongAdder();
    private volatile LruCache<String, TokenBucket> scriptBuckets;
    private volatile LruCache<Long, TokenBucket> keyBuckets;
    private volatile RateLimit keyLimit;

    @Activate
    public BucketRateLimiter(@Reference ScriptStore scripts, @Reference KnownScripts known, Config config) {
        this(scripts, known, config, System::nanoTime);
    }

    BucketRateLimiter(ScriptStore scripts, KnownScripts known, Config config, LongSupplier nanoTime) {
        this.scripts = scripts;
        this.known = known;
        this.nanoTime = nanoTime;
        this.limits = new LruCache<>(Math.max(1, config.maxBuckets()));
        modified(config);
        scripts.addChangeListener(this);
    }

    @Modified
    void modified(Config config) {
        int max = Math.max(1, config.maxBuckets());
        scriptBuckets = new LruCache<>(max);
        keyBuckets = new LruCache<>(max);
        double perSecond = config.keyPerSecond();
        keyLimit = perSecond > 0 && !Double.isInfinite(perSecond)
                ? new RateLimit(perSecond, config.keyBurst() > 0 ? config.keyBurst()
                        : (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(perSecond))))
                : null;
    }

    @Deactivate
    void deactivate() {
        scripts.removeChangeListener(this);
    }

    @Override
    public Admission admitScript(String script) {
        RateLimit limit = limitOf(script, true).limit();
        if (limit == null) {
            return Admission.ADMITTED;
        }
        long wait = bucket(scriptBuckets, script, limit).take(nanoTime.getAsLong());
        if (wait == 0) {
            return Admission.ADMITTED;
        }
        scriptRefusals.increment();
        return new Admission(wait);
    }

    @Override
    public boolean limits(String script) {
        ScriptLimit cached = limits.get(script);
        if (cached != null) {
            return cached.limit() != null;
        }
        return known.mayExist(script); // unknown here: reading it may block, so the caller takes the blocking path
    }

    @Override
    public Admission admitKey(long keyId) {
        RateLimit limit = keyLimit;
        if (limit == null) {
            return Admission.ADMITTED;
        }
        long wait = bucket(keyBuckets, keyId, limit).take(nanoTime.getAsLong());
        if (wait == 0) {
            return Admission.ADMITTED;
        }
        keyRefusals.increment();
        return new Admission(wait);
    }

    private ScriptLimit limitOf(String script, boolean load) {
        ScriptLimit cached = limits.get(script);
        if (cached != null || !load) {
            return cached;
        }
        if (!known.mayExist(script)) {
            return UNLIMITED; // not cached: random names would push the real ones out
        }
        long before = changes.get();
        settingsReads.increment();
        Optional<ScriptSettings> settings = scripts.settings(script);
        ScriptLimit loaded = settings.map(s -> s.rateLimit() == null ? UNLIMITED : new ScriptLimit(s.rateLimit()))
                .orElse(UNLIMITED);
        limits.put(script, loaded);
        if (changes.get() != before) {
            limits.remove(script); // a change raced with the read: the next call reads again
        }
        return loaded;
    }

    private <K> TokenBucket bucket(LruCache<K, TokenBucket> buckets, K key, RateLimit limit) {
        TokenBucket bucket = buckets.get(key);
        if (bucket == null || !bucket.limit().equals(limit)) {
            // two first calls at once may each make one: the loser's token is lost, which only errs towards admitting
            bucket = new TokenBucket(limit, nanoTime.getAsLong());
            buckets.put(key, bucket);
        }
        return bucket;
    }

    @Override
    public void scriptChanged(String name) {
        changes.incrementAndGet();
        limits.remove(name);
    }

    @Override
    public void collect(MetricWriter out) {
        String help = "Calls refused with 429 by a rate limit on this node";
        out.counter("picloud_rate_limit_refusals", help, Map.of("limit", "script"), scriptRefusals.sum());
        out.counter("picloud_rate_limit_refusals", help, Map.of("limit", "key"), keyRefusals.sum());
        out.gauge("picloud_rate_limit_buckets", "Token buckets held in memory on this node",
                Map.of("limit", "script"), scriptBuckets.size());
        out.gauge("picloud_rate_limit_buckets", "Token buckets held in memory on this node",
                Map.of("limit", "key"), keyBuckets.size());
        out.counter("picloud_rate_limit_settings_reads", "Reads of a script's settings by the rate limiter "
                + "(cache misses; unknown scripts cost none)", Map.of(), settingsReads.sum());
    }
}
