package io.picloud.manager.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.picloud.api.RateLimit;
import io.picloud.api.RetryPolicy;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptSettings;
import io.picloud.api.control.OperationException;
import io.picloud.store.json.ConfigJson;

/**
 * What a script's settings may hold; each refusal names its field: INVALID for the host-API settings, UNPROCESSABLE
 * for a retry policy or rate limit out of bounds. Public for the REST layer, which builds retry policies and rate
 * limits from what a client sent.
 */
public final class ScriptSettingsRules {
    static final int MAX_HOSTS = 100;
    static final int MAX_CONFIG_BYTES = 64 * 1024;
    public static final int MAX_ATTEMPTS = 20;
    public static final long MAX_BACKOFF_MILLIS = 3_600_000;
    public static final double MAX_PER_SECOND = 100_000;
    public static final int MAX_BURST = 100_000;
    private static final Pattern ERROR_KIND = Pattern.compile("Error[A-Za-z]{1,60}");
    /** A DNS name, optionally starting with {@code *.} for its sub-domains. */
    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private ScriptSettingsRules() {
    }

    /** The settings as stored: host names lower-cased; refusals as INVALID. */
    static ScriptSettings checked(ScriptSettings s) {
        if (s.kvNamespace() != null && !ScriptNames.isValid(s.kvNamespace())) {
            throw OperationException.invalid("kvNamespace",
                    "a kv namespace is named like a script: 1 to 63 characters of a-z, 0-9 and '-'");
        }
        List<String> hosts = s.allowHosts() == null ? null : normalised(s.allowHosts());
        if (ConfigJson.write(s.config()).getBytes(StandardCharsets.UTF_8).length > MAX_CONFIG_BYTES) {
            throw OperationException.invalid("config", "config is larger than " + MAX_CONFIG_BYTES + " bytes of JSON");
        }
        if (s.retry() != null) {
            RetryPolicy r = s.retry();
            retryPolicy(r.maxAttempts(), r.initialBackoffMillis(), r.maxBackoffMillis(), r.retryOn());
        }
        if (s.rateLimit() != null) {
            rateLimit(s.rateLimit().perSecond(), s.rateLimit().burst());
        }
        return new ScriptSettings(s.kvNamespace(), hosts, s.config(), s.retry(), s.rateLimit());
    }

    /**
     * A retry policy from its parts, a null part taking {@link RetryPolicy#DEFAULT}'s: 1 to {@link #MAX_ATTEMPTS}
     * attempts, {@code 0 <= initial <= max <= }{@link #MAX_BACKOFF_MILLIS}, and {@code retryOn} naming categories
     * ({@link RetryPolicy#CATEGORIES}) or error kinds ({@code ErrorArithmetic}).
     */
    public static RetryPolicy retryPolicy(Integer maxAttempts, Long initialBackoffMillis, Long maxBackoffMillis,
                                          List<String> retryOn) {
        RetryPolicy d = RetryPolicy.DEFAULT;
        int attempts = maxAttempts == null ? d.maxAttempts() : maxAttempts;
        long initial = initialBackoffMillis == null ? d.initialBackoffMillis() : initialBackoffMillis;
        long max = maxBackoffMillis == null ? Math.max(initial, d.maxBackoffMillis()) : maxBackoffMillis;
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw unprocessable("retry.maxAttempts", "maxAttempts must be an integer from 1 to " + MAX_ATTEMPTS);
        }
        if (initial < 0 || initial > MAX_BACKOFF_MILLIS) {
            throw unprocessable("retry.initialBackoffMillis", "initialBackoffMillis must be from 0 to "
                    + MAX_BACKOFF_MILLIS + " (one hour)");
        }
        if (max < initial || max > MAX_BACKOFF_MILLIS) {
            throw unprocessable("retry.maxBackoffMillis", "maxBackoffMillis must be from initialBackoffMillis ("
                    + initial + ") to " + MAX_BACKOFF_MILLIS + " (one hour)");
        }
        List<String> on = retryOn == null ? d.retryOn() : retryOn;
        for (String kind : on) {
            if (kind == null || !(RetryPolicy.CATEGORIES.contains(kind) || ERROR_KIND.matcher(kind).matches())) {
                throw unprocessable("retry.retryOn", "retryOn names categories (" + String.join(", ",
                        new java.util.TreeSet<>(RetryPolicy.CATEGORIES)) + ") or error kinds such as "
                        + "ErrorArithmetic, not '" + kind + "'");
            }
        }
        return new RetryPolicy(attempts, initial, max, on.stream().distinct().toList());
    }

    /**
     * A rate limit from its parts: {@code 0 < perSecond <= }{@link #MAX_PER_SECOND}, {@code 1 <= burst <=}
     * {@link #MAX_BURST}; a null burst is {@code perSecond} rounded up.
     */
    public static RateLimit rateLimit(Double perSecond, Integer burst) {
        if (perSecond == null || !(perSecond > 0) || perSecond > MAX_PER_SECOND) {
            throw unprocessable("rateLimit.perSecond", "perSecond must be a number above 0 and at most "
                    + (long) MAX_PER_SECOND);
        }
        int b = burst == null ? (int) Math.ceil(perSecond) : burst;
        if (b < 1 || b > MAX_BURST) {
            throw unprocessable("rateLimit.burst", "burst must be an integer from 1 to " + MAX_BURST);
        }
        return new RateLimit(perSecond, b);
    }

    private static OperationException unprocessable(String field, String message) {
        return new OperationException(OperationException.Kind.UNPROCESSABLE,
                "invalid_" + field.replace('.', '_').toLowerCase(Locale.ROOT), message, field, 0, null);
    }

    private static List<String> normalised(List<String> hosts) {
        if (hosts.size() > MAX_HOSTS) {
            throw OperationException.invalid("allowHosts", "at most " + MAX_HOSTS + " host names");
        }
        return hosts.stream().map(h -> {
            String host = h == null ? "" : h.strip().toLowerCase(Locale.ROOT);
            if (host.length() > 253 || !HOST.matcher(host).matches()) {
                throw OperationException.invalid("allowHosts", "not a host name: '" + h
                        + "' (names like api.example.com, or *.example.com for its sub-domains)");
            }
            return host;
        }).distinct().toList();
    }
}
