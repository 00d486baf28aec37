package io.picloud.host.kv.impl;

import java.util.List;
import java.util.Optional;

import io.picloud.api.HostException;
import io.picloud.api.HostPackage;
import io.picloud.api.KvRefusedException;
import io.picloud.api.KvStore;
import io.picloud.api.StoreUnavailableException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kv} host API: strongly consistent state for scripts in the {@link KvStore}, one namespace per script
 * (its own name, or the shared one of its settings). Every refusal is a {@link HostException} the script can
 * catch: {@code InvalidKey}, {@code ValueTooLarge}, {@code NotJson}, {@code TooManyKeys}, {@code NotAnInteger},
 * {@code OutOfRange}, {@code InvalidArgument}, and {@code Unavailable} while the database is away. Concurrent
 * {@code kv::incr} calls on one key share a statement ({@link IncrCombiner}); expired entries are purged by an
 * {@link ExpiryPurger} this component runs.
 */
@Component(service = HostPackage.class, configurationPid = KvHostPackage.PID)
@Designate(ocd = KvHostPackage.Config.class)
public class KvHostPackage implements HostPackage {
    static final String PID = "io.picloud.host.kv";
    /** The longest expiry, in seconds: ten years. */
    static final long MAX_TTL_SECONDS = 10L * 366 * 24 * 3600;
    private static final Logger logger = LoggerFactory.getLogger(KvHostPackage.class);

    @ObjectClassDefinition(name = "PiCloud kv host API", description = "Limits of the kv::* functions of scripts.")
    public @interface Config {
        @AttributeDefinition(description = "Longest key, in UTF-8 bytes (at most 512, what the database holds)")
        int maxKeyBytes() default KvStore.MAX_KEY_BYTES;

        @AttributeDefinition(description = "Largest value, in bytes of its JSON text")
        long maxValueBytes() default 1L << 20;

        @AttributeDefinition(description = "Most live keys in one namespace; a new key beyond it fails with "
                + "TooManyKeys (0 = unlimited)")
        long maxKeysPerNamespace() default 100_000;

        @AttributeDefinition(description = "Most keys one kv::keys call returns (and the largest limit it takes)")
        int maxKeysListed() default 1_000;

        @AttributeDefinition(description = "Expired entries deleted per statement by the purger")
        int purgeBatchSize() default 500;

        @AttributeDefinition(description = "Concurrent kv::incr calls on one key share one statement (false: one "
                + "statement per call, for comparison)")
        boolean combineIncrements() default true;
    }

    /** The limits in force. */
    record Limits(int maxKeyBytes, long maxValueBytes, long maxKeys, int maxListed, boolean combine) {
        Limits(int maxKeyBytes, long maxValueBytes, long maxKeys, int maxListed) {
            this(maxKeyBytes, maxValueBytes, maxKeys, maxListed, true);
        }

        static Limits of(Config c) {
            return new Limits(Math.max(1, Math.min(c.maxKeyBytes(), KvStore.MAX_KEY_BYTES)),
                    Math.max(1, c.maxValueBytes()), Math.max(0, c.maxKeysPerNamespace()),
                    Math.max(1, c.maxKeysListed()), c.combineIncrements());
        }
    }

    private final KvStore store;
    private final ExpiryPurger purger;
    private final IncrCombiner incrs = new IncrCombiner();
    private final java.util.function.LongConsumer expiryListener;
    private volatile Limits limits;

    @Activate
    public KvHostPackage(@Reference KvStore store, Config config) {
        this(store, Limits.of(config), config.purgeBatchSize());
    }

    /** For tests: no purger runs when {@code purgeBatchSize} is 0. */
    KvHostPackage(KvStore store, Limits limits, int purgeBatchSize) {
        this.store = store;
        this.limits = limits;
        this.purger = purgeBatchSize > 0 ? new ExpiryPurger(store, purgeBatchSize) : null;
        this.expiryListener = purger == null ? null : purger::expiresIn;
        if (purger != null) {
            purger.start();
            store.addExpiryListener(expiryListener); // expiries set here: scripts, and REST in this container
        }
    }

    @Modified
    void modified(Config config) {
        limits = Limits.of(config);
    }

    @Deactivate
    void deactivate() {
        if (purger != null) {
            store.removeExpiryListener(expiryListener);
            purger.stop();
        }
    }

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public void register(Registry r) {
        r.function("kv::get", 1, (c, a) -> get(c, a.get(0), null));
        r.function("kv::get", 2, (c, a) -> get(c, a.get(0), a.get(1)));
        r.function("kv::set", 2, (c, a) -> set(c, a.get(0), a.get(1), null));
        r.function("kv::set", 3, (c, a) -> set(c, a.get(0), a.get(1), a.get(2)));
        r.function("kv::delete", 1, (c, a) -> delete(c, a.get(0)));
        r.function("kv::incr", 1, (c, a) -> incr(c, a.get(0), 1L));
        r.function("kv::incr", 2, (c, a) -> incr(c, a.get(0), a.get(1)));
        r.function("kv::cas", 3, (c, a) -> cas(c, a.get(0), a.get(1), a.get(2)));
        r.function("kv::keys", 1, (c, a) -> keys(c, a.get(0), null));
        r.function("kv::keys", 2, (c, a) -> keys(c, a.get(0), a.get(1)));
    }

    Object get(Call call, Object key, Object dflt) throws HostException {
        String k = key(key);
        Optional<KvStore.Entry> entry = guarded(() -> store.get(namespace(call), k));
        return entry.isPresent() ? KvJson.read(entry.get().json()) : dflt;
    }

