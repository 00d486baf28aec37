package io.picloud.api;

import java.util.List;
import java.util.Map;

/**
 * A script's settings for the host APIs, kept with the script (not per version). Changing them takes effect at
 * the script's next run on every node.
 *
 * @param kvNamespace the {@code kv} namespace the script uses; null means its own (named like the script). Several
 *                    scripts of one owner may share a named namespace.
 * @param allowHosts  host names {@code http::*} may reach ({@code *.example.com} matches sub-domains); null means
 *                    the operator's default (any public host unless configured)
 * @param config      plain settings the script reads as the constant map {@code config}; never null
 * @param retry       how queued runs of the script are retried; null means {@link RetryPolicy#DEFAULT}
 * @param rateLimit   calls of the script per second (its endpoints and queued runs' submissions) on each node;
 *                    null means no limit
 */
public record ScriptSettings(String kvNamespace, List<String> allowHosts, Map<String, Object> config,
                             RetryPolicy retry, RateLimit rateLimit) {
    public static final ScriptSettings DEFAULT = new ScriptSettings(null, null, Map.of());

    /** Settings with the default retry policy and no rate limit. */
    public ScriptSettings(String kvNamespace, List<String> allowHosts, Map<String, Object> config) {
        this(kvNamespace, allowHosts, config, null, null);
    }

    public ScriptSettings {
        allowHosts = allowHosts == null ? null : List.copyOf(allowHosts);
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** The namespace {@code kv} uses for script {@code script}. */
    public String kvNamespaceOf(String script) {
        return kvNamespace == null ? script : kvNamespace;
    }

    public ScriptSettings withKvNamespace(String namespace) {
        return new ScriptSettings(namespace, allowHosts, config, retry, rateLimit);
    }

    public ScriptSettings withAllowHosts(List<String> hosts) {
        return new ScriptSettings(kvNamespace, hosts, config, retry, rateLimit);
    }

    public ScriptSettings withConfig(Map<String, Object> newConfig) {
        return new ScriptSettings(kvNamespace, allowHosts, newConfig, retry, rateLimit);
    }

    public ScriptSettings withRetry(RetryPolicy policy) {
        return new ScriptSettings(kvNamespace, allowHosts, config, policy, rateLimit);
    }

    public ScriptSettings withRateLimit(RateLimit limit) {
        return new ScriptSettings(kvNamespace, allowHosts, config, retry, limit);
    }

    /** The retry policy in force: {@link #retry}, or the default. */
    public RetryPolicy retryPolicy() {
        return retry == null ? RetryPolicy.DEFAULT : retry;
    }
}