    /** {@code value} () deletes the key: a key holds () only by being absent. */
    Object set(Call call, Object key, Object value, Object ttl) throws HostException {
        String k = key(key);
        long ttlMillis = ttl == null ? 0 : ttlMillis(ttl);
        if (value == null) {
            guarded(() -> store.delete(namespace(call), k));
            return null;
        }
        String json = json(value);
        Limits l = limits;
        guarded(() -> store.set(namespace(call), k, json, ttlMillis, l.maxKeys()));
        return null;
    }

    Object delete(Call call, Object key) throws HostException {
        String k = key(key);
        return guarded(() -> store.delete(namespace(call), k));
    }

    Object incr(Call call, Object key, Object by) throws HostException {
        String k = key(key);
        if (!(by instanceof Long n)) {
            throw new HostException("NotAnInteger", "kv::incr adds an INT, not " + typeOf(by));
        }
        String ns = namespace(call);
        Limits l = limits;
        if (!l.combine()) {
            return guarded(() -> store.incr(ns, k, n, l.maxKeys()));
        }
        return guarded(() -> incrs.incr(ns, k, n, sum -> store.incr(ns, k, sum, l.maxKeys())));
    }

    Object cas(Call call, Object key, Object expected, Object newValue) throws HostException {
        String k = key(key);
        String want = expected == null ? null : json(expected);
        String next = newValue == null ? null : json(newValue);
        return guarded(() -> store.cas(namespace(call), k, want, next, limits.maxKeys()));
    }

    Object keys(Call call, Object prefix, Object limit) throws HostException {
        if (!(prefix instanceof String p)) {
            throw new HostException("InvalidKey", "a key prefix is a string, not " + typeOf(prefix));
        }
        Limits l = limits;
        if (utf8Length(p) > l.maxKeyBytes()) {
            throw new HostException("InvalidKey", "the prefix is longer than " + l.maxKeyBytes()
                    + " bytes (maxKeyBytes)");
        }
        int n = l.maxListed();
        if (limit != null) {
            if (!(limit instanceof Long lim) || lim < 1 || lim > l.maxListed()) {
                throw new IllegalArgumentException("the limit of kv::keys is an INT from 1 to " + l.maxListed()
                        + " (maxKeysListed)");
            }
            n = (int) (long) lim;
        }
        int max = n;
        List<String> keys = guarded(() -> store.keys(namespace(call), p, max));
        return new java.util.ArrayList<Object>(keys);
    }

    private static String namespace(Call call) {
        return call.settings().kvNamespaceOf(call.script());
    }

    /** A valid key: a non-empty string of at most maxKeyBytes UTF-8 bytes, without control characters. */
    String key(Object key) throws HostException {
        if (!(key instanceof String k)) {
            throw new HostException("InvalidKey", "a key is a string, not " + typeOf(key));
        }
        if (k.isEmpty()) {
            throw new HostException("InvalidKey", "a key is not empty");
        }
        int max = limits.maxKeyBytes();
        if (utf8Length(k) > max) {
            throw new HostException("InvalidKey", "the key is longer than " + max + " bytes (maxKeyBytes)");
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new HostException("InvalidKey", "a key holds no control characters (found U+"
                        + String.format("%04X", (int) c) + ")");
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < k.length()
                    && Character.isLowSurrogate(k.charAt(++i)))) {
                throw new HostException("InvalidKey", "the key is not valid Unicode (a lone surrogate)");
            }
        }
        return k;
    }

    private String json(Object value) throws HostException {
        long max = limits.maxValueBytes();
        String json = KvJson.write(value, max);
        if (json.length() * 3L > max && utf8Length(json) > max) {
            throw new HostException("ValueTooLarge", "the value's JSON is larger than " + max
                    + " bytes (maxValueBytes)");
        }
        return json;
    }

    private static long ttlMillis(Object ttl) {
        double seconds;
        if (ttl instanceof Long l) {
            seconds = l;
        } else if (ttl instanceof Double d) {
            seconds = d;
        } else {
            throw new IllegalArgumentException("ttl_seconds is an INT or FLOAT number of seconds, not " + typeOf(ttl));
        }
        if (!(seconds > 0) || seconds > MAX_TTL_SECONDS) {
            throw new IllegalArgumentException("ttl_seconds must be above 0 and at most " + MAX_TTL_SECONDS
                    + " (ten years), not " + ttl);
        }
        return Math.max(1, Math.round(seconds * 1000));
    }

    /** One store operation, its refusals and outages as the script's errors. */
    private static <T> T guarded(StoreCall<T> op) throws HostException {
        try {
            return op.run();
        } catch (KvRefusedException e) {
            throw new HostException(switch (e.reason()) {
                case NOT_AN_INTEGER -> "NotAnInteger";
                case OUT_OF_RANGE -> "OutOfRange";
                case TOO_MANY_KEYS -> "TooManyKeys";
            }, e.getMessage());
        } catch (StoreUnavailableException e) {
            throw new HostException("Unavailable", "the kv store is unavailable (the database cannot be reached); "
                    + "try again later");
        } catch (IllegalStateException e) {
            logger.warn("kv store failure: {}", e.getMessage());
            throw new HostException("StoreError", "the kv store failed; see the server's log");
        }
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T run();
    }

    static String typeOf(Object v) {
        if (v == null) {
            return "()";
        }
        if (v instanceof Long) {
            return "an INT";
        }
        if (v instanceof Double) {
            return "a FLOAT";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a bool";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof java.util.Map) {
            return "an object map";
        }
        return "a " + KvJson.typeName(v);
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
